import GuidelineExpression

/// What one evaluation recorded, cheaply: every slot's value, every rule's outcome and the value of every node
/// of every rule condition (the trace), by position.
///
/// Nothing is rendered: `RulesetEvaluator.result(of:options:)` turns a record into an `EvaluationResult` with reasons
/// and citations, and the batch writer writes one line straight from it.
///
/// A record can be reused across cases (`RulesetEvaluator.record(_:into:)` keeps its buffers), so a loop over
/// many cases allocates nothing per case for the record itself.
package struct EvaluationRecord: Sendable {
    /// The case id, if the case gave one.
    package internal(set) var caseID: String?
    /// The value of every slot (facts, score totals and bands, derived values, table outputs), by slot index.
    package internal(set) var slots: [Value] = []
    /// The value of every node of every rule condition; rule `i`'s nodes start at the evaluator's trace offset
    /// for `i`.
    package internal(set) var trace: [Value] = []
    /// Each rule's outcome, by rule index.
    package internal(set) var outcomes: [RuleState] = []
    /// The value of each rule's exception (`unless:`), by position among the rules that have one (in rule
    /// order): true when it holds (the rule is lifted and did not fire), false when it is known not to hold, nil
    /// when it is not recorded (unknown, or its evaluation failed: the rule holds regardless, marked so).
    package internal(set) var exceptions: [Bool?] = []
    /// Evaluation errors (overflow, division by zero), each tied to a rule or value.
    package internal(set) var errors: [EvaluationIssue] = []
    /// Facts whose declared default was used.
    package internal(set) var assumptions: [Assumption] = []
    /// Room for the node values of one expression evaluated without a trace (derived values, table cells, rule
    /// conditions when not tracing); what it holds between uses means nothing.
    var scratch: [Value] = []

    /// An empty record, to be filled by `RulesetEvaluator.record(_:into:)`.
    package init() {}

    /// The outcome of rule `index`: true (fired), false (did not), nil (undetermined).
    package func value(ofRule index: Int) -> Bool? {
        guard outcomes.indices.contains(index) else { return nil }
        return outcomes[index].value
    }

    /// Sizes the record for a ruleset, keeping the buffers' capacity.
    ///
    /// Slots, trace and outcomes keep their old values where their size does not change and `keepSlots`/`keepTrace` say
    /// the evaluation writes all of them anyway (outcomes always are); otherwise they are cleared to unknown (outcomes
    /// to not fired).
    mutating func prepare(
        slotCount: Int, traceSize: Int, ruleCount: Int, exceptionCount: Int, scratchSize: Int, keepSlots: Bool,
        keepTrace: Bool
    ) {
        caseID = nil
        if !keepSlots || slots.count != slotCount { Self.fill(&slots, count: slotCount, with: .unknown) }
        if !keepTrace || trace.count != traceSize { Self.fill(&trace, count: traceSize, with: .unknown) }
        if outcomes.count != ruleCount { Self.fill(&outcomes, count: ruleCount, with: .notFired) }
        if exceptions.count != exceptionCount { Self.fill(&exceptions, count: exceptionCount, with: nil) }
        if scratch.count < scratchSize { Self.fill(&scratch, count: scratchSize, with: .unknown) }
        errors.removeAll(keepingCapacity: true)
        assumptions.removeAll(keepingCapacity: true)
    }

    private static func fill<T>(_ array: inout [T], count: Int, with value: T) {
        if array.count == count {
            array.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
        } else {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: count))
        }
    }
}

/// A rule's outcome for one case.
package enum RuleState: UInt8, Sendable, Hashable {
    /// The condition is false.
    case notFired
    /// The condition is true: the rule's recommendations are issued.
    case fired
    /// The condition is unknown (missing facts) or its evaluation failed.
    case undetermined

    /// true, false or nil (undetermined).
    package var value: Bool? {
        switch self {
        case .notFired: false
        case .fired: true
        case .undetermined: nil
        }
    }
}
