import Foundation
import GuidelineTool
import Testing

/// `guideline check`.
@Suite struct CheckCommandTests {
    @Test func bundledRulesetChecksClean() {
        let output = CheckCommand(directories: [bundledRulesetPath]).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("ruleset 'spine-metastases' 1.0.0"))
        #expect(output.stdout.contains("sha256:"))
        #expect(!output.stderr.contains("error:"))
        // The one warning (an undated secondary source) is shown but does not fail the check.
        #expect(output.stderr.contains("warning: source 'seed-003' gives no 'year' or 'date' [rules.undated-source]"))
    }

    @Test func brokenCopyFailsWithALocatedDiagnostic() throws {
        let copy = try copyOfBundledRuleset()
        let file = "\(copy)/physical-therapy.yaml"
        let line = try #require(try readText(file).split(separator: "\n", omittingEmptySubsequences: false)
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
        #expect(cleanList.count == 1)
        #expect(cleanList.first?["severity"] as? String == "warning")
        #expect(cleanList.first?["code"] as? String == "rules.undated-source")
        #expect((cleanList.first?["file"] as? String)?.hasSuffix("spine-metastases/ruleset.yaml") == true)
        #expect(cleanList.first?["line"] is Int)
        #expect(cleanList.first?["column"] is Int)

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
        let output = CheckCommand(directories: [bundledRulesetPath], warningsAsErrors: true).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("error: source 'seed-003' gives no 'year' or 'date'"))
        let json = CheckCommand(directories: [bundledRulesetPath], format: .json, warningsAsErrors: true).run()
        #expect(json.exitCode == 1)
        let list = try #require(try parseJSON(json.stdout) as? [[String: Any]])
        #expect(list.map { $0["severity"] as? String } == ["error"])
    }

    @Test func missingDirectoryFails() {
        let output = CheckCommand(directories: ["/nonexistent/guideline-\(UUID().uuidString)"]).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("rules.no-manifest"))
    }
}
