import GuidelineCompiler
import GuidelineEngine
import Testing

/// Three-valued logic as it reaches rules: which rules fire, which are decided false and which are
/// undetermined, and the facts an undetermined rule needs.
@Suite struct ThreeValuedLogicTests {
    static let rules = """
        facts:
          t.yes:
            type: boolean
            description: a fact the case gives as true
          t.no:
            type: boolean
            description: a fact the case gives as false
          t.missing:
            type: boolean
            description: a fact the case does not give
          t.other:
            type: boolean
            description: another fact the case does not give
        rules:
          - id: false-and-unknown
            when: t.no and t.missing
            recommend:
              - {action: act-1, kind: recommended, text: one}
            cite: [src]
          - id: unknown-and-false
            when: t.missing and t.no
            recommend:
              - {action: act-2, kind: recommended, text: two}
            cite: [src]
          - id: true-or-unknown
            when: t.yes or t.missing
            recommend:
              - {action: act-3, kind: recommended, text: three}
            cite: [src]
          - id: unknown-or-true
            when: t.missing or t.yes
            recommend:
              - {action: act-4, kind: recommended, text: four}
            cite: [src]
          - id: true-and-unknown
            when: t.yes and t.missing
            recommend:
              - {action: act-5, kind: contraindicated, text: five}
            cite: [src]
          - id: not-unknown
            when: not t.missing
            recommend:
              - {action: act-6, kind: recommended, text: six}
            cite: [src]
          - id: false-or-unknown
            when: t.no or t.other
            recommend:
              - {action: act-7, kind: recommended, text: seven}
            cite: [src]
          - id: known-of-unknown
            when: not known(t.missing)
            recommend:
              - {action: act-8, kind: caution, text: eight}
            cite: [src]
        """

    static let actions = (1...8).map { "act-\($0)" }

    static let caseText = """
        facts:
          t.yes: true
          t.no: false
        """

    func result() throws -> EvaluationResult {
        let ruleset = try makeRuleset(Self.rules, actions: Self.actions)
        let everyRule = Set(ruleset.rules.map(\.id))
        return try evaluate(Self.caseText, ruleset: ruleset, options: .init(whyNot: everyRule))
    }

    @Test func falseAndUnknownIsDecidedFalse() throws {
        let result = try result()
        for id in ["false-and-unknown", "unknown-and-false"] {
            #expect(!result.firedRules.contains(id), "\(id) must not fire")
            #expect(!result.undeterminedRules.contains(id), "\(id) is decided false, not undetermined")
            let whyNot = try #require(result.whyNot.first { $0.rule.id == id })
            #expect(whyNot.value == false)
        }
        #expect(result.recommendation("act-1") == nil)
        #expect(result.recommendation("act-2") == nil)
    }

    @Test func trueOrUnknownFires() throws {
        let result = try result()
        #expect(result.firedRules.isSuperset(of: ["true-or-unknown", "unknown-or-true"]))
        #expect(result.recommendation("act-3", rule: "true-or-unknown") != nil)
        #expect(result.recommendation("act-4", rule: "unknown-or-true") != nil)
        // Named with --why-not, a rule that fired is explained as fired (value true).
        #expect(result.whyNot.first { $0.rule.id == "true-or-unknown" }?.value == true)
    }

    @Test func trueAndUnknownIsUndeterminedNeedingExactlyTheMissingFact() throws {
        let result = try result()
        let rule = try #require(result.undetermined.first { $0.rule.id == "true-and-unknown" })
        #expect(rule.needs == ["t.missing"])
        #expect(rule.would.map(\.action) == ["act-5"])
        #expect(!result.firedRules.contains("true-and-unknown"))
        #expect(result.recommendation("act-5") == nil, "an undetermined rule issues nothing")
        let whyNot = try #require(result.whyNot.first { $0.rule.id == "true-and-unknown" })
        #expect(whyNot.value == nil)
    }

    @Test func notUnknownIsUndetermined() throws {
        let result = try result()
        let rule = try #require(result.undetermined.first { $0.rule.id == "not-unknown" })
        #expect(rule.needs == ["t.missing"])
        #expect(result.recommendation("act-6") == nil)
    }

    @Test func falseOrUnknownIsUndeterminedOnTheUnknownSide() throws {
        let result = try result()
        let rule = try #require(result.undetermined.first { $0.rule.id == "false-or-unknown" })
        #expect(rule.needs == ["t.other"], "t.no is known; only t.other would decide the rule")
    }

    @Test func knownNeverYieldsUnknown() throws {
        let result = try result()
        #expect(result.firedRules.contains("known-of-unknown"))
        #expect(!result.undeterminedRules.contains("known-of-unknown"))
    }

    @Test func overallNeedsAreTheUnionOfUndeterminedRules() throws {
        let result = try result()
        #expect(result.undeterminedRules == ["true-and-unknown", "not-unknown", "false-or-unknown"])
        #expect(result.needs == ["t.missing", "t.other"])
    }

    @Test func givingTheMissingFactDecidesEveryRule() throws {
        let ruleset = try makeRuleset(Self.rules, actions: Self.actions)
        let result = try evaluate(
            """
            facts:
              t.yes: true
              t.no: false
              t.missing: true
              t.other: false
            """, ruleset: ruleset)
        #expect(result.undetermined.isEmpty)
        #expect(result.needs.isEmpty)
        #expect(result.firedRules == ["true-or-unknown", "unknown-or-true", "true-and-unknown"])
    }
}
