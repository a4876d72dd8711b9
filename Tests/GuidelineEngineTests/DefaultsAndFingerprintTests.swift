import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression
import Testing

/// Declared defaults, and the ruleset fingerprint in results.
@Suite struct DefaultsTests {
    static let rules = """
        facts:
          d.stabilized:
            type: boolean
            default: false
            description: stabilised, assumed not
          d.life:
            type: quantity
            unit: mo
            default: 6 mo
            description: life expectancy, assumed 6 mo
          d.given:
            type: boolean
            description: no default
        rules:
          - id: unstabilized
            when: not d.stabilized
            recommend:
              - {action: act, kind: caution, text: "not stabilised, life {d.life}"}
            cite: [src]
          - id: short-life
            when: d.life < 3 mo
            recommend:
              - {action: other, kind: consider, text: short}
            cite: [src]
          - id: given
            when: d.given
            recommend:
              - {action: other, kind: recommended, text: given}
            cite: [src]
        """

    func ruleset() throws -> CompiledRuleset { try makeRuleset(Self.rules, actions: ["act", "other"]) }

    @Test func missingFactWithDefaultIsUsedAndListed() throws {
        let result = try evaluate("facts: {d.given: true}", ruleset: ruleset())
        #expect(result.assumptions.map(\.fact) == ["d.stabilized", "d.life"])
        #expect(result.assumptions.first { $0.fact == "d.stabilized" }?.value == .bool(false))
        #expect(result.assumptions.first { $0.fact == "d.life" }?.value.description == "6 mo")
        // The defaults decide the rules: nothing is undetermined.
        #expect(result.firedRules == ["unstabilized", "given"])
        #expect(result.undetermined.isEmpty)
        #expect(result.recommendation("act")?.text == "not stabilised, life 6 mo")

        let json = ResultJSON.encode(result, pretty: false)
        #expect(
            json.contains(
                #""assumptions":[{"fact":"d.stabilized","value":false},{"fact":"d.life","value":{"value":6,"unit":"mo"}}]"#
            ))
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(text.contains("d.stabilized = false (not recorded; the ruleset's declared default)"))
    }

    @Test func givenFactOverridesTheDefaultAndIsNoAssumption() throws {
        let result = try evaluate("facts: {d.stabilized: true, d.life: 2 mo, d.given: false}", ruleset: ruleset())
        #expect(result.assumptions.isEmpty)
        #expect(result.firedRules == ["short-life"])
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(!text.contains("Assumptions"))
    }

    @Test func factWithoutDefaultStaysUnknown() throws {
        let result = try evaluate("facts: {}", ruleset: ruleset())
        #expect(!result.assumptions.contains { $0.fact == "d.given" })
        #expect(result.needs == ["d.given"])
    }
}

@Suite struct FingerprintTests {
    @Test func resultsCarryTheRulesetFingerprint() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        #expect(ruleset.fingerprint.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil, "\(ruleset.fingerprint)")
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        for path in try bundledExamplePaths() {
            let input = try decodeCase(try readText(path), ruleset: ruleset, file: path)
            let result = evaluator.evaluate(input)
            #expect(result.ruleset.fingerprint == ruleset.fingerprint)
            #expect(result.ruleset.id == ruleset.manifest.id)
            #expect(result.ruleset.version == ruleset.manifest.version)
            #expect(result.ruleset.engine == RulesetEvaluator.engineVersion)
            #expect(ResultJSON.encode(result).contains("\"fingerprint\": \"\(ruleset.fingerprint)\""))
        }
    }

    @Test func fingerprintIsStableAndChangesWithTheRules() throws {
        let rules = """
            facts:
              f.a:
                type: boolean
                description: a
            rules:
              - id: r
                when: f.a
                recommend:
                  - {action: act, kind: recommended, text: one}
                cite: [src]
            """
        let first = try makeRuleset(rules, actions: ["act"])
        let again = try makeRuleset(rules, actions: ["act"])
        #expect(
            first.fingerprint == again.fingerprint, "the same content in another directory gives the same fingerprint")
        let rereadFirst = try loadRuleset(directory: first.directory)
        #expect(rereadFirst.fingerprint == first.fingerprint, "re-reading the same files gives the same fingerprint")
        let changed = try makeRuleset(rules.replacingOccurrences(of: "text: one", with: "text: two"), actions: ["act"])
        #expect(changed.fingerprint != first.fingerprint)
        let result = try evaluate("facts: {f.a: true}", ruleset: changed)
        #expect(result.ruleset.fingerprint == changed.fingerprint)
    }
}
