import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineExpression
import Testing

/// Case files are validated against the fact declarations, with exact locations, before anything is
/// evaluated.
@Suite struct CaseValidationTests {
    static let rules = """
        facts:
          s.level:
            type: enum
            ordered: true
            values: [T11, T12, L1]
            description: level
          s.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain
          s.stable:
            type: boolean
            description: stable
          p.life:
            type: quantity
            unit: mo
            range: 0 mo..1200 mo
            description: life expectancy
          p.fractions:
            type: integer
            range: 1..40
            description: fractions
        derived:
          p.long_life:
            description: life expectancy of at least 3 months
            value: p.life >= 3 mo
        rules:
          - id: anything
            when: s.stable or s.level == T12 or s.pain == none or p.long_life or p.fractions > 1
            recommend:
              - {action: act, kind: recommended, text: something}
            cite: [src]
        """

    func ruleset() throws -> CompiledRuleset {
        try makeRuleset(Self.rules, actions: ["act"])
    }

    func decode(_ text: String, file: String) throws -> CaseDecoder.Outcome {
        CaseDecoder(ruleset: try ruleset()).decode(text: text, file: file)
    }

    /// The column (1-based) of the first occurrence of `needle` in line `line` (1-based) of `text`.
    func column(of needle: String, line: Int, in text: String) throws -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let range = try #require(lines[line - 1].range(of: needle), "'\(needle)' is not on line \(line)")
        return lines[line - 1].distance(from: lines[line - 1].startIndex, to: range.lowerBound) + 1
    }

    func only(_ outcome: CaseDecoder.Outcome, _ code: String) throws -> Diagnostic {
        #expect(outcome.input == nil, "an invalid case yields no input")
        let matching = outcome.diagnostics.filter { $0.code == code }
        #expect(matching.count == 1, "expected one '\(code)' among \(outcome.diagnostics.map(\.description))")
        return try #require(matching.first)
    }

    func expectLocation(
        _ diagnostic: Diagnostic, file: String, line: Int, column: Int,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(diagnostic.range?.start.file == file, sourceLocation: sourceLocation)
        #expect(diagnostic.range?.start.line == line, sourceLocation: sourceLocation)
        #expect(diagnostic.range?.start.column == column, "\(diagnostic)", sourceLocation: sourceLocation)
    }

    // MARK: YAML

    static let badYAML = """
        case: bad
        facts:
          s.levle: T12
          s.stable: yes
          s.pain: mechanicl
          p.life: 6 Gy
          p.fractions: 41
        """

    @Test func undeclaredFactWithDidYouMeanInYAML() throws {
        let outcome = try decode(Self.badYAML, file: "bad.yaml")
        let diagnostic = try only(outcome, "case.undeclared-fact")
        expectLocation(diagnostic, file: "bad.yaml", line: 3, column: 3)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("'s.levle'"))
        #expect(diagnostic.help.contains("did you mean 's.level'?"))
        #expect(!diagnostic.help.contains { $0.contains("JSON path") }, "YAML input has no JSON path")
    }

    @Test func wrongTypeInYAML() throws {
        let diagnostic = try only(try decode(Self.badYAML, file: "bad.yaml"), "case.wrong-type")
        expectLocation(diagnostic, file: "bad.yaml", line: 4, column: 13)
        #expect(diagnostic.message.contains("'s.stable'"))
        #expect(diagnostic.message.contains("true or false"))
    }

    @Test func enumValueOutsideTheSetWithSuggestionInYAML() throws {
        let diagnostic = try only(try decode(Self.badYAML, file: "bad.yaml"), "case.unknown-enum-value")
        expectLocation(diagnostic, file: "bad.yaml", line: 5, column: 11)
        #expect(diagnostic.message.contains("'mechanicl'"))
        #expect(diagnostic.help.contains("did you mean 'mechanical'?"))
        #expect(diagnostic.help.contains { $0.contains("mechanical, occasional, none") })
    }

    @Test func unitOfTheWrongDimensionInYAML() throws {
        let diagnostic = try only(try decode(Self.badYAML, file: "bad.yaml"), "case.unit-mismatch")
        expectLocation(diagnostic, file: "bad.yaml", line: 6, column: 11)
        #expect(diagnostic.message.contains("'p.life'"))
        #expect(diagnostic.message.contains("'Gy'"))
    }

    @Test func numberOutsideTheDeclaredRangeInYAML() throws {
        let diagnostic = try only(try decode(Self.badYAML, file: "bad.yaml"), "case.out-of-range")
        expectLocation(diagnostic, file: "bad.yaml", line: 7, column: 16)
        #expect(diagnostic.message.contains("41"))
        #expect(diagnostic.message.contains("1..40"))
    }

    @Test func everyProblemIsReportedInOrder() throws {
        let outcome = try decode(Self.badYAML, file: "bad.yaml")
        #expect(outcome.input == nil)
        #expect(
            outcome.diagnostics.map(\.code) == [
                "case.undeclared-fact", "case.wrong-type", "case.unknown-enum-value", "case.unit-mismatch",
                "case.out-of-range",
            ])
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func quantityBelowTheRangeAndInAnotherUnit() throws {
        let outcome = try decode("facts:\n  p.life: -1 d\n", file: "neg.yaml")
        let diagnostic = try only(outcome, "case.out-of-range")
        expectLocation(diagnostic, file: "neg.yaml", line: 2, column: 11)
        // 101 a is 1212 mo: above 1200 mo although the number is small.
        let above = try only(try decode("facts:\n  p.life: 101 a\n", file: "a.yaml"), "case.out-of-range")
        expectLocation(above, file: "a.yaml", line: 2, column: 11)
        // 100 a (1200 mo) is the inclusive upper edge.
        #expect(try decode("facts:\n  p.life: 100 a\n", file: "edge.yaml").input != nil)
    }

    @Test func computedValuesAreNotFacts() throws {
        let diagnostic = try only(try decode("facts:\n  p.long_life: true\n", file: "c.yaml"), "case.undeclared-fact")
        expectLocation(diagnostic, file: "c.yaml", line: 2, column: 3)
        #expect(diagnostic.help.contains { $0.contains("computed by the ruleset") })
    }

    // MARK: JSON

    static let badJSON = """
        {
          "case": "bad",
          "facts": {
            "s.levle": "T12",
            "s.stable": "yes",
            "s.pain": "mechanicl",
            "p.life": "6 Gy",
            "p.fractions": 41
          }
        }
        """

    @Test(arguments: [
        ("case.undeclared-fact", 4, "\"s.levle\"", "s.levle"),
        ("case.wrong-type", 5, "\"yes\"", "s.stable"),
        ("case.unknown-enum-value", 6, "\"mechanicl\"", "s.pain"),
        ("case.unit-mismatch", 7, "\"6 Gy\"", "p.life"),
        ("case.out-of-range", 8, "41", "p.fractions"),
    ])
    func jsonProblemsHaveLocationAndJSONPath(code: String, line: Int, token: String, fact: String) throws {
        let outcome = try decode(Self.badJSON, file: "bad.json")
        let diagnostic = try only(outcome, code)
        expectLocation(
            diagnostic, file: "bad.json", line: line, column: try column(of: token, line: line, in: Self.badJSON))
        #expect(diagnostic.help.contains("JSON path $.facts[\"\(fact)\"]"), "help: \(diagnostic.help)")
    }

    @Test func jsonSuggestionsToo() throws {
        let outcome = try decode(Self.badJSON, file: "bad.json")
        #expect(try only(outcome, "case.undeclared-fact").help.contains("did you mean 's.level'?"))
        #expect(try only(outcome, "case.unknown-enum-value").help.contains("did you mean 'mechanical'?"))
        #expect(outcome.diagnostics.count == 5)
    }

    @Test func jsonBooleanMustNotBeAString() throws {
        #expect(try decode(#"{"facts": {"s.stable": true}}"#, file: "ok.json").input != nil)
        let outcome = try decode(#"{"facts": {"s.stable": "true"}}"#, file: "quoted.json")
        let diagnostic = try only(outcome, "case.wrong-type")
        expectLocation(diagnostic, file: "quoted.json", line: 1, column: 24)
    }

    // MARK: quantities

    @Test func quantityForms() throws {
        let ruleset = try ruleset()
        let slot = try #require(ruleset.factSlot("p.life"))
        let texts = [
            "facts:\n  p.life: 6 mo\n",
            "facts:\n  p.life: {value: 6, unit: mo}\n",
            "facts:\n  p.life:\n    value: 6\n    unit: mo\n",
            #"{"facts": {"p.life": "6 mo"}}"#,
            #"{"facts": {"p.life": {"value": 6, "unit": "mo"}}}"#,
        ]
        var values: [Value] = []
        for (index, text) in texts.enumerated() {
            let input = try decodeCase(text, ruleset: ruleset, file: index < 3 ? "q.yaml" : "q.json")
            values.append(input.facts[slot])
        }
        #expect(values.allSatisfy { $0 == values[0] }, "\(values)")
        guard case .quantity(let quantity) = values[0] else {
            Issue.record("p.life is not a quantity: \(values[0])")
            return
        }
        #expect(quantity.description == "6 mo")
        // And they evaluate alike.
        let results = try texts.map { try evaluate($0, ruleset: ruleset) }
        #expect(Set(results.map { ResultJSON.encode($0) }).count == 1)
    }

    @Test func quantityInAnotherUnitOfTheSameDimensionCompares() throws {
        let ruleset = try ruleset()
        #expect(try evaluate("facts: {p.life: 90 d}", ruleset: ruleset).value("p.long_life") == .bool(false))
        #expect(try evaluate("facts: {p.life: 14 wk}", ruleset: ruleset).value("p.long_life") == .bool(true))
    }

    @Test func explicitNullIsUnknown() throws {
        let ruleset = try ruleset()
        let input = try decodeCase("facts:\n  s.stable: null\n  s.level: T12\n", ruleset: ruleset)
        #expect(input.facts[try #require(ruleset.factSlot("s.stable"))] == .unknown)
        #expect(input.facts[try #require(ruleset.factSlot("s.level"))] != .unknown)
    }
}
