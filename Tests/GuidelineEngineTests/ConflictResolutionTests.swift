import GuidelineCompiler
import GuidelineEngine
import Testing

/// Conflicts between recommendations for one action, and provisional recommendations.
@Suite struct ConflictResolutionTests {
    static let rules = """
        facts:
          c.go:
            type: boolean
            description: speaks for the actions
          c.stop:
            type: boolean
            description: speaks against the actions
          c.care:
            type: boolean
            description: calls for care
        rules:
          - id: pt-recommended
            when: c.go
            recommend:
              - {action: pt, kind: recommended, text: do pt}
            cite: [src]
          - id: pt-contraindicated
            when: c.stop
            recommend:
              - {action: pt, kind: contraindicated, text: no pt}
            cite: [src]
          - id: pt-consider-when-careful
            when: c.care
            recommend:
              - {action: pt, kind: consider, text: maybe pt}
            cite: [src]
          - id: mri-recommended
            when: c.go
            recommend:
              - {action: mri, kind: recommended, text: do mri}
            cite: [src]
          - id: mri-contraindicated
            when: c.stop
            recommend:
              - {action: mri, kind: contraindicated, text: no mri}
            cite: [src]
        """

    func ruleset() throws -> CompiledRuleset {
        try makeRuleset(Self.rules, actions: ["pt", "mri"], keepAll: ["mri"])
    }

    @Test func contraindicationOverridesRecommendation() throws {
        let result = try evaluate("facts: {c.go: true, c.stop: true, c.care: false}", ruleset: ruleset())
        let standing = result.recommendations.filter { $0.action == "pt" }
        #expect(standing.map(\.rule.id) == ["pt-contraindicated"])
        #expect(standing.first?.kind == .contraindicated)
        let suppressed = try #require(result.suppressed.first { $0.action == "pt" })
        #expect(result.suppressed.filter { $0.action == "pt" }.count == 1)
        #expect(suppressed.rule.id == "pt-recommended")
        #expect(suppressed.kind == .recommended)
        #expect(suppressed.overriddenBy?.rule.id == "pt-contraindicated")
        #expect(suppressed.overriddenBy?.kind == .contraindicated)
        #expect(result.firedRules.isSuperset(of: ["pt-recommended", "pt-contraindicated"]))

        // The JSON names the overriding rule; the text lists it under "Overridden".
        let json = ResultJSON.encode(result)
        #expect(json.contains("\"overriddenBy\": {"))
        #expect(json.contains("\"rule\": \"pt-contraindicated\""))
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(text.contains("overridden by pt-contraindicated (contraindicated)"))
    }

    @Test func keepAllLetsBothStand() throws {
        let result = try evaluate("facts: {c.go: true, c.stop: true, c.care: false}", ruleset: ruleset())
        let mri = result.recommendations.filter { $0.action == "mri" }
        #expect(mri.map(\.rule.id) == ["mri-recommended", "mri-contraindicated"])
        #expect(mri.map(\.kind) == [.recommended, .contraindicated])
        #expect(!result.suppressed.contains { $0.action == "mri" })
    }

    @Test func mostRestrictiveOrderingAmongLesserKinds() throws {
        // consider (pt-consider-when-careful) is more restrictive than recommended.
        let result = try evaluate("facts: {c.go: true, c.stop: false, c.care: true}", ruleset: ruleset())
        let pt = result.recommendations.filter { $0.action == "pt" }
        #expect(pt.map(\.rule.id) == ["pt-consider-when-careful"])
        #expect(result.suppressed.first { $0.action == "pt" }?.overriddenBy?.rule.id == "pt-consider-when-careful")
    }

    @Test func noConflictWhenOnlyOneFires() throws {
        let result = try evaluate("facts: {c.go: true, c.stop: false, c.care: false}", ruleset: ruleset())
        #expect(result.suppressed.isEmpty)
        let pt = try #require(result.recommendation("pt"))
        #expect(pt.kind == .recommended)
        #expect(!pt.provisional)
    }

    // MARK: provisional

    @Test func recommendationAwaitingAnUndeterminedContraindicationIsProvisional() throws {
        let result = try evaluate("facts: {c.go: true, c.care: false}", ruleset: ruleset())
        let pt = try #require(result.recommendation("pt", rule: "pt-recommended"))
        #expect(pt.provisional)
        #expect(pt.awaits.count == 1)
        let awaited = try #require(pt.awaits.first)
        #expect(awaited.rule.id == "pt-contraindicated")
        #expect(awaited.kind == .contraindicated)
        #expect(awaited.needs == ["c.stop"])
        #expect(result.undeterminedRules.contains("pt-contraindicated"))

        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(text.contains("provisionally"))
        #expect(text.contains("provided that pt-contraindicated does not apply (contraindicated; needs c.stop)"))
        let markdown = ResultText(style: .markdown).render(result)
        #expect(markdown.contains("provided that pt-contraindicated does not apply"))
        let json = ResultJSON.encode(result)
        #expect(json.contains("\"provisional\": true"))
    }

    @Test func decidingTheAwaitedFactFalseEndsTheProvision() throws {
        let result = try evaluate("facts: {c.go: true, c.stop: false, c.care: false}", ruleset: ruleset())
        let pt = try #require(result.recommendation("pt", rule: "pt-recommended"))
        #expect(!pt.provisional)
        #expect(pt.awaits.isEmpty)
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(!text.contains("provided that"))
        #expect(!text.contains("provisionally"))
    }

    @Test func aLessRestrictiveUndeterminedRuleDoesNotMakeItProvisional() throws {
        // pt-contraindicated fires; pt-consider-when-careful (consider) is undetermined but weaker.
        let result = try evaluate("facts: {c.go: false, c.stop: true}", ruleset: ruleset())
        let pt = try #require(result.recommendation("pt"))
        #expect(pt.kind == .contraindicated)
        #expect(!pt.provisional)
        #expect(result.undeterminedRules == ["pt-consider-when-careful"])
    }

    @Test func anUndeterminedRuleOfTheSameKindDoesNotMakeItProvisional() throws {
        let rules = """
            facts:
              a:
                type: boolean
                description: a
              b:
                type: boolean
                description: b
            rules:
              - id: first
                when: a
                recommend:
                  - {action: pt, kind: caution, text: first}
                cite: [src]
              - id: second
                when: b
                recommend:
                  - {action: pt, kind: caution, text: second}
                cite: [src]
            """
        let result = try evaluate("facts: {a: true}", ruleset: makeRuleset(rules, actions: ["pt"]))
        let pt = try #require(result.recommendation("pt", rule: "first"))
        #expect(!pt.provisional)
        #expect(result.undeterminedRules == ["second"])
    }
}
