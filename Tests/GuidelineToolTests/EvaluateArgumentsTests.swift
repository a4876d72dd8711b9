import GuidelineTool
import Testing

/// The quick reading of `guideline evaluate` command lines: plain valid forms are read, everything else is
/// left to the full parser.
@Suite struct EvaluateArgumentsTests {
    @Test func plainFormsAreRead() throws {
        let simple = try #require(EvaluateArguments.parse(["evaluate", "case.yaml"]))
        #expect(simple.rules == nil)
        #expect(simple.format == .text)
        #expect(simple.cases == ["case.yaml"])
        #expect(simple.whyNot.isEmpty && !simple.explainAll)

        let full = try #require(
            EvaluateArguments.parse([
                "evaluate", "--rules", "Rules/x", "a.yaml", "--format", "jsonl", "--why-not", "r1", "-", "--why-not",
                "r2",
                "--explain", "all",
            ]))
        #expect(full.rules == "Rules/x")
        #expect(full.format == .jsonl)
        #expect(full.cases == ["a.yaml", "-"])
        #expect(full.whyNot == ["r1", "r2"])
        #expect(full.explainAll)

        let none = try #require(EvaluateArguments.parse(["evaluate"]))
        #expect(none.cases.isEmpty)
    }

    @Test(arguments: [
        [], ["check", "Rules/x"], ["help", "evaluate"], ["evaluate", "--help"], ["evaluate", "-h"],
        ["evaluate", "--format", "JSON", "a.yaml"], ["evaluate", "--format=json", "a.yaml"], ["evaluate", "--format"],
        ["evaluate", "--rules", "a", "--rules", "b"], ["evaluate", "--format", "json", "--format", "text"],
        ["evaluate", "--explain", "some"], ["evaluate", "--explain", "all", "--explain", "all"],
        ["evaluate", "--rules", "--format", "json"], ["evaluate", "--", "a.yaml"], ["evaluate", "--colour", "a.yaml"],
        ["evaluate", "a.yaml", "--why-not"],
    ])
    func everythingElseIsLeftToTheFullParser(_ arguments: [String]) {
        #expect(EvaluateArguments.parse(arguments) == nil)
    }
}
