import GuidelineCompiler

/// Resolves recommendations for the same action and marks what undetermined rules could still change; works on
/// positions only (rule, recommendation, action indexes), so both the full result and the batch line use it.
enum ConflictResolver {
    /// One issued recommendation and what the resolution decided about it.
    struct Entry: Sendable {
        /// The recommendation.
        let recommendation: EvaluationPlan.Recommendation
        /// The more restrictive recommendation that overrides it (suppressed entries only).
        var overriddenBy: EvaluationPlan.Recommendation?
        /// Recommendations of undetermined rules that would be more restrictive for the same action.
        var awaits: [EvaluationPlan.Recommendation]
    }

    /// The standing and the suppressed recommendations, in rule order.
    struct Resolution: Sendable {
        var standing: [Entry] = []
        var suppressed: [Entry] = []
    }

    /// Splits the issued recommendations into standing and suppressed (per the action's policy), and marks
    /// each standing one provisional while an undetermined rule could issue a more restrictive kind for it.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan) -> Resolution {
        var resolution = Resolution()
        withUnsafeTemporaryAllocation(of: EvaluationPlan.Recommendation?.self, capacity: plan.policies.count) { strongest in
            strongest.initialize(repeating: nil)
            for (rule, outcome) in outcomes.enumerated() where outcome == .fired {
                for issued in plan.recommendations[plan.recommendationRanges[rule]] {
                    if let current = strongest[issued.action], current.kind >= issued.kind { continue }
                    strongest[issued.action] = issued
                }
            }
            for (rule, outcome) in outcomes.enumerated() where outcome == .fired {
                for issued in plan.recommendations[plan.recommendationRanges[rule]] {
                    if plan.policies[issued.action] == .mostRestrictive, let winner = strongest[issued.action], winner.kind > issued.kind {
                        resolution.suppressed.append(Entry(recommendation: issued, overriddenBy: winner, awaits: []))
                        continue
                    }
                    resolution.standing.append(
                        Entry(recommendation: issued, overriddenBy: nil, awaits: pending(issued, outcomes: outcomes, plan: plan)))
                }
            }
        }
        return resolution
    }

    /// The recommendations of undetermined rules for `issued`'s action that are more restrictive than it.
    private static func pending(
        _ issued: EvaluationPlan.Recommendation, outcomes: [RuleState], plan: EvaluationPlan
    ) -> [EvaluationPlan.Recommendation] {
        var found: [EvaluationPlan.Recommendation] = []
        for (rule, outcome) in outcomes.enumerated() where outcome == .undetermined {
            for candidate in plan.recommendations[plan.recommendationRanges[rule]] where candidate.action == issued.action && candidate.kind > issued.kind {
                found.append(candidate)
            }
        }
        return found
    }
}
