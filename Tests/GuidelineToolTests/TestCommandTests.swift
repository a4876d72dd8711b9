import Foundation
import GuidelineTool
import Testing

/// `guideline test`.
@Suite struct TestCommandTests {
    @Test func bundledRulesetTestsPass() throws {
        let output = TestCommand(directories: [bundledRulesetPath]).run()
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let lines = output.stdout.split(separator: "\n")
        let last = try #require(lines.last)
        let match = try #require(last.wholeMatch(of: /(\d+) passed, 0 failed/), "last line: \(last)")
        let passed = try #require(Int(match.1))
        #expect(passed > 100)
        #expect(output.stdout.contains("\(bundledRulesetPath): \(passed) test cases"))
        #expect(output.stdout.contains("every rule fired in at least one test"))
        #expect(!output.stdout.contains("FAIL"))
    }

    @Test func brokenExpectationFailsWithATable() throws {
        let copy = try copyOfBundledRuleset()
        let file = "\(copy)/tests/sins.yaml"
        // Occiput with mechanical pain scores 6, not the 3 the test expects.
        try replaceOnce(
            in: file, "{spine.level: occiput, spine.pain: none,", with: "{spine.level: occiput, spine.pain: mechanical,"
        )
        let output = TestCommand(directories: [copy]).run()
        #expect(output.exitCode == 1)
        #expect(output.stdout.contains("FAIL location occiput is junctional (3) (\(file):7:"), "\(output.stdout)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("FAIL location occiput") })
        #expect(lines[header + 1].wholeMatch(of: #/  expected +\| actual/#) != nil, "\(lines[header + 1])")
        #expect(lines[header + 2].contains("sins = 3"))
        #expect(lines[header + 2].contains("| sins = 6"))
        #expect(lines[header + 2].contains("(\(file):10:"))
        let last = try #require(lines.last)
        #expect(last.wholeMatch(of: /\d+ passed, 1 failed/) != nil, "\(last)")
    }

    @Test func brokenRulesetRunsNoTest() throws {
        let copy = try copyOfBundledRuleset()
        try replaceOnce(
            in: "\(copy)/physical-therapy.yaml", "    when: sins.band == stable\n",
            with: "    when: sins.band == stabel\n")
        let output = TestCommand(directories: [copy]).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("no test was run"))
    }
}
