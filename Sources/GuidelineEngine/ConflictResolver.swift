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
        /// Where the recommendations it awaits are in `Resolution.awaited` (standing entries only).
        var awaits: Range<Int>
    }

    /// The standing and the suppressed recommendations, in rule order. Reusable: `resolve(_:plan:into:)`
    /// keeps the arrays' capacity, so a batch resolves every case without allocating.
    struct Resolution: Sendable {
        var standing: [Entry] = []
        var suppressed: [Entry] = []
        /// Recommendations of undetermined rules that would be more restrictive than a standing one for the
        /// same action, grouped by standing entry (see `Entry.awaits`).
        var awaited: [EvaluationPlan.Recommendation] = []
        /// Scratch: the strongest issued kind per action.
        fileprivate var strongest: [EvaluationPlan.Recommendation?] = []
        /// Scratch: the strongest kind an undetermined rule could still issue, per action.
        fileprivate var pending: [RecommendationKind?] = []

        /// The recommendations `entry` awaits.
        func awaits(of entry: Entry) -> ArraySlice<EvaluationPlan.Recommendation> { awaited[entry.awaits] }
    }

    /// The resolution of `outcomes`.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan) -> Resolution {
        var resolution = Resolution()
        resolve(outcomes, plan: plan, into: &resolution)
        return resolution
    }

    /// Splits the issued recommendations into standing and suppressed (per the action's policy), and marks
    /// each standing one provisional while an undetermined rule could issue a more restrictive kind for it.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan, into resolution: inout Resolution) {
        resolution.standing.removeAll(keepingCapacity: true)
        resolution.suppressed.removeAll(keepingCapacity: true)
        resolution.awaited.removeAll(keepingCapacity: true)
        reset(&resolution.strongest, count: plan.policies.count)
        reset(&resolution.pending, count: plan.policies.count)
        let recommendations = plan.recommendations
        let ranges = plan.recommendationRanges
        let policies = plan.policies
        var anyUndetermined = false
        for (rule, outcome) in outcomes.enumerated() where outcome != .notFired {
            for position in ranges[rule] {
                let issued = recommendations[position]
                if outcome == .undetermined {
                    anyUndetermined = true
                    if let kind = resolution.pending[issued.action], kind >= issued.kind { continue }
                    resolution.pending[issued.action] = issued.kind
                } else {
                    if let current = resolution.strongest[issued.action], current.kind >= issued.kind { continue }
                    resolution.strongest[issued.action] = issued
                }
            }
        }
        for (rule, outcome) in outcomes.enumerated() where outcome == .fired {
            for position in ranges[rule] {
                let issued = recommendations[position]
                if policies[issued.action] == .mostRestrictive, let winner = resolution.strongest[issued.action], winner.kind > issued.kind {
                    resolution.suppressed.append(Entry(recommendation: issued, overriddenBy: winner, awaits: 0..<0))
                    continue
                }
                let start = resolution.awaited.count
                if anyUndetermined, let pending = resolution.pending[issued.action], pending > issued.kind {
                    collectPending(issued, outcomes: outcomes, plan: plan, into: &resolution.awaited)
                }
                resolution.standing.append(Entry(recommendation: issued, overriddenBy: nil, awaits: start..<resolution.awaited.count))
            }
        }
    }

    private static func reset<T>(_ array: inout [T?], count: Int) {
        array.removeAll(keepingCapacity: true)
        array.append(contentsOf: repeatElement(nil, count: count))
    }

    /// Appends the recommendations of undetermined rules for `issued`'s action that are more restrictive than it.
    private static func collectPending(
        _ issued: EvaluationPlan.Recommendation, outcomes: [RuleState], plan: EvaluationPlan,
        into found: inout [EvaluationPlan.Recommendation]
    ) {
        for (rule, outcome) in outcomes.enumerated() where outcome == .undetermined {
            for candidate in plan.recommendations[plan.recommendationRanges[rule]] where candidate.action == issued.action && candidate.kind > issued.kind {
                found.append(candidate)
            }
        }
    }
}
