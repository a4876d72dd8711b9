import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// A decision table is checked for gaps and overlaps by enumerating its inputs up to 100,000 combinations;
/// a larger table gets a warning naming the limit, also when the count would overflow, and is never
/// passed over silently.
@Suite struct TableLimitTests {
    /// A ruleset whose complete table reads `inputs` booleans and has one row, for `t.b0: true` only.
    func load(booleanInputs inputs: Int, _ body: (RulesetLoader.Result) throws -> Void) throws {
        let names = (0..<inputs).map { "t.b\($0)" }
        var main = "facts:\n" + names.map { "  \($0):\n    type: boolean\n    description: an input\n" }.joined()
        main += """
            tables:
              t.plan:
                hit: unique
                complete: true
                inputs: [\(names.joined(separator: ", "))]
                outputs: [within]
                rows:
                  - when: {t.b0: true}
                    then: {within: 2 wk}
            rules:
              - id: r
                when: t.plan.within > 1 wk
                recommend:
                  - {action: physical-therapy, kind: recommended, text: x}
                cite: [fisher-2010]

            """
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in try body(result) }
    }

    @Test func aTableWithinTheLimitIsChecked() throws {
        try load(booleanInputs: 12) { result in  // 4,096 combinations
            #expect(result.errors.map(\.code).contains("rules.table-gap"), "\(result.rendered)")
        }
    }

    @Test(arguments: [17, 64, 130])  // 131,072 combinations; 2^64 and 2^130 overflow a machine integer
    func aLargerTableIsAWarningNamingTheLimit(inputs: Int) throws {
        try load(booleanInputs: inputs) { result in
            let warning = try #require(result.warnings.first { $0.code == "rules.table-not-analysed" }, "\(result.rendered)")
            #expect(warning.message == "table 't.plan' has more input combinations than the limit of 100000 to check for gaps and overlaps")
            #expect(!result.errors.map(\.code).contains("rules.table-gap"))
        }
    }
}
