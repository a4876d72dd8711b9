import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression
import Testing

/// Decision tables: unique, first and collect hit policies, and unknown inputs.
@Suite struct DecisionTableTests {
    static let rules = """
        facts:
          p.kind:
            type: enum
            values: [a, b, c]
            description: a kind
          p.flag:
            type: boolean
            description: a flag
          p.level:
            type: integer
            range: 0..10
            description: a level
        tables:
          t.unique:
            hit: unique
            complete: true
            inputs: [p.kind, p.flag]
            outputs: [out]
            rows:
              - when: {p.kind: a, p.flag: -}
                then: {out: 1}
              - when: {p.kind: b, p.flag: true}
                then: {out: 2}
              - when: {p.kind: b, p.flag: false}
                then: {out: 3}
              - when: {p.kind: c}
                then: {out: 4}
          t.first:
            hit: first
            inputs: [p.level, p.flag]
            outputs: [out, label]
            rows:
              - when: {p.level: ">= 8", p.flag: true}
                then: {out: 1, label: 10}
              - when: {p.level: ">= 8"}
                then: {out: 1, label: 20}
              - when: {p.level: 3..7}
                then: {out: 2, label: 30}
              - when: {}
                then: {out: 3, label: 40}
          t.collect:
            hit: collect
            inputs: [p.kind, p.level]
            outputs: [out]
            rows:
              - when: {p.kind: [a, b]}
                then: {out: 1}
              - when: {p.level: "< 5"}
                then: {out: 2}
              - when: {p.kind: c, p.level: -}
                then: {out: 3}
        rules:
          - id: unique-is-one
            when: t.unique.out == 1
            recommend:
              - {action: act, kind: recommended, text: "unique {t.unique.out}"}
            cite: [src]
        """

    func result(_ facts: String) throws -> EvaluationResult {
        try evaluate("facts: {\(facts)}", ruleset: makeRuleset(Self.rules, actions: ["act"]))
    }

    // MARK: unique

    @Test func uniqueGivesTheOutputOfTheMatchingRow() throws {
        #expect(try result("p.kind: a, p.flag: false").value("t.unique.out") == .integer(1))
        #expect(try result("p.kind: b, p.flag: true").value("t.unique.out") == .integer(2))
        #expect(try result("p.kind: b, p.flag: false").value("t.unique.out") == .integer(3))
        #expect(try result("p.kind: c").value("t.unique.out") == .integer(4))
    }

    @Test func uniqueOutputFeedsRulesAndTexts() throws {
        let result = try result("p.kind: a")
        #expect(result.recommendation("act")?.text == "unique 1")
    }

    @Test func uniqueWithAnIrrelevantUnknownInputIsKnown() throws {
        // p.flag is unknown but row 1 ignores it ('-').
        let result = try result("p.kind: a")
        #expect(result.value("t.unique.out") == .integer(1))
        #expect(result.firedRules == ["unique-is-one"])
    }

    @Test func uniqueWithUnknownInputAndDisagreeingRowsIsUnknown() throws {
        let result = try result("p.kind: b")
        #expect(result.value("t.unique.out") == .unknown)
        let rule = try #require(result.undetermined.first { $0.rule.id == "unique-is-one" })
        #expect(rule.needs == ["p.flag"])
    }

    @Test func uniqueWithEveryInputUnknownIsUnknown() throws {
        let result = try result("")
        #expect(result.value("t.unique.out") == .unknown)
        #expect(result.undetermined.first { $0.rule.id == "unique-is-one" }?.needs == ["p.flag", "p.kind"])
    }

    // MARK: first

    @Test func firstTakesTheFirstMatchingRow() throws {
        let high = try result("p.level: 9, p.flag: true")
        #expect(high.value("t.first.out") == .integer(1))
        #expect(high.value("t.first.label") == .integer(10))
        let highNoFlag = try result("p.level: 9, p.flag: false")
        #expect(highNoFlag.value("t.first.label") == .integer(20))
        let middle = try result("p.level: 5, p.flag: true")
        #expect(middle.value("t.first.out") == .integer(2))
        #expect(middle.value("t.first.label") == .integer(30))
        let low = try result("p.level: 1")
        #expect(low.value("t.first.out") == .integer(3))
        #expect(low.value("t.first.label") == .integer(40))
    }

    @Test func firstWithUnknownInputIsKnownWhenEveryCandidateRowAgrees() throws {
        // Level 9 with the flag unknown: row 1 may apply, row 2 surely does; both give out = 1.
        let result = try result("p.level: 9")
        #expect(result.value("t.first.out") == .integer(1))
        // ... but their labels differ (10 or 20): unknown.
        #expect(result.value("t.first.label") == .unknown)
    }

    @Test func firstWithTheDecidingInputUnknownIsUnknown() throws {
        let result = try result("p.flag: true")
        #expect(result.value("t.first.out") == .unknown)
        #expect(result.value("t.first.label") == .unknown)
    }

    // MARK: collect

    @Test func collectListsEveryMatchingRowInOrder() throws {
        #expect(try result("p.kind: a, p.level: 2").value("t.collect.out") == .list([.integer(1), .integer(2)]))
        #expect(try result("p.kind: c, p.level: 2").value("t.collect.out") == .list([.integer(2), .integer(3)]))
        #expect(try result("p.kind: b, p.level: 7").value("t.collect.out") == .list([.integer(1)]))
    }

    @Test func collectWithOnlyTheLastRowMatching() throws {
        #expect(try result("p.kind: c, p.level: 7").value("t.collect.out") == .list([.integer(3)]))
    }

    @Test func collectWithAnUndecidedRowIsUnknown() throws {
        #expect(try result("p.kind: a").value("t.collect.out") == .unknown)
        #expect(try result("p.level: 7").value("t.collect.out") == .unknown)
    }

    @Test func tableOutputsAppearInJSONValues() throws {
        let json = ResultJSON.encode(try result("p.kind: a, p.level: 9, p.flag: true"))
        #expect(json.contains("\"t.unique.out\": 1"))
        #expect(json.contains("\"t.first.label\": 10"))
        #expect(json.contains("\"t.collect.out\": [1]"))
    }
}
