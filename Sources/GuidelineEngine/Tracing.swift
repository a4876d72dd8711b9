/// Which rule conditions an evaluation records node by node in `EvaluationRecord.trace`.
package enum Tracing: Sendable, Hashable {
    /// Every rule's condition: what the full result's explanation trees are rendered from.
    case allRules
    /// None: only values and outcomes are recorded (conditions short-circuit), so the record renders no reasons.
    case none
    /// Only the conditions the untraced walk cannot decide (`ExpressionBlock.Truth.needsEvaluation`), which are
    /// evaluated node by node anyway. With the walk, which finds the undecided nodes of the other conditions
    /// again (`ExpressionBlock.undecidedSlots`), that is enough to find the facts undetermined rules need: all a
    /// batch line reads from the trace (its because lines show facts' values, read from the slots). The trace
    /// regions of the other rules hold whatever an earlier case left there.
    case evaluatedRules
}
