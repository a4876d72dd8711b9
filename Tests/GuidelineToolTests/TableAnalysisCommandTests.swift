import Foundation
import GuidelineTool
import Testing

/// Only `guideline check` analyses decision tables for gaps and overlaps; `evaluate` and `test` load without
/// it (a gap gives an unknown output when a case falls into it, never a wrong one), so the analysis is not
/// repeated on every load.
@Suite struct TableAnalysisCommandTests {
    /// A copy of the bundled ruleset whose complete table `mri.urgency` has no row for `suspected-mescc`.
    func copyWithATableGap() throws -> String {
        let copy = try copyOfBundledRuleset()
        try replaceOnce(
            in: "\(copy)/imaging.yaml",
            "      - when: {neuro.presentation: suspected-mescc}\n        then: {within: 12 h}\n", with: "")
        return copy
    }

    @Test func checkReportsTheGap() throws {
        let copy = try copyWithATableGap()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let output = CheckCommand(directories: [copy]).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("[rules.table-gap]"), "\(output.stderr)")
    }

    @Test func evaluateDoesNotAnalyseTables() throws {
        let copy = try copyWithATableGap()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let line = #"{"case":"a","facts":{"neuro.presentation":"local-back-pain"}}"# + "\n"
        let output = EvaluateCommand(rules: copy, format: .jsonl, cases: ["-"]).run(stdin: { Array(line.utf8) })
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(!output.stderr.contains("rules.table-gap"), "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 2)
    }

    @Test func testDoesNotAnalyseTables() throws {
        let copy = try copyWithATableGap()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let output = TestCommand(directories: [copy]).run()
        #expect(!output.stderr.contains("rules.table-gap"), "\(output.stderr)")
        #expect(!output.stderr.contains("no test was run"), "\(output.stderr)")
    }
}
