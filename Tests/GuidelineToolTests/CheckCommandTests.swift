import Foundation
import GuidelineTool
import Testing

/// `guideline check`.
@Suite struct CheckCommandTests {
    @Test func bundledRulesetChecksClean() {
        let output = CheckCommand(directories: [bundledRulesetPath]).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("ruleset 'spine-metastases' 1.0.0"))
        // Counts with their plurals: the bundled guideline has one table.
        #expect(output.stdout.contains(" facts, 2 scores, 1 table, "), "\(output.stdout)")
        #expect(output.stdout.contains("sha256:"))
        #expect(!output.stderr.contains("error:"))
        // seed-003 carries no date and its note says so: no warning, so the strict check passes too.
        #expect(!output.stderr.contains("warning:"), "\(output.stderr)")
        let strict = CheckCommand(directories: [bundledRulesetPath], warningsAsErrors: true).run()
        #expect(strict.exitCode == 0, "\(strict.stderr)")
    }

    @Test func undatedSourceWarnsUnlessItsNoteNamesTheDate() throws {
        let copy = try copyOfBundledRuleset()
        let manifest = "\(copy)/ruleset.yaml"
        try replaceOnce(
            in: manifest, "The stored text carries no \"Last updated\" date and", with: "The stored text has")
        try replaceOnce(
            in: manifest, "no byline, so no date or year is given here rather than an invented one.", with: "no byline."
        )
        let output = CheckCommand(directories: [copy]).run()
        #expect(output.exitCode == 0)
        #expect(output.stderr.contains("warning: source 'seed-003' gives no 'year' or 'date' [rules.undated-source]"))
        #expect(CheckCommand(directories: [copy], warningsAsErrors: true).run().exitCode == 1)
    }

    @Test func brokenCopyFailsWithALocatedDiagnostic() throws {
        let copy = try copyOfBundledRuleset()
        let file = "\(copy)/physical-therapy.yaml"
        let line =
            try #require(
                try readText(file).split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0 == "    when: sins.band == stable" }) + 1
        try replaceOnce(in: file, "    when: sins.band == stable\n", with: "    when: sins.band == stabel\n")
        let output = CheckCommand(directories: [copy]).run()
        #expect(output.exitCode == 1)
        #expect(output.stdout.isEmpty, "no summary for a ruleset with errors")
        #expect(output.stderr.contains("\(file):\(line):"), "\(output.stderr)")
        #expect(output.stderr.contains("error:"))
        #expect(output.stderr.contains("stabel"))
    }

    @Test func jsonFormatParsesWithLocations() throws {
        let clean = CheckCommand(directories: [bundledRulesetPath], format: .json).run()
        #expect(clean.exitCode == 0)
        let cleanList = try #require(try parseJSON(clean.stdout) as? [[String: Any]])
        #expect(cleanList.isEmpty, "the bundled ruleset has no diagnostics")

        let copy = try copyOfBundledRuleset()
        let file = "\(copy)/physical-therapy.yaml"
        try replaceOnce(in: file, "    when: sins.band == stable\n", with: "    when: sins.band == stabel\n")
        let broken = CheckCommand(directories: [copy], format: .json).run()
        #expect(broken.exitCode == 1)
        let list = try #require(try parseJSON(broken.stdout) as? [[String: Any]])
        let error = try #require(list.first { $0["severity"] as? String == "error" })
        #expect(error["file"] as? String == file)
        let brokenText = try String(contentsOfFile: file, encoding: .utf8)
        let brokenLine = brokenText.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0 == "    when: sins.band == stabel" }.map { $0 + 1 }
        #expect(error["line"] as? Int == brokenLine)
        let column = try #require(error["column"] as? Int)
        #expect(column > 4)
        #expect(error["message"] is String)
    }

    @Test func warningsAsErrors() throws {
        let copy = try copyOfBundledRuleset()
        try replaceOnce(
            in: "\(copy)/ruleset.yaml", "The stored text carries no \"Last updated\" date and",
            with: "The stored text has")
        try replaceOnce(
            in: "\(copy)/ruleset.yaml", "no byline, so no date or year is given here rather than an invented one.",
            with: "no byline.")
        let output = CheckCommand(directories: [copy], warningsAsErrors: true).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("error: source 'seed-003' gives no 'year' or 'date'"))
        let json = CheckCommand(directories: [copy], format: .json, warningsAsErrors: true).run()
        #expect(json.exitCode == 1)
        let list = try #require(try parseJSON(json.stdout) as? [[String: Any]])
        #expect(list.map { $0["severity"] as? String } == ["error"])
        #expect((list.first?["file"] as? String)?.hasSuffix("/ruleset.yaml") == true)
        #expect(list.first?["line"] is Int && list.first?["column"] is Int)
    }

    @Test func missingDirectoryFails() {
        let output = CheckCommand(directories: ["/nonexistent/guideline-\(UUID().uuidString)"]).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("rules.no-manifest"))
    }
}
