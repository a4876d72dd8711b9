import Foundation
import GuidelineTool
import Testing

/// A few runs of the built `guideline` executable (found next to the test bundle), from the repository
/// root as a user would run it. Skipped when the executable cannot be located.
@Suite(.enabled(if: guidelineExecutable != nil, "the guideline executable was not found next to the test bundle"))
struct EndToEndTests {
    @Test func checkBundledRuleset() throws {
        let output = try runGuideline(["check", "Rules/spine-metastases"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Rules/spine-metastases: ruleset 'spine-metastases' 1.0.0"))
        let strict = try runGuideline(["check", "--warnings-as-errors", "Rules/spine-metastases"])
        #expect(strict.exitCode == 0, "the README's example: \(strict.stderr)")
        let json = try runGuideline(["check", "--format", "json", "Rules/spine-metastases"])
        #expect(json.exitCode == 0)
        #expect(try parseJSON(json.stdout) is [Any])
    }

    @Test func evaluateMatchesTheSnapshotAndTheLibrary() throws {
        let output = try runGuideline([
            "evaluate", "--rules", "Rules/spine-metastases", "Rules/spine-metastases/examples/unstable-t12.yaml",
        ])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("\u{1B}["), "no colour when not a terminal")
        let snapshot = try readText(snapshotDirectory.appendingPathComponent("unstable-t12.txt").path)
        #expect(maskFingerprints(output.stdout) == maskFingerprints(snapshot))
    }

    @Test func versionHelpAndUsageErrors() throws {
        let version = try runGuideline(["--version"])
        #expect(version.exitCode == 0 && version.stdout == "0.1.0\n", "\(version.stdout)")
        let help = try runGuideline(["evaluate", "--help"])
        #expect(help.stdout.contains("Examples:") && help.stdout.contains("Exit codes: 0 every case evaluated"))
        // Every subcommand the top-level help lists (those of the configuration: `serve` too in a server
        // build), asked either way, shows examples and exit codes; those that write output list 74.
        let top = try runGuideline(["--help"])
        #expect(top.exitCode == 0 && top.stdout.contains("Exit codes: 0 success"), "\(top.stdout)")
        #expect(Self.unwrapped(top.stdout).contains("74 output could not be written"), "\(top.stdout)")
        let subcommands = Self.subcommands(listedIn: top.stdout)
        #expect(Set(["check", "evaluate", "test", "facts", "template"]).isSubset(of: subcommands), "\(subcommands)")
        for name in subcommands {
            for arguments in [[name, "--help"], ["help", name]] {
                let output = try runGuideline(arguments)
                let shown = arguments.joined(separator: " ")
                #expect(output.exitCode == 0, "\(shown): \(output.stderr)")
                #expect(output.stdout.contains("USAGE: guideline \(name)"), "\(shown): \(output.stdout)")
                #expect(output.stdout.contains("Examples:\n  guideline \(name) "), "\(shown): \(output.stdout)")
                #expect(output.stdout.contains("Exit codes: 0 "), "\(shown): \(output.stdout)")
                if name != "serve" {
                    // `serve` writes nothing to standard output (its log goes to standard error).
                    #expect(
                        Self.unwrapped(output.stdout).contains("74 output could not be written"),
                        "\(shown): \(output.stdout)")
                }
            }
        }
        // Outside a repository: a plain error, not the top-level usage.
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let check = try runGuideline(["check"], in: elsewhere)
        #expect(check.exitCode == 64)
        #expect(
            check.stderr == "error: no ruleset found under ./Rules; name a ruleset directory: guideline check DIR\n",
            "\(check.stderr)")
        // Batch-only options with another format are a usage error, not ignored.
        let batchOnly = try runGuideline([
            "evaluate", "--max-cases", "5", "Rules/spine-metastases/examples/unstable-t12.yaml",
        ])
        #expect(batchOnly.exitCode == 64)
        #expect(batchOnly.stderr.contains("--max-cases applies to batches only: add --format jsonl"))
        #expect(
            try runGuideline([
                "evaluate", "--jobs", "2", "--format", "json", "Rules/spine-metastases/examples/unstable-t12.yaml",
            ]).exitCode == 64)
        // Text-only options with JSON are a usage error too (the JSON always holds the summary and whole notes).
        for (option, format) in [("--brief", "json"), ("--notes", "json"), ("--brief", "jsonl")] {
            let textOnly = try runGuideline([
                "evaluate", option, "--format", format, "Rules/spine-metastases/examples/unstable-t12.yaml",
            ])
            #expect(textOnly.exitCode == 64, "\(option) --format \(format)")
            #expect(textOnly.stderr.contains("\(option) applies to text and markdown only"), "\(textOnly.stderr)")
        }
        #expect(
            try runGuideline([
                "evaluate", "--brief", "--format", "markdown", "Rules/spine-metastases/examples/unstable-t12.yaml",
            ]).exitCode == 0)
    }

    /// The subcommand names in the `SUBCOMMANDS:` section of the top-level help (`help` is not listed).
    static func subcommands(listedIn help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            // An entry starts with two spaces and its name; a wrapped abstract is indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    /// Help text with the line breaks of its wrapping taken out (every run of white space one space).
    static func unwrapped(_ help: String) -> String {
        help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
            "script(1) gives the command a terminal"))
    func readingStandardInputOnATerminalSaysSo() throws {
        let executable = try #require(guidelineExecutable).path
        // script(1) runs the command on a pseudo-terminal; timeout ends it if it waits for input.
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-q", "-c", "timeout 5 '\(executable)' evaluate", "/dev/null"],
            stdin: "")
        #expect(output.stdout.contains("reading a case from standard input (end with Ctrl-D)"), "\(output.stdout)")
        // Not on a terminal (a pipe): nothing is said, the case is read.
        let piped = try runGuideline(["evaluate", "-"], stdin: "facts: {spine.level: T12}\n")
        #expect(!piped.stderr.contains("reading a case from standard input"))
        #expect(piped.exitCode == 0)
    }

    @Test func benchHelpAndUnknownFlagsRunNoBenchmark() throws {
        let help = try runBench(["--help"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.hasPrefix("usage: guideline-bench"), "\(help.stdout)")
        #expect(!help.stdout.contains("load ruleset"), "no benchmark ran")
        let unknown = try runBench(["--cases", "10", "--bogus"])
        #expect(unknown.exitCode == 64)
        #expect(unknown.stderr.contains("error: unknown argument '--bogus'"))
        #expect(unknown.stdout.isEmpty)
        let notANumber = try runBench(["--cases", "many"])
        #expect(notANumber.exitCode == 64)
        #expect(notANumber.stderr.contains("--cases takes a whole number, not 'many'"))
        let generated = try runBench(["--generate", "2"])
        #expect(generated.exitCode == 0 && generated.stdout.split(separator: "\n").count == 2)
    }

    @Test func evaluateJSONLFromStdin() throws {
        let stdin =
            [
                #"{"case": "a", "facts": {"spine.level": "T12"}}"#,
                #"{"case": "b", "facts": {"spine.level": "T13"}}"#,
                "",
                #"{"case": "c", "facts": {}}"#,
            ].joined(separator: "\n") + "\n"
        let output = try runGuideline(["evaluate", "--format", "jsonl", "-"], stdin: stdin)
        #expect(output.exitCode == 1)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "a header and three lines")
        #expect(lines[2].hasPrefix(#"{"line":2,"#))
        // Without --rules, the only ruleset under ./Rules is used.
        #expect(lines[0].contains(#""id":"spine-metastases""#))
    }

    @Test func usageErrorsExit64() throws {
        let output = try runGuideline([
            "evaluate", "--why-not", "no-such-rule", "Rules/spine-metastases/examples/unstable-t12.yaml",
        ])
        #expect(output.exitCode == 64)
        #expect(output.stderr.contains("--why-not names no rule: 'no-such-rule'"))
        let explain = try runGuideline([
            "evaluate", "--explain", "some", "Rules/spine-metastases/examples/unstable-t12.yaml",
        ])
        #expect(explain.exitCode == 64)
    }

    /// The template's own comment names the command that evaluates it against the ruleset it was made from,
    /// even in the repository root (where `evaluate` without `--rules` would use the bundled ruleset) and
    /// for a directory whose name the shell would split.
    @Test func templateSaysHowToEvaluateItAgainstItsRuleset() throws {
        let bundled = try runGuideline(["template"])
        #expect(bundled.exitCode == 0, "\(bundled.stderr)")
        #expect(
            bundled.stdout.contains(
                "\n# Evaluate it with: guideline evaluate --rules Rules/spine-metastases THIS-FILE\n"))
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let rules = scratch.appendingPathComponent("a copy's rules").path
        try FileManager.default.moveItem(atPath: try copyOfBundledRuleset(), toPath: rules)
        try replaceOnce(in: rules + "/ruleset.yaml", "id: spine-metastases", with: "id: the-copy")
        let template = try runGuideline(["template", rules])
        #expect(template.exitCode == 0, "\(template.stderr)")
        let line = try #require(template.stdout.split(separator: "\n").first { $0.hasPrefix("# Evaluate it with: ") })
        #expect(line == "# Evaluate it with: guideline evaluate --rules '\(scratch.path)/a copy'\\''s rules' THIS-FILE")
        // The command as written, run by the shell in the repository root, evaluates against the copy.
        try Data(template.stdout.utf8).write(to: scratch.appendingPathComponent("case.yaml"))
        let executable = try #require(guidelineExecutable).path
        let command = line.dropFirst("# Evaluate it with: guideline".count)
            .replacingOccurrences(of: "THIS-FILE", with: "'\(scratch.path)/case.yaml'")
        let output = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(executable)'\(command)"], stdin: "")
        #expect(output.exitCode == 0, "\(command): \(output.stderr)")
        #expect(output.stdout.contains("ruleset the-copy 1.0.0"), "\(output.stdout.prefix(300))")
    }

    @Test func testCommand() throws {
        let output = try runGuideline(["test", "Rules/spine-metastases"])
        #expect(output.exitCode == 0)
        #expect(output.stdout.split(separator: "\n").last?.wholeMatch(of: /\d+ passed, 0 failed/) != nil)
    }
}
