import ArgumentParser
import Foundation
import GuidelineAudit
import GuidelineEngine
import GuidelineTool

/// The `guideline` command: a thin layer over `GuidelineTool`.
@main
struct Guideline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guideline",
        abstract: "Check clinical-guideline rulesets and evaluate patient cases into explained recommendations.",
        discussion: """
            Examples:
              guideline check Rules/spine-metastases
              guideline evaluate Rules/spine-metastases/examples/unstable-t12.yaml
              guideline test Rules/spine-metastases
              guideline template Rules/spine-metastases > my-case.yaml

            Exit codes: 0 success, 1 errors found (a ruleset with errors, an invalid case, a failed test), 64 usage error, 74 output could not be written. Colour only on a terminal and never with NO_COLOR set.
            """,
        version: RulesetEvaluator.engineVersion,
        subcommands: subcommands)

    #if GUIDELINE_SERVER
    static let subcommands: [any ParsableCommand.Type] = [
        Check.self, Evaluate.self, Test.self, Facts.self, Template.self, Render.self, Audit.self, Concordance.self,
        Serve.self,
    ]
    #else
    static let subcommands: [any ParsableCommand.Type] = [
        Check.self, Evaluate.self, Test.self, Facts.self, Template.self, Render.self, Audit.self, Concordance.self,
    ]
    #endif

    /// Plain `evaluate` command lines run at once (`EvaluateArguments`), as `Evaluate` runs them; everything
    /// else goes through the full parser.
    static func main() {
        StandardStreams.reserve()
        // The arguments as bytes: a path that is not valid UTF-8 still opens its file.
        let arguments = CommandLineArguments.all()
        if var command = EvaluateArguments.parse(arguments) {
            command.colored = useColor(1)
            do {
                try runEvaluate(command)
            } catch let code as ExitCode {
                Foundation.exit(code.rawValue)
            } catch {
                exit(withError: error)
            }
        }
        parseAndRun(arguments)
    }

    /// Parses and runs `arguments` as ArgumentParser's `main` does, but writes its clean exits itself.
    ///
    /// What ArgumentParser would print on a clean exit (help, `help COMMAND`, the version, a completion script)
    /// is written with the checked writer: when that fails, `io.write-failed` on standard error and exit 74, as
    /// for every command's output. Every other error and exit code is ArgumentParser's.
    static func parseAndRun(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // A clean exit (help, version, completion script: a `CleanExit` or ArgumentParser's own request) is
            // the only error whose exit code is 0 and whose message ArgumentParser prints, to standard output;
            // an `ExitCode(0)` has no message. Every other error goes to ArgumentParser as it is.
            let code = exitCode(for: error)
            guard code.isSuccess else { exit(withError: error) }
            // ArgumentParser prints the message with a newline after it, and nothing for an empty one.
            var message = fullMessage(for: error)
            if !message.isEmpty {
                message += "\n"
                if let failure = message.withUTF8({ StandardStreams.writeAll($0, to: STDOUT_FILENO) }) {
                    StandardStreams.fail(failure)
                }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// Runs `guideline evaluate`: a batch streams each block of results as soon as it is ready; the other formats
/// write their output at once.
func runEvaluate(_ command: EvaluateCommand) throws -> Never {
    if (command.cases.isEmpty || command.cases.contains("-")) && isatty(STDIN_FILENO) == 1 {
        // Not silently waiting: say what it is waiting for.
        var notice = "reading a case from standard input (end with Ctrl-D); give case files to evaluate them\n"
        _ = notice.withUTF8 { StandardStreams.writeAll($0, to: STDERR_FILENO) }
    }
    guard command.format == .jsonl else {
        // Standard input is read as a case file is: up to the size limit, and a failed read is an error.
        try finish(command.run(readStdin: EvaluateCommand.readStandardInput))
    }
    let output = command.runBatch(stdin: { .handle(FileHandle.standardInput) }) { bytes in
        // A failed write ends the batch at once: what follows could not be written either.
        if let failure = StandardStreams.writeAll(bytes, to: STDOUT_FILENO) { StandardStreams.fail(failure) }
    }
    try finish(output)
}

/// Whether to colour output: only on a terminal, and never with NO_COLOR set.
func useColor(_ stream: Int32) -> Bool {
    // no-color.org: NO_COLOR set to a non-empty value turns colour off.
    (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty && isatty(stream) == 1
}

/// Writes a command's output and exits with its code; when writing fails, says so on standard error (if it
/// can) and exits with 74 (EX_IOERR) instead.
func finish(_ output: ToolOutput) throws -> Never {
    let output = CommandLineArguments.displayed(output)
    var stdout = output.stdout
    if let failure = stdout.withUTF8({ StandardStreams.writeAll($0, to: STDOUT_FILENO) }) {
        var stderr = output.stderr
        _ = stderr.withUTF8 { StandardStreams.writeAll($0, to: STDERR_FILENO) }
        StandardStreams.fail(failure)
    }
    var stderr = output.stderr
    if stderr.withUTF8({ StandardStreams.writeAll($0, to: STDERR_FILENO) }) != nil {
        throw ExitCode(ToolOutput.ioError)
    }
    throw ExitCode(output.exitCode)
}

extension CheckCommand.Format: ExpressibleByArgument {}
extension EvaluateCommand.Format: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile rulesets and report every problem, sorted by location.",
        discussion: """
            Examples:
              guideline check Rules/spine-metastases
              guideline check --format json Rules/spine-metastases
              guideline check --warnings-as-errors Rules/spine-metastases

            Exit codes: 0 clean (warnings allowed unless --warnings-as-errors), 1 errors, 64 usage error, 74 output could not be written.
            """)

    @Argument(help: "Ruleset directories (default: every ruleset under ./Rules).")
    var directories: [String] = []

    @Option(help: "Output format: text or json.")
    var format: CheckCommand.Format = .text

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    func run() throws {
        var directories = directories
        if directories.isEmpty {
            directories = RulesetLocator.rulesets()
            if directories.isEmpty {
                try finish(
                    ToolOutput(
                        stderr:
                            "error: no ruleset found under ./Rules; name a ruleset directory: guideline check DIR\n",
                        exitCode: ToolOutput.usage))
            }
        }
        try finish(
            CheckCommand(
                directories: directories, format: format, warningsAsErrors: warningsAsErrors, colored: useColor(2)
            ).run())
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate cases (YAML or JSON files, or JSONL batches) against a ruleset.",
        discussion: """
            Examples:
              guideline evaluate Rules/spine-metastases/examples/unstable-t12.yaml
              guideline evaluate --format markdown --notes case.yaml
              guideline evaluate --why-not pt-stable-progressive-programme case.yaml
              guideline evaluate --format jsonl - < cases.jsonl > results.jsonl
              guideline evaluate --format jsonl --shard 2/8 cases.jsonl > results-2.jsonl

            Exit codes: 0 every case evaluated, 1 some case invalid (reported with file, line and column) or some input unreadable, 64 usage error, 74 output could not be written.
            """)

    @Option(help: "The ruleset directory (default: the only ruleset under ./Rules).")
    var rules: String?

    @Option(help: "Output format: text, json, markdown or jsonl.")
    var format: EvaluateCommand.Format = .text

    @Option(name: .customLong("why-not"), help: "Explain why this rule did not fire (repeatable).")
    var whyNot: [String] = []

    @Option(help: "Explain every rule that did not fire: --explain all.")
    var explain: String?

    @Flag(help: "Text and markdown: show each recommendation's rule note in full (default: its first sentence).")
    var notes = false

    @Flag(help: "Text and markdown: only the summary and the facts to record.")
    var brief = false

    @Option(help: "Batch (jsonl): threads evaluating (default: one per core).")
    var jobs: Int?

    @Option(
        name: .customLong("max-line-bytes"), help: "Batch (jsonl): the longest input line, in bytes (default 1 MiB).")
    var maxLineBytes: Int?

    @Option(name: .customLong("max-cases"), help: "Batch (jsonl): the most cases in one batch (default 10,000,000).")
    var maxCases: Int?

    @Option(help: "Batch (jsonl): evaluate only shard i of n, such as 2/8: every n-th case, from the i-th on.")
    var shard: String?

    @Option(
        help:
            "Append a decision record for each case to this audit store (an SQLite file, made when missing, or postgres://USER@HOST:PORT/DB)."
    )
    var audit: String?

    @Option(
        name: .customLong("audit-key-file"),
        help: "The HMAC key for identifying fields in the audit store (default: $GUIDELINE_AUDIT_KEY).")
    var auditKeyFile: String?

    @Option(
        name: [.customLong("who"), .customLong("audit-user")],
        help: "Who the audit records name (default: os-user:NAME, the account running the command).")
    var auditUser: String?

    @Argument(help: "Case files; '-' or none reads standard input.")
    var cases: [String] = []

    func validate() throws {
        if let explain, explain != "all" { throw ValidationError("--explain takes 'all'") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs takes a number from 1 to 256") }
        if let maxLineBytes, maxLineBytes < 1 { throw ValidationError("--max-line-bytes takes a positive number") }
        if let maxCases, maxCases < 1 { throw ValidationError("--max-cases takes a positive number") }
        if let shard, case .failure(let error) = BatchShard.parse(shard) { throw ValidationError(error.message) }
        if format != .jsonl {
            let given = [
                ("--jobs", jobs != nil), ("--max-line-bytes", maxLineBytes != nil), ("--max-cases", maxCases != nil),
                ("--shard", shard != nil),
            ]
            if let batchOnly = given.first(where: \.1) {
                throw ValidationError("\(batchOnly.0) applies to batches only: add --format jsonl")
            }
        }
        if audit != nil && format == .jsonl {
            throw ValidationError("--audit applies to text, json and markdown: batches are not audited yet")
        }
        if audit == nil && (auditKeyFile != nil || auditUser != nil) {
            throw ValidationError("--audit-key-file and --who apply with --audit STORE only")
        }
        if format == .json || format == .jsonl {
            if brief {
                throw ValidationError(
                    "--brief applies to text and markdown only: the JSON result always holds the summary")
            }
            if notes {
                throw ValidationError(
                    "--notes applies to text and markdown only: the JSON result always holds each note in full")
            }
        }
    }

    func run() throws {
        var command = EvaluateCommand(
            rules: rules, format: format, cases: cases, whyNot: whyNot, explainAll: explain == "all",
            colored: useColor(1))
        command.limits = BatchLimits(
            maxLineBytes: maxLineBytes ?? BatchLimits.default.maxLineBytes,
            maxCases: maxCases ?? BatchLimits.default.maxCases)
        command.fullNotes = notes
        command.brief = brief
        if let jobs { command.jobs = jobs }
        if let shard, case .success(let parsed) = BatchShard.parse(shard) { command.shard = parsed }
        if let audit,
            let failure = AuditedEvaluation.attach(
                to: &command, store: audit, keyFile: auditKeyFile, who: auditUser, opener: Audit.stores)
        {
            try finish(failure)
        }
        try runEvaluate(command)
    }
}

struct Facts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the facts a ruleset declares: type, unit, range or values, default and description.",
        discussion: """
            Examples:
              guideline facts Rules/spine-metastases
              guideline facts --format json Rules/spine-metastases > facts.json

            Exit codes: 0 success, 1 the ruleset has errors, 64 usage error, 74 output could not be written.
            """)

    @Argument(help: "The ruleset directory (default: the only ruleset under ./Rules).")
    var directory: String?

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format takes text or json") }
    }

    func run() throws {
        try finish(FactsCommand(rules: directory, format: format == "json" ? .json : .text, colored: useColor(2)).run())
    }
}

extension RenderCommand.Format: ExpressibleByArgument {}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Render a ruleset as a document for clinical reviewers: scores, tables, rules in plain words, flowchart.",
        discussion: """
            Examples:
              guideline render Rules/spine-metastases --format html -o spine-metastases.html
              guideline render Rules/spine-metastases --format markdown > spine-metastases.md

            HTML needs Graphviz's 'dot' on PATH (Debian: apt-get install graphviz) for the flowchart; markdown \
            gives it as Mermaid text.

            Exit codes: 0 success, 1 the ruleset has errors or Graphviz is missing or failed, 64 usage error, \
            74 output could not be written.
            """)

    @Argument(help: "The ruleset directory (default: the only ruleset under ./Rules).")
    var directory: String?

    @Option(help: "Output format: html or markdown.")
    var format: RenderCommand.Format = .html

    @Option(name: [.customShort("o"), .long], help: "Write the document to this file (default: standard output).")
    var output: String?

    func run() throws {
        try finish(RenderCommand(rules: directory, format: format, output: output).run())
    }
}

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Print a case file with every fact of a ruleset, commented with its allowed values, ready to fill in.",
        discussion: """
            Examples:
              guideline template Rules/spine-metastases > my-case.yaml
              guideline evaluate --rules Rules/spine-metastases my-case.yaml

            Exit codes: 0 success, 1 the ruleset has errors, 64 usage error, 74 output could not be written.
            """)

    @Argument(help: "The ruleset directory (default: the only ruleset under ./Rules).")
    var directory: String?

    func run() throws {
        try finish(FactsCommand(rules: directory, format: .template, colored: useColor(2)).run())
    }
}

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the test cases that rulesets carry beside their rules.",
        discussion: """
            Examples:
              guideline test Rules/spine-metastases
              guideline test Rules/spine-metastases my-guideline
              guideline test --mutants --min-score 90 Rules/spine-metastases

            Exit codes: 0 every test passed, 1 a test failed or a ruleset or test file has errors (with --mutants: \
            or the score is below --min-score), 64 usage error, 74 output could not be written.
            """)

    @Flag(help: "Mutation testing: change the rules in small ways and report the changes no test notices.")
    var mutants = false

    @Option(name: .customLong("min-score"), help: "With --mutants: exit 1 when fewer than N% of mutants are killed.")
    var minScore: Double?

    @Argument(help: "Ruleset directories.")
    var directories: [String]

    func validate() throws {
        if minScore != nil, !mutants { throw ValidationError("--min-score applies to --mutants only") }
        if let minScore, !(0...100).contains(minScore) { throw ValidationError("--min-score takes 0 to 100") }
    }

    func run() throws {
        if mutants {
            try finish(MutantsCommand(directories: directories, minScore: minScore).run())
        } else {
            try finish(TestCommand(directories: directories, colored: useColor(1)).run())
        }
    }
}
