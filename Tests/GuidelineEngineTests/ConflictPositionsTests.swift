import GuidelineCompiler
import Testing

@testable import GuidelineEngine

/// The batch writer's conflict resolution in plain buffers: the same standing, suppressed and awaited
/// recommendations (and undetermined rules) as a plain reading of the rules, for any outcomes, with one `ConflictPositions` reused across
/// rulesets and cases.
@Suite struct ConflictPositionsTests {
    /// What `ConflictPositions` should hold, worked out directly from the plan's recommendations: standing
    /// (with the awaited ones) and suppressed (with the overriding one), as flat positions in rule order.
    struct Expected: Equatable {
        var standing: [Int] = []
        var awaits: [[Int]] = []
        var suppressed: [Int] = []
        var overriders: [Int] = []
    }

    static func expected(_ outcomes: [RuleState], plan: EvaluationPlan) -> Expected {
        let all = Array(plan.recommendations.enumerated())
        let fired = all.filter { outcomes[$0.element.rule] == .fired }
        let pending = all.filter { outcomes[$0.element.rule] == .undetermined }
        var expected = Expected()
        for (position, issued) in fired {
            // The first of the most restrictive fired recommendations for the action.
            let same = fired.filter { $0.element.action == issued.action }
            let strongest = same.first { $0.element.kind == same.map(\.element.kind).max() }!
            if plan.policies[issued.action] == .mostRestrictive, strongest.element.kind > issued.kind {
                expected.suppressed.append(position)
                expected.overriders.append(strongest.offset)
            } else {
                expected.standing.append(position)
                expected.awaits.append(
                    pending.filter { $0.element.action == issued.action && $0.element.kind > issued.kind }.map(\.offset)
                )
            }
        }
        return expected
    }

    static func actual(_ positions: ConflictPositions) -> Expected {
        Expected(
            standing: positions.standing.map { Int($0) },
            awaits: positions.standing.indices.map { entry in
                positions.awaited[positions.awaits(ofStanding: entry)].map { Int($0) }
            },
            suppressed: positions.suppressed.map { Int($0) },
            overriders: positions.suppressed.indices.map { Int(positions.overrider(ofSuppressed: $0)) })
    }

    /// Random outcomes over the bundled ruleset and a small one with both policies, alternating, into one
    /// reused `ConflictPositions`: each resolution is the plain reading's, and the full result's resolution
    /// (converted from the positions) names the same recommendations.
    @Test func matchesAPlainReadingForRandomOutcomesAcrossRulesets() throws {
        let bundled = RulesetEvaluator(ruleset: try loadRuleset(directory: bundledRulesetPath)).plan
        let small = RulesetEvaluator(ruleset: try ConflictResolutionTests().ruleset()).plan
        let positions = ConflictPositions()
        var random = ByteBufferTests.Generator(state: 3)
        var standing = 0
        var suppressed = 0
        var awaited = 0
        for round in 0..<400 {
            let plan = round % 3 == 0 ? small : bundled
            let outcomes = (0..<plan.recommendationRanges.count).map { _ in
                [RuleState.notFired, .fired, .undetermined].randomElement(using: &random)!
            }
            ConflictResolver.resolve(outcomes, plan: plan, into: positions)
            let expected = Self.expected(outcomes, plan: plan)
            #expect(Self.actual(positions) == expected, "round \(round)")
            #expect(
                positions.undeterminedRules.map { Int($0) } == outcomes.indices.filter { outcomes[$0] == .undetermined }
            )
            let resolution = ConflictResolver.resolve(outcomes, plan: plan)
            #expect(
                resolution.standing.map {
                    plan.recommendationRanges[$0.recommendation.rule].lowerBound + $0.recommendation.index
                } == expected.standing)
            #expect(
                resolution.suppressed.map { $0.overriddenBy?.rule }
                    == expected.overriders.map { plan.recommendations[$0].rule })
            standing += expected.standing.count
            suppressed += expected.suppressed.count
            awaited += expected.awaits.joined().count
        }
        #expect(standing > 0 && suppressed > 0 && awaited > 0)
    }

    /// More awaited recommendations than the ruleset has recommendations (every fired one awaits every
    /// undetermined one): the awaited buffer grows and keeps them all, in order.
    @Test func awaitedRecommendationsBeyondTheInitialRoomAreKept() throws {
        let count = 12
        let facts = (0..<count).map { "  f\($0):\n    type: boolean\n    description: f\($0)\n" }.joined()
        let rules = (0..<count).map { index in
            let kind = index < count / 2 ? "recommended" : "contraindicated"
            return
                "  - id: r\(index)\n    when: f\(index)\n    recommend:\n      - {action: pt, kind: \(kind), text: t\(index)}\n    cite: [src]\n"
        }.joined()
        let plan = RulesetEvaluator(ruleset: try makeRuleset("facts:\n" + facts + "rules:\n" + rules, actions: ["pt"]))
            .plan
        let outcomes = (0..<count).map { $0 < count / 2 ? RuleState.fired : .undetermined }
        let positions = ConflictPositions()
        for _ in 0..<2 {
            ConflictResolver.resolve(outcomes, plan: plan, into: positions)
            #expect(positions.standing.map { Int($0) } == Array(0..<(count / 2)))
            #expect(positions.suppressed.isEmpty)
            #expect(positions.awaited.count == (count / 2) * (count / 2))
            #expect(positions.awaited.count > plan.recommendations.count)
            for entry in positions.standing.indices {
                #expect(
                    positions.awaited[positions.awaits(ofStanding: entry)].map { Int($0) } == Array((count / 2)..<count)
                )
            }
        }
    }
}
