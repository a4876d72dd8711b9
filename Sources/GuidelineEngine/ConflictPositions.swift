import GuidelineCompiler

/// One case's conflict resolution as flat recommendation positions (indexes into `EvaluationPlan.recommendations`)
/// in plain buffers, with the plan's per-recommendation tables that resolving reads.
///
/// Reused case after case (one per thread, in `BatchLineWriter.Scratch`), so resolving allocates nothing, checks no
/// uniqueness and counts no references; `ConflictResolver.resolve(_:plan:into:)` fills it.
///
/// Every table is built from the plan with its positions checked once, so the resolver's loops index them
/// without further checks.
final class ConflictPositions: @unchecked Sendable {
    /// The plan the tables are for (nil before the first resolution).
    private(set) var plan: EvaluationPlan?
    /// The number of rules, recommendations and actions of `plan`.
    private(set) var ruleCount = 0
    private(set) var recommendationCount = 0
    private(set) var actionCount = 0

    /// Rule `i`'s recommendations are the flat positions `ruleStarts[i]..<ruleStarts[i + 1]`.
    private(set) var ruleStarts = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// Per recommendation: its rule, its action and its kind's restrictiveness.
    private(set) var rules = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private(set) var actions = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private(set) var restrictiveness = UnsafeMutableBufferPointer<Int8>(start: nil, count: 0)
    /// Per action: whether its policy keeps every recommendation (nothing is suppressed).
    private(set) var keepsAll = UnsafeMutableBufferPointer<Bool>(start: nil, count: 0)

    /// Working memory: per action the strongest issued recommendation (or -1) and the strongest restrictiveness
    /// an undetermined rule could still issue (or -1); the undetermined rules' and the fired rules'
    /// recommendations in rule order.
    ///
    /// Sized so that every rule and recommendation fits (each is added once).
    private var strongest = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private var pending = UnsafeMutableBufferPointer<Int8>(start: nil, count: 0)
    private var undetermined = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private var fired = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)

    /// The undetermined rules, in order.
    private var undeterminedRuleStorage = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private(set) var undeterminedRuleCount = 0

    /// The standing recommendations in rule order, and where each one's awaited recommendations end in
    /// `awaited` (they start where the previous standing one's end, or at 0).
    private var standingStorage = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private var awaitsEnds = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// The suppressed recommendations in rule order, and the recommendation overriding each.
    private var suppressedStorage = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private var overriders = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    /// The recommendations the standing ones await, grouped by standing recommendation; grows as needed.
    private var awaitedStorage = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private(set) var standingCount = 0
    private(set) var suppressedCount = 0
    private(set) var awaitedCount = 0

    /// Empty; sized for a plan by `prepare(for:)`.
    init() {}

    deinit { release() }

    /// Sizes the buffers and builds the tables for `plan` unless they are already for it; forgets the last
    /// resolution either way.
    @inline(__always)
    func prepare(for plan: EvaluationPlan) {
        if self.plan !== plan { build(plan) }
        undeterminedRuleCount = 0
        standingCount = 0
        suppressedCount = 0
        awaitedCount = 0
    }

    private func build(_ plan: EvaluationPlan) {
        release()
        let recommendations = plan.recommendations
        let ranges = plan.recommendationRanges
        precondition(
            recommendations.count < Int(Int32.max) && plan.policies.count < Int(Int32.max), "too many recommendations")
        ruleCount = ranges.count
        recommendationCount = recommendations.count
        actionCount = plan.policies.count
        ruleStarts = Self.buffer(ruleCount + 1, 0)
        var previousEnd = 0
        for (rule, range) in ranges.enumerated() {
            precondition(
                range.lowerBound == previousEnd && range.upperBound <= recommendationCount,
                "recommendation ranges out of order")
            ruleStarts[rule] = Int32(range.lowerBound)
            previousEnd = range.upperBound
        }
        ruleStarts[ruleCount] = Int32(previousEnd)
        rules = Self.buffer(recommendationCount, 0)
        actions = Self.buffer(recommendationCount, 0)
        restrictiveness = Self.buffer(recommendationCount, 0)
        for (position, recommendation) in recommendations.enumerated() {
            precondition(
                recommendation.action >= 0 && recommendation.action < actionCount,
                "recommendation for an unknown action")
            rules[position] = Int32(recommendation.rule)
            actions[position] = Int32(recommendation.action)
            restrictiveness[position] = Int8(recommendation.kind.restrictiveness)
        }
        keepsAll = Self.buffer(actionCount, false)
        for (action, policy) in plan.policies.enumerated() { keepsAll[action] = policy == .keepAll }
        strongest = Self.buffer(actionCount, -1)
        pending = Self.buffer(actionCount, -1)
        undetermined = Self.buffer(recommendationCount, 0)
        fired = Self.buffer(recommendationCount, 0)
        standingStorage = Self.buffer(recommendationCount, 0)
        awaitsEnds = Self.buffer(recommendationCount, 0)
        suppressedStorage = Self.buffer(recommendationCount, 0)
        overriders = Self.buffer(recommendationCount, 0)
        awaitedStorage = Self.buffer(max(16, recommendationCount), 0)
        undeterminedRuleStorage = Self.buffer(ruleCount, 0)
        self.plan = plan
    }

    /// A new buffer of `count` copies of `value`.
    private static func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        buffer.initialize(repeating: value)
        return buffer
    }

    private func release() {
        for buffer in [
            ruleStarts, rules, actions, strongest, undetermined, fired, standingStorage, awaitsEnds, suppressedStorage,
            overriders, awaitedStorage, undeterminedRuleStorage,
        ] {
            buffer.baseAddress?.deallocate()
        }
        restrictiveness.baseAddress?.deallocate()
        pending.baseAddress?.deallocate()
        keepsAll.baseAddress?.deallocate()
        plan = nil
    }

    /// The undetermined rules, in order (valid until the next resolution).
    var undeterminedRules: UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: undeterminedRuleStorage[..<undeterminedRuleCount])
    }

    /// Resolves `outcomes` (one per rule) with the tables built by `prepare(for:)`, into this object's
    /// buffers; see `ConflictResolver.resolve(_:plan:into:)`.
    ///
    /// Works on local copies of the buffers and counts (a class's properties would be read and written back on every
    /// step).
    func resolve(_ outcomes: UnsafeBufferPointer<RuleState>) {
        let (ruleStarts, actions, restrictiveness, keepsAll) = (ruleStarts, actions, restrictiveness, keepsAll)
        let (strongest, pending, undetermined, fired) = (strongest, pending, undetermined, fired)
        let undeterminedRules = undeterminedRuleStorage
        strongest.update(repeating: -1)
        pending.update(repeating: -1)
        var undeterminedCount = 0
        var firedCount = 0
        var undeterminedRuleCount = 0
        // First pass: the undetermined rules; the strongest issued and the strongest pending kind per action.
        for rule in 0..<min(outcomes.count, ruleCount) where outcomes[rule] != .notFired {
            let isUndetermined = outcomes[rule] == .undetermined
            if isUndetermined {
                undeterminedRules[undeterminedRuleCount] = Int32(truncatingIfNeeded: rule)
                undeterminedRuleCount += 1
            }
            for position in Int(ruleStarts[rule])..<Int(ruleStarts[rule + 1]) {
                let action = Int(actions[position])
                let issued = restrictiveness[position]
                if isUndetermined {
                    undetermined[undeterminedCount] = Int32(position)
                    undeterminedCount += 1
                    if pending[action] < issued { pending[action] = issued }
                    continue
                }
                fired[firedCount] = Int32(position)
                firedCount += 1
                let current = Int(strongest[action])
                if current < 0 || restrictiveness[current] < issued { strongest[action] = Int32(position) }
            }
        }
        // Second pass: each fired rule's recommendations, suppressed or standing (provisional if a pending kind
        // is stronger).
        let (standing, awaitsEnds, suppressed, overriders) = (
            standingStorage, awaitsEnds, suppressedStorage, overriders
        )
        var standingCount = 0
        var suppressedCount = 0
        var awaitedCount = 0
        for position in fired[0..<firedCount] {
            let action = Int(actions[Int(position)])
            let issued = restrictiveness[Int(position)]
            let winner = strongest[action]
            if !keepsAll[action], restrictiveness[Int(winner)] > issued {
                suppressed[suppressedCount] = position
                overriders[suppressedCount] = winner
                suppressedCount += 1
                continue
            }
            if pending[action] > issued {
                for candidate in undetermined[0..<undeterminedCount]
                where actions[Int(candidate)] == action && restrictiveness[Int(candidate)] > issued {
                    if awaitedCount == awaitedStorage.count { growAwaited() }
                    awaitedStorage[awaitedCount] = candidate
                    awaitedCount += 1
                }
            }
            standing[standingCount] = position
            awaitsEnds[standingCount] = Int32(truncatingIfNeeded: awaitedCount)
            standingCount += 1
        }
        self.undeterminedRuleCount = undeterminedRuleCount
        self.standingCount = standingCount
        self.suppressedCount = suppressedCount
        self.awaitedCount = awaitedCount
    }

    /// Doubles the room for awaited recommendations, keeping them.
    private func growAwaited() {
        let grown = Self.buffer(awaitedStorage.count * 2, Int32(0))
        _ = grown.update(fromContentsOf: awaitedStorage)
        awaitedStorage.baseAddress?.deallocate()
        awaitedStorage = grown
    }

    /// The standing recommendations, in rule order (valid until the next resolution).
    var standing: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(rebasing: standingStorage[..<standingCount]) }

    /// The suppressed recommendations, in rule order (valid until the next resolution).
    var suppressed: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(rebasing: suppressedStorage[..<suppressedCount]) }

    /// The recommendation overriding suppressed entry `entry`.
    func overrider(ofSuppressed entry: Int) -> Int32 { overriders[entry] }

    /// Where standing entry `entry`'s awaited recommendations are in `awaited`.
    func awaits(ofStanding entry: Int) -> Range<Int> {
        (entry == 0 ? 0 : Int(awaitsEnds[entry - 1]))..<Int(awaitsEnds[entry])
    }

    /// The awaited recommendations of every standing one, grouped (see `awaits(ofStanding:)`).
    var awaited: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(rebasing: awaitedStorage[..<awaitedCount]) }
}
