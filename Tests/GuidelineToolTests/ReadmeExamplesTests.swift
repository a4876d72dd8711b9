import Foundation
import GuidelineTool
import Testing

/// The README's examples run as written: every `swift run guideline ...` command of its shell blocks runs (with
/// the built executable) and neither fails to parse nor crashes, and the output the README shows is the output.
@Suite(.enabled(if: guidelineExecutable != nil, "the guideline executable was not found next to the test bundle"))
struct ReadmeExamplesTests {
    /// The README and the DocC articles (the reference moved out of the README), as one text.
    static func documentation() throws -> String {
        let catalog = repositoryRoot.appendingPathComponent("Sources/Guideline/Guideline.docc")
        let articles = try FileManager.default.contentsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".md") }
            .sorted()
        return try
            ([repositoryRoot.appendingPathComponent("README.md")] + articles.map { catalog.appendingPathComponent($0) })
            .map { try readText($0.path) }.joined(separator: "\n")
    }

    /// The commands of the `sh` blocks of the README and the DocC articles that run `guideline` (continued lines
    /// joined).
    static func commands() throws -> [String] {
        let readme = try documentation()
        var commands: [String] = []
        var inShell = false
        var pending = ""
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inShell = line == "```sh"
                pending = ""
                continue
            }
            guard inShell else { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let command = pending + line
            pending = ""
            if command.contains("swift run guideline ") { commands.append(command) }
        }
        return commands
    }

    /// The files the README's walkthrough ("Write your first ruleset") gives: a line "`path`:" and the block
    /// after it.
    static func walkthroughFiles() throws -> [(path: String, text: String)] {
        let readme = try readText(repositoryRoot.appendingPathComponent("README.md").path)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var files: [(String, String)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("`"), line.hasSuffix("`:"), index + 2 < lines.count, lines[index + 2].hasPrefix("```") {
                let path = String(line.dropFirst().dropLast(2))
                var body: [String] = []
                var cursor = index + 3
                while cursor < lines.count, !lines[cursor].hasPrefix("```") {
                    body.append(lines[cursor])
                    cursor += 1
                }
                files.append((path, body.joined(separator: "\n") + "\n"))
                index = cursor
            }
            index += 1
        }
        return files
    }

    @Test func everyGuidelineCommandRuns() throws {
        let executable = try #require(guidelineExecutable).path
        let commands = try Self.commands()
        #expect(commands.count >= 15, "\(commands)")
        // A scratch directory with the repository's rulesets, so that commands writing files write there.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: scratch.appendingPathComponent("Rules"),
            withDestinationURL: repositoryRoot.appendingPathComponent("Rules"))
        let walkthrough = try Self.walkthroughFiles()
        #expect(
            walkthrough.map(\.path) == [
                "my-guideline/ruleset.yaml", "my-guideline/rules.yaml", "my-guideline/tests/platelets.yaml",
            ])
        for file in walkthrough {
            let url = scratch.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        for command in commands {
            // A reader that stops early (`head`) makes the writer before it fail with a broken pipe whenever the
            // pipe fills before the reader quits (a pipe holds one page when the user's pipe buffers are short),
            // and `pipefail` then fails the example at random: the examples use readers that read everything.
            #expect(
                !command.contains("| head"),
                "'\(command)' pipes into head: use sed -n 1,Np or cut, which read to the end")
            let shell = command.replacingOccurrences(of: "swift run guideline ", with: "'\(executable)' ")
            let output = try run(
                URL(fileURLWithPath: "/bin/bash"), ["-o", "pipefail", "-c", shell], stdin: "", in: scratch)
            // The batch example has an invalid line on purpose (exit 1); every other example succeeds.
            let expected: Int32 = command.contains("T99") ? 1 : 0
            #expect(output.exitCode == expected, "\(command)\n\(output.stderr)")
            #expect(!output.stdout.isEmpty || command.contains(">"), "\(command) printed nothing")
        }
    }

    @Test func theWalkthroughRulesetWorksAsTheReadmeSays() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-readme-\(UUID().uuidString)")
        for file in try Self.walkthroughFiles() {
            let url = scratch.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: url)
        }
        let check = try runGuideline(["check", "--warnings-as-errors", "my-guideline"], in: scratch)
        #expect(check.exitCode == 0, "\(check.stderr)")
        let test = try runGuideline(["test", "my-guideline"], in: scratch)
        #expect(test.exitCode == 0 && test.stdout.contains("3 passed, 0 failed"), "\(test.stdout)\(test.stderr)")
        let template = try runGuideline(["template", "my-guideline"], in: scratch)
        #expect(template.stdout.contains("# Evaluate it with: guideline evaluate --rules my-guideline THIS-FILE\n"))
        let filled = template.stdout.replacingOccurrences(of: "labs.platelets: null", with: "labs.platelets: 30000 /uL")
        try Data(filled.utf8).write(to: scratch.appendingPathComponent("case.yaml"))
        let evaluated = try runGuideline(["evaluate", "--rules", "my-guideline", "case.yaml"], in: scratch)
        #expect(evaluated.exitCode == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("because labs.platelets (30000 /uL) < 50000 /uL"), "\(evaluated.stdout)")
        // The typo the README mentions is pointed at.
        try replaceOnce(
            in: scratch.appendingPathComponent("my-guideline/rules.yaml").path, "when: labs.platelets <",
            with: "when: labs.platelet <")
        let typo = try runGuideline(["check", "my-guideline"], in: scratch)
        #expect(typo.exitCode == 1 && typo.stderr.contains("did you mean 'labs.platelets'?"), "\(typo.stderr)")
    }

    /// A `sh` block of one command followed by a `text` block: the output the README shows for it.
    static func shownOutputs() throws -> [(command: String, output: String)] {
        let readme = try documentation()
        var found: [(String, String)] = []
        let blocks = readme.components(separatedBy: "```sh\n").dropFirst()
        for block in blocks {
            guard let end = block.range(of: "```\n") else { continue }
            let command = String(block[..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            let rest = block[end.upperBound...].drop { $0 == "\n" }
            guard !command.contains("\n"), rest.hasPrefix("```text\n") else { continue }
            let body = rest.dropFirst("```text\n".count)
            guard let close = body.range(of: "```\n") else { continue }
            found.append((command, String(body[..<close.lowerBound])))
        }
        return found
    }

    @Test func commandsPrintTheOutputTheReadmeShows() throws {
        let shown = try Self.shownOutputs()
        #expect(!shown.isEmpty)
        for (command, output) in shown {
            let arguments = command.replacingOccurrences(of: "swift run guideline ", with: "").split(separator: " ")
                .map(String.init)
            let actual = try runGuideline(arguments)
            #expect(actual.exitCode == 0)
            #expect(maskFingerprints(actual.stdout) == maskFingerprints(output), "\(command)")
        }
    }

    @Test func thePlantedTypoGivesTheDiagnosticTheReadmeShows() throws {
        let readme = try readText(repositoryRoot.appendingPathComponent("README.md").path)
        let intro = try #require(readme.range(of: "A planted typo (`spine.pian`)"))
        let open = try #require(readme.range(of: "```\n", range: intro.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        let shown = String(readme[open.upperBound..<close.lowerBound])
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let copy = scratch.appendingPathComponent("spine-metastases")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledRulesetPath), to: copy)
        try replaceOnce(
            in: copy.appendingPathComponent("physical-therapy.yaml").path,
            "when: sins.band == potentially-unstable and spine.pain == mechanical",
            with: "when: sins.band == potentially-unstable and spine.pian == mechanical")
        let output = try runGuideline(["check", "spine-metastases"], in: scratch)
        #expect(output.exitCode == 1)
        #expect(output.stderr == shown)
    }
}
