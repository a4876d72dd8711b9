import GuidelineCompiler
import GuidelineExpression

/// Fills an `EvaluationRecord` for one case: the facts (or their declared defaults), then scores, derived
/// values and decision tables in dependency order, then every rule's condition, recording each node's value.
///
/// Works in the record's own buffers and the plan's flat layout (`EvaluationPlan.block`, `scorePlans`,
/// `tablePlans`): nothing is rendered, copied or counted per rule and, for the bundled rulesets, nothing is
/// allocated. Every slot, outcome and (when tracing) trace node is written on every case, so a reused record is
/// not cleared first.
struct RecordBuilder {
    let plan: EvaluationPlan
    /// Which rule conditions to record node by node.
    var tracing = Tracing.allRules

    /// Evaluates `input` into `record`.
    func fill(_ record: inout EvaluationRecord, from input: CaseInput) {
        record.prepare(
            slotCount: plan.ruleset.slots.count, traceSize: tracing == .none ? 0 : plan.traceSize,
            ruleCount: plan.conditions.count,
            exceptionCount: plan.exceptions.count, scratchSize: plan.block.largestNodeCount,
            keepSlots: plan.writesEverySlot, keepTrace: true)
        record.caseID = input.id
        fillFacts(&record, input.facts)
        for step in plan.ruleset.steps {
            switch step {
            case .score(let index): computeScore(plan.scorePlans[index], &record)
            case .derived(let index):
                let value = evaluate(plan.derivedExpressions[index], &record, place: .derived(index))
                Self.set(plan.derived[index].slot, to: value, in: &record)
            case .table(let index): computeTable(plan.tablePlans[index], &record)
            }
        }
        decideRules(&record)
        decideExceptions(&record)
    }

    /// Evaluates every rule's exception (`unless:`) and lifts the rules whose exception holds: such a rule does
    /// not fire, whatever its condition.
    ///
    /// An exception that is unknown (not recorded) or fails to evaluate lifts nothing.
    private func decideExceptions(_ record: inout EvaluationRecord) {
        for (index, exception) in plan.exceptions.enumerated() {
            let holds = truth(exception.expression, &record, place: .exception(exception.rule))
            record.exceptions[index] = holds
            if holds == true { record.outcomes[exception.rule] = .notFired }
        }
    }

    /// Writes every fact's slot: the given value if known, else the declared default (an assumption), else unknown.
    private func fillFacts(_ record: inout EvaluationRecord, _ facts: [Value]) {
        let defaults = plan.defaults
        facts.withUnsafeBufferPointer { facts in
            record.slots.withUnsafeMutableBufferPointer { slots in
                guard let slot = slots.baseAddress else { return }
                for index in 0..<Swift.min(defaults.count, slots.count) {
                    if index < facts.count, facts[index].isKnown {
                        // Never nil: index < facts.count, so the buffer is not empty; a hot path.
                        // swift-format-ignore: NeverForceUnwrap
                        Value.assign(slot + index, from: facts.baseAddress! + index)
                    } else if let assumed = defaults[index] {
                        Value.store(assumed, at: slot + index)
                        record.assumptions.append(Assumption(fact: plan.factNames[index], value: assumed))
                    } else {
                        Value.store(.unknown, at: slot + index)
                    }
                }
            }
        }
    }

    /// Evaluates every rule condition over the slots, writing each rule's trace into its region of the record.
    private func decideRules(_ record: inout EvaluationRecord) {
        let block = plan.block
        let ruleCount = plan.conditions.count
        let tracing = tracing
        var failures: [(rule: Int, error: EvaluationError)] = []
        record.slots.withUnsafeBufferPointer { slots in
            record.outcomes.withUnsafeMutableBufferPointer { outcomes in
                func region(
                    _ index: Int, _ trace: UnsafeMutableBufferPointer<Value>
                ) -> UnsafeMutableBufferPointer<Value> {
                    UnsafeMutableBufferPointer(rebasing: trace[plan.traceOffsets[index]..<plan.traceEnds[index]])
                }
                func decide(_ index: Int, into nodes: UnsafeMutableBufferPointer<Value>) {
                    do throws(EvaluationError) {
                        switch try block.evaluate(index, slots: slots, nodes: nodes, tracing: tracing != .none) {
                        case .bool(true): outcomes[index] = .fired
                        case .bool(false): outcomes[index] = .notFired
                        default: outcomes[index] = .undetermined
                        }
                    } catch {
                        outcomes[index] = .undetermined
                        failures.append((index, error))
                    }
                }
                switch tracing {
                case .allRules:
                    record.trace.withUnsafeMutableBufferPointer { trace in
                        for index in 0..<ruleCount { decide(index, into: region(index, trace)) }
                    }
                case .none, .evaluatedRules:
                    // Decided by the short-circuiting walk; what it cannot decide is evaluated, traced into the
                    // rule's region when those rules are traced.
                    let traced = tracing == .evaluatedRules
                    withUnsafeTemporaryAllocation(of: ExpressionBlock.Truth.self, capacity: ruleCount) { truths in
                        block.truths(0..<ruleCount, slots: slots, into: truths)
                        var pending = false
                        for index in 0..<ruleCount {
                            let truth = truths[index]
                            // Pattern matches, not `==`: a package enum's synthesized `==` is called through
                            // its Equatable witness from another module, in the hottest loop of the engine.
                            switch truth {
                            case .false: outcomes[index] = .notFired
                            case .true: outcomes[index] = .fired
                            case .neither: outcomes[index] = .undetermined
                            case .needsEvaluation:
                                outcomes[index] = .undetermined
                                pending = true
                            }
                        }
                        guard pending else { return }
                        record.trace.withUnsafeMutableBufferPointer { trace in
                            record.scratch.withUnsafeMutableBufferPointer { scratch in
                                for index in 0..<ruleCount {
                                    guard case .needsEvaluation = truths[index] else { continue }
                                    decide(index, into: traced ? region(index, trace) : scratch)
                                }
                            }
                        }
                    }
                }
            }
        }
        for failure in failures {
            record.errors.append(
                EvaluationIssue(
                    code: EvaluationDiagnosticCode.error.rawValue, message: "\(failure.error)",
                    place: "rule '\(plan.ruleset.rules[failure.rule].id)'"))
        }
    }

    /// Where a value is computed, for error messages.
    enum Place {
        case derived(Int)
        case table(TablePlan)
        case exception(Int)
    }

    /// The truth of expression `index` of the plan's block (untraced): true, false, or nil for any other value
    /// (an error recorded).
    func truth(_ index: Int, _ record: inout EvaluationRecord, place: Place) -> Bool? {
        switch record.slots.withUnsafeBufferPointer({ plan.block.truth(index, slots: $0) }) {
        case .true: return true
        case .false: return false
        case .neither: return nil
        case .needsEvaluation: return evaluate(index, &record, place: place).boolValue
        }
    }

    /// The value of expression `index` of the plan's block (untraced), or unknown with an error recorded.
    func evaluate(_ index: Int, _ record: inout EvaluationRecord, place: Place) -> Value {
        if let value = record.slots.withUnsafeBufferPointer({ plan.block.decidedValue(index, slots: $0) }) {
            return value
        }
        let result: Result<Value, EvaluationError> = record.slots.withUnsafeBufferPointer { slots in
            record.scratch.withUnsafeMutableBufferPointer { scratch in
                do throws(EvaluationError) {
                    return .success(try plan.block.evaluate(index, slots: slots, nodes: scratch, tracing: false))
                } catch {
                    return .failure(error)
                }
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error):
            let name =
                switch place {
                case .derived(let index): plan.ruleset.derived[index].declaration.name
                case .table(let table): table.place
                case .exception(let rule): "rule '\(plan.ruleset.rules[rule].id)' (unless)"
                }
            record.errors.append(
                EvaluationIssue(code: EvaluationDiagnosticCode.error.rawValue, message: "\(error)", place: name))
            return .unknown
        }
    }

    private func computeScore(_ score: ScorePlan, _ record: inout EvaluationRecord) {
        record.slots.withUnsafeMutableBufferPointer { slots in
            let (total, band) = score.compute(slots: UnsafeBufferPointer(slots))
            // Never nil: the slot is an index of the buffer, so it is not empty; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            if slots.indices.contains(score.totalSlot) { Value.store(total, at: slots.baseAddress! + score.totalSlot) }
            // swift-format-ignore: NeverForceUnwrap
            if slots.indices.contains(score.bandSlot) { Value.store(band, at: slots.baseAddress! + score.bandSlot) }
        }
    }

    /// Writes `value` into slot `slot` of `record`, if there is one.
    static func set(_ slot: Int, to value: Value, in record: inout EvaluationRecord) {
        record.slots.withUnsafeMutableBufferPointer { slots in
            // Never nil: the slot is an index of the buffer, so it is not empty; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            if slots.indices.contains(slot) { Value.store(value, at: slots.baseAddress! + slot) }
        }
    }
}
