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
            let warning = try #require(
                result.warnings.first { $0.code == "rules.table-not-analysed" }, "\(result.rendered)")
            #expect(
                warning.message
                    == "table 't.plan' has more input combinations than the limit of 100000 to check for gaps and overlaps"
            )
            #expect(!result.errors.map(\.code).contains("rules.table-gap"))
        }
    }

    /// A ruleset with one complete unique table over two enum inputs of `values` values each and `rows` rows,
    /// row `n` for one pair of values (no overlap); the combinations no row names are gaps.
    static func enumTableFiles(values: Int, rows: Int) -> [String: String] {
        let names = (0..<values).map { "v\($0)" }.joined(separator: ", ")
        var main = """
            facts:
              t.a:
                type: enum
                values: [\(names)]
                description: an input
              t.b:
                type: enum
                values: [\(names)]
                description: an input
            tables:
              t.plan:
                hit: unique
                complete: true
                inputs: [t.a, t.b]
                outputs: [within]
                rows:

            """
        for row in 0..<rows {
            main += "      - when: {t.a: v\(row / values), t.b: v\(row % values)}\n        then: {within: 2 wk}\n"
        }
        main += """
            rules:
              - id: r
                when: t.plan.within > 1 wk
                recommend:
                  - {action: physical-therapy, kind: recommended, text: x}
                cite: [fisher-2010]

            """
        return ["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]
    }

    /// Two 316-value inputs (99,856 combinations, within the combination limit) and 8,000 rows would be 800
    /// million row matches (minutes): the work is bounded, and the warning says the table was not checked.
    @Test func aTableWithTooManyRowChecksIsAWarning() throws {
        try loadRuleset(Self.enumTableFiles(values: 316, rows: 8_000)) { result, _ in
            let warning = try #require(
                result.warnings.first { $0.code == "rules.table-not-analysed" }, "\(result.rendered)")
            #expect(
                warning.message
                    == "table 't.plan' is not checked for gaps and overlaps: 99856 input combinations times 8000 rows pass the limit of 1000000 row checks"
            )
            #expect(warning.range?.start.line == 11)
            #expect(!result.errors.map(\.code).contains("rules.table-gap"))
            #expect(result.compiled)
        }
    }

    /// Within the bound the table is still checked (here: gaps found).
    @Test func aTableWithinTheRowCheckLimitIsChecked() throws {
        try loadRuleset(Self.enumTableFiles(values: 30, rows: 400)) { result, _ in  // 900 x 400 = 360,000
            #expect(result.errors.map(\.code).contains("rules.table-gap"), "\(result.rendered)")
            #expect(!result.warnings.map(\.code).contains("rules.table-not-analysed"))
        }
    }

    /// Evaluating does not analyse tables: no gap error (the gap gives an unknown output when evaluated) and
    /// no warning for the big table, so the analysis is not repeated on every load.
    @Test func loadingForEvaluationSkipsTheAnalysis() throws {
        for files in [Self.enumTableFiles(values: 40, rows: 10), Self.enumTableFiles(values: 316, rows: 8_000)] {
            try withTemporaryDirectory { directory in
                try write(files, into: directory)
                let result = RulesetLoader(analysesTables: false).load(directory: directory)
                #expect(result.compiled, "\(result.rendered)")
                #expect(!result.diagnostics.contains { $0.code.hasPrefix("rules.table-") }, "\(result.rendered)")
            }
        }
    }
}
