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
        /// Working memory sized for the plan, reached through a constant reference (no uniqueness checks).
        fileprivate var scratch = Scratch(actions: 0, recommendations: 0)

        /// The recommendations `entry` awaits.
        func awaits(of entry: Entry) -> ArraySlice<EvaluationPlan.Recommendation> { awaited[entry.awaits] }
    }

    /// The resolution of `outcomes`.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan) -> Resolution {
        var resolution = Resolution()
        resolve(outcomes, plan: plan, into: &resolution)
        return resolution
    }

    /// Working memory of one resolution: per action the flat position of the strongest issued recommendation
    /// and the restrictiveness of the strongest kind an undetermined rule could still issue (or -1); the flat
    /// positions of the undetermined rules' recommendations and of the fired rules' ones, in rule order.
    fileprivate final class Scratch: @unchecked Sendable {
        let strongest: UnsafeMutableBufferPointer<Int32>
        let pending: UnsafeMutableBufferPointer<Int8>
        let undetermined: UnsafeMutableBufferPointer<Int32>
        let fired: UnsafeMutableBufferPointer<Int32>

        init(actions: Int, recommendations: Int) {
            strongest = .allocate(capacity: actions)
            pending = .allocate(capacity: actions)
            undetermined = .allocate(capacity: recommendations)
            fired = .allocate(capacity: recommendations)
        }

        deinit {
            strongest.deallocate()
            pending.deallocate()
            undetermined.deallocate()
            fired.deallocate()
        }
    }

    /// Splits the issued recommendations into standing and suppressed (per the action's policy), and marks
    /// each standing one provisional while an undetermined rule could issue a more restrictive kind for it.
    static func resolve(_ outcomes: [RuleState], plan: EvaluationPlan, into resolution: inout Resolution) {
        resolution.standing.removeAll(keepingCapacity: true)
        resolution.suppressed.removeAll(keepingCapacity: true)
        resolution.awaited.removeAll(keepingCapacity: true)
        let recommendations = plan.recommendations
        if resolution.scratch.strongest.count != plan.policies.count || resolution.scratch.fired.count != recommendations.count {
            resolution.scratch = Scratch(actions: plan.policies.count, recommendations: recommendations.count)
        }
        let scratch = resolution.scratch
        scratch.strongest.update(repeating: -1)
        scratch.pending.update(repeating: -1)
        var undeterminedCount = 0
        var firedCount = 0
        // First pass: the strongest issued and the strongest pending kind per action.
        outcomes.withUnsafeBufferPointer { outcomes in
            for rule in outcomes.indices where outcomes[rule] != .notFired {
                let undetermined = outcomes[rule] == .undetermined
                for position in plan.recommendationRanges[rule] {
                    let issued = recommendations[position]
                    let restrictiveness = Int8(issued.kind.restrictiveness)
                    if undetermined {
                        scratch.undetermined[undeterminedCount] = Int32(position)
                        undeterminedCount += 1
                        if scratch.pending[issued.action] < restrictiveness { scratch.pending[issued.action] = restrictiveness }
                        continue
                    }
                    scratch.fired[firedCount] = Int32(position)
                    firedCount += 1
                    let strongest = Int(scratch.strongest[issued.action])
                    if strongest < 0 || recommendations[strongest].kind < issued.kind {
                        scratch.strongest[issued.action] = Int32(position)
                    }
                }
            }
        }
        // Second pass: each fired rule's recommendations, suppressed or standing (provisional if a pending kind
        // is stronger).
        for position in scratch.fired[0..<firedCount] {
            let issued = recommendations[Int(position)]
            let winner = recommendations[Int(scratch.strongest[issued.action])]
            if plan.policies[issued.action] == .mostRestrictive, winner.kind > issued.kind {
                resolution.suppressed.append(Entry(recommendation: issued, overriddenBy: winner, awaits: 0..<0))
                continue
            }
            let start = resolution.awaited.count
            if scratch.pending[issued.action] > Int8(issued.kind.restrictiveness) {
                for candidate in scratch.undetermined[0..<undeterminedCount] {
                    let pending = recommendations[Int(candidate)]
                    if pending.action == issued.action && pending.kind > issued.kind { resolution.awaited.append(pending) }
                }
            }
            resolution.standing.append(Entry(recommendation: issued, overriddenBy: nil, awaits: start..<resolution.awaited.count))
        }
    }
}
