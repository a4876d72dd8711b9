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
        /// Scratch: the flat position of the strongest issued recommendation per action, or -1.
        fileprivate var strongest: [Int32] = []
        /// Scratch: the restrictiveness of the strongest kind an undetermined rule could still issue, per action,
        /// or -1.
        fileprivate var pending: [Int8] = []
        /// Scratch: the flat positions of the undetermined rules' recommendations, in rule order.
        fileprivate var undetermined: [Int32] = []

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
        resolution.undetermined.removeAll(keepingCapacity: true)
        reset(&resolution.strongest, count: plan.policies.count)
        reset(&resolution.pending, count: plan.policies.count)
        let recommendations = plan.recommendations
        let ranges = plan.recommendationRanges
        // First pass: the strongest issued and the strongest pending kind per action.
        resolution.strongest.withUnsafeMutableBufferPointer { strongest in
            resolution.pending.withUnsafeMutableBufferPointer { pending in
                for (rule, outcome) in outcomes.enumerated() where outcome != .notFired {
                    for position in ranges[rule] {
                        let issued = recommendations[position]
                        let restrictiveness = Int8(issued.kind.restrictiveness)
                        if outcome == .undetermined {
                            resolution.undetermined.append(Int32(position))
                            if pending[issued.action] < restrictiveness { pending[issued.action] = restrictiveness }
                        } else if strongest[issued.action] < 0
                            || recommendations[Int(strongest[issued.action])].kind < issued.kind {
                            strongest[issued.action] = Int32(position)
                        }
                    }
                }
            }
        }
        // Second pass: each fired rule's recommendations, suppressed or standing (provisional if a pending kind
        // is stronger).
        for (rule, outcome) in outcomes.enumerated() where outcome == .fired {
            for position in ranges[rule] {
                let issued = recommendations[position]
                let winner = Int(resolution.strongest[issued.action])
                if plan.policies[issued.action] == .mostRestrictive, recommendations[winner].kind > issued.kind {
                    resolution.suppressed.append(Entry(recommendation: issued, overriddenBy: recommendations[winner], awaits: 0..<0))
                    continue
                }
                let start = resolution.awaited.count
                if resolution.pending[issued.action] > Int8(issued.kind.restrictiveness) {
                    for candidate in resolution.undetermined {
                        let pending = recommendations[Int(candidate)]
                        if pending.action == issued.action && pending.kind > issued.kind { resolution.awaited.append(pending) }
                    }
                }
                resolution.standing.append(Entry(recommendation: issued, overriddenBy: nil, awaits: start..<resolution.awaited.count))
            }
        }
    }

    private static func reset<T: FixedWidthInteger>(_ array: inout [T], count: Int) {
        if array.count == count {
            array.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        } else {
            array = [T](repeating: -1, count: count)
        }
    }
}
