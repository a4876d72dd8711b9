import ArgumentParser
import Foundation
import GuidelineTool

extension ConcordanceCommand.Format: ExpressibleByArgument {}

/// `guideline concordance`: what a cohort's actions taken and the engine's recommendations agree on.
struct Concordance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the actions taken in a cohort with what the engine recommends, per action.",
        discussion: """
            Each line of the cohort (JSONL) is a case as in a batch with "done", the action ids taken:
              {"case": "a", "facts": {"spine.level": "T12"}, "done": ["physical-therapy"]}

            Examples:
              guideline concordance --rules Rules/spine-metastases cohort.jsonl
              guideline concordance --rules Rules/spine-metastases --format markdown cohort.jsonl > report.md

            Exit codes: 0 every line counted, 1 some line not counted (reported with its line) or the cohort \
            unreadable, 64 usage error, 74 output could not be written.
            """)

    @Option(help: "The ruleset directory (default: the only ruleset under ./Rules).")
    var rules: String?

    @Option(help: "Output format: text, markdown, csv or json.")
    var format: ConcordanceCommand.Format = .text

    @Option(name: .customLong("max-line-bytes"), help: "The longest cohort line, in bytes (default 1 MiB).")
    var maxLineBytes: Int?

    @Argument(help: "The cohort (JSONL); '-' reads standard input.")
    var cohort: String

    func validate() throws {
        if let maxLineBytes, maxLineBytes < 1 { throw ValidationError("--max-line-bytes takes a positive number") }
    }

    func run() throws {
        if cohort == "-" && isatty(STDIN_FILENO) == 1 {
            // Not silently waiting: say what it is waiting for.
            var notice = "reading a cohort from standard input (end with Ctrl-D); give a cohort file to read it\n"
            _ = notice.withUTF8 { StandardStreams.writeAll($0, to: STDERR_FILENO) }
        }
        var command = ConcordanceCommand(rules: rules, cohort: cohort, format: format)
        command.colored = useColor(2)
        if let maxLineBytes { command.limits.maxLineBytes = maxLineBytes }
        try finish(command.run(stdin: { .handle(FileHandle.standardInput) }))
    }
}
