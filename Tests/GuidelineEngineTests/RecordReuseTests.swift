import GuidelineCompiler
import GuidelineExpression
import Testing

@testable import GuidelineEngine

/// Records written in node order, into reused buffers: every rule's trace is the one the recursive evaluator
/// gives over the record's slots, and a record reused across cases, across tracing and not, and across
/// rulesets holds exactly what a fresh record would. Seeded random cases over the bundled ruleset (whose
/// derived dose per fraction divides by a fact that can be zero) and over a small ruleset whose conditions
/// fail with overflow and division by zero.
@Suite struct RecordReuseTests {
    static let failingRules = """
        facts:
          m.a:
            type: integer
            description: a number
          m.b:
            type: integer
            description: a divisor, sometimes zero
          m.flag:
            type: boolean
            description: a flag with a default
            default: false
          m.kind:
            type: enum
            values: [red, green, blue]
            description: a kind
        derived:
          m.ratio:
            description: a over b
            value: m.a / m.b
        rules:
          - id: ratio-and-flag
            when: m.ratio > 1 and m.flag
            recommend:
              - {action: act-1, kind: recommended, text: one}
            cite: [src]
          - id: flag-or-division
            when: m.flag or m.a / m.b > 2
            recommend:
              - {action: act-2, kind: recommended, text: two}
            cite: [src]
          - id: false-and-overflow
            when: m.flag and m.a * 9000000000000 > 1
            recommend:
              - {action: act-3, kind: recommended, text: three}
            cite: [src]
          - id: kinds
            when: m.kind not in [red, blue] and m.a in [1, 2, 3] and m.b in 0..4
            recommend:
              - {action: act-4, kind: recommended, text: four}
            cite: [src]
        """

    /// A random value for `slot` of `ruleset` (unknown one time in four), from the values its type allows,
    /// with zeros and large numbers for the arithmetic to fail on.
    static func value(_ slot: Slot, _ rng: inout SeededRandom) -> Value {
        if rng.next(4) == 0 { return .unknown }
        switch slot.type {
        case .boolean: return .bool(rng.next(2) == 0)
        case .enumeration(let e): return .symbol(e, rng.next(e.values.count))
        case .integer, .decimal: return .integer([0, 1, 2, 3, 5, 16, 24, 2_000_000, -7][rng.next(9)])
        case .quantity(let d):
            let units = d.units
            guard !units.isEmpty, let n = Number(exactly: [0, 1, 24, 30, 50_000][rng.next(5)]),
                let q = try? Quantity(n, units[rng.next(units.count)])
            else { return .unknown }
            return .quantity(q)
        default: return .unknown
        }
    }

    static func cases(_ ruleset: CompiledRuleset, count: Int, seed: UInt64) -> [CaseInput] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let facts = ruleset.facts.indices.map { value(ruleset.slots[$0], &rng) }
            return CaseInput(id: index % 3 == 0 ? nil : "case-\(index)", facts: facts, origin: "test")
        }
    }

    static func expectSame(_ a: EvaluationRecord, _ b: EvaluationRecord, _ context: String) {
        #expect(a.caseID == b.caseID, "\(context)")
        #expect(a.slots == b.slots, "\(context)")
        #expect(a.trace == b.trace, "\(context)")
        #expect(a.outcomes == b.outcomes, "\(context)")
        #expect(a.errors == b.errors, "\(context)")
        #expect(a.assumptions == b.assumptions, "\(context)")
    }

    /// Every rule's trace and outcome are those of the recursive evaluator over the record's slots: the outcome is
    /// the condition's value, except that a rule whose exception (`unless:`) is true did not fire.
    static func expectRecursiveTraces(_ evaluator: RulesetEvaluator, _ record: EvaluationRecord, _ context: String) {
        var exceptions = 0
        for (index, rule) in evaluator.ruleset.rules.enumerated() {
            var lifted = false
            if let exception = rule.exception {
                let holds = (try? ExpressionEvaluator.evaluate(exception, slots: record.slots))?.boolValue
                #expect(record.exceptions[exceptions] == holds, "\(context) rule \(rule.id) unless")
                lifted = holds == true
                exceptions += 1
            }
            var trace: [Value]? = []
            let value: Value?
            do throws(EvaluationError) {
                value = try ExpressionEvaluator.evaluate(rule.condition, slots: record.slots, trace: &trace)
            } catch {
                value = nil  // `trace` holds what the evaluator reached.
            }
            let range = evaluator.traceRange(ofRule: index)
            #expect(Array(record.trace[range]) == trace, "\(context) rule \(rule.id)")
            #expect(record.value(ofRule: index) == (lifted ? false : value?.boolValue), "\(context) rule \(rule.id)")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func reusedRecordsMatchFreshOnesAndRecursiveTraces(seed: UInt64) throws {
        let bundled = RulesetEvaluator(ruleset: try loadRuleset(directory: bundledRulesetPath))
        let failing = RulesetEvaluator(
            ruleset: try makeRuleset(Self.failingRules, actions: (1...4).map { "act-\($0)" }))
        let evaluators = [bundled, failing]
        let inputs = evaluators.map { Self.cases($0.ruleset, count: 300, seed: seed) }
        var reused = EvaluationRecord()
        var errors = 0
        var rng = SeededRandom(seed: seed &+ 100)
        for step in 0..<600 {
            let which = rng.next(2)
            let evaluator = evaluators[which]
            let input = inputs[which][step / 2]
            let context = "seed \(seed) step \(step) ruleset \(which)"
            let fresh = evaluator.record(input)
            errors += fresh.errors.count
            Self.expectRecursiveTraces(evaluator, fresh, context)
            let tracing: Tracing = [.allRules, .none, .evaluatedRules][rng.next(3)]
            evaluator.record(input, into: &reused, tracing: tracing)
            switch tracing {
            case .allRules:
                Self.expectSame(reused, fresh, context)
            case .none:
                var untraced = EvaluationRecord()
                evaluator.record(input, into: &untraced, tracing: .none)
                #expect(reused.trace.isEmpty && untraced.trace.isEmpty, "\(context)")
                Self.expectSame(reused, untraced, context)
                #expect(reused.slots == fresh.slots && reused.outcomes == fresh.outcomes, "\(context)")
                #expect(reused.assumptions == fresh.assumptions, "\(context)")
            case .evaluatedRules:
                // Everything but the traces of rules the walk decides, which a reused record leaves stale.
                #expect(
                    reused.caseID == fresh.caseID && reused.slots == fresh.slots && reused.outcomes == fresh.outcomes,
                    "\(context)")
                #expect(reused.errors == fresh.errors && reused.assumptions == fresh.assumptions, "\(context)")
                for index in fresh.outcomes.indices
                where fresh.slots.withUnsafeBufferPointer({ evaluator.plan.block.truth(index, slots: $0) })
                    == .needsEvaluation
                {
                    let range = evaluator.traceRange(ofRule: index)
                    #expect(
                        reused.trace[range] == fresh.trace[range],
                        "\(context) rule \(evaluator.ruleset.rules[index].id)")
                }
            }
        }
        // The failing paths were taken.
        #expect(errors > 0)
    }
}

/// A small seeded generator (SplitMix64), so failures reproduce.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound` (bound > 0).
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
