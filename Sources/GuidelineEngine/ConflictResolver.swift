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

    /// The standing and the suppressed recommendations, in rule order, as the full result lists them.
    struct Resolution: Sendable {
        var standing: [Entry] = []
        var suppressed: [Entry] = []
        /// Recommendations of undetermined rules that would be more restrictive than a standing one for the
        /// same action, grouped by standing entry (see `Entry.awaits`).
        var awaited: [EvaluationPlan.Recommendation] = []

        /// The recommendations `entry` awaits.
        func awaits(of entry: Entry) -> ArraySlice<EvaluationPlan.Recommendation> { awaited[entry.awaits] }
    }

    /// The resolution of `outcomes`.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan) -> Resolution {
        let positions = ConflictPositions()
        resolve(outcomes, plan: plan, into: positions)
        let recommendations = plan.recommendations
        var resolution = Resolution()
        resolution.standing = positions.standing.indices.map { entry in
            Entry(
                recommendation: recommendations[Int(positions.standing[entry])], overriddenBy: nil,
                awaits: positions.awaits(ofStanding: entry))
        }
        resolution.suppressed = positions.suppressed.indices.map { entry in
            Entry(
                recommendation: recommendations[Int(positions.suppressed[entry])],
                overriddenBy: recommendations[Int(positions.overrider(ofSuppressed: entry))], awaits: 0..<0)
        }
        resolution.awaited = positions.awaited.map { recommendations[Int($0)] }
        return resolution
    }

    /// Splits the issued recommendations into standing and suppressed (per the action's policy), and marks
    /// each standing one provisional while an undetermined rule could issue a more restrictive kind for it:
    /// into `positions`, reading its tables (see `ConflictPositions`) so the loops need no checks.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan, into positions: ConflictPositions) {
        positions.prepare(for: plan)
        outcomes.withUnsafeBufferPointer { positions.resolve($0) }
    }
}
