import GuidelineCompiler
import GuidelineExpression

/// Fills an `EvaluationRecord` for one case: the facts (or their declared defaults), then scores, derived
/// values and decision tables in dependency order, then every rule's condition, recording each node's value.
///
/// Works in the record's own buffers: nothing is rendered and, for the bundled rulesets, nothing is allocated.
struct RecordBuilder {
    let plan: EvaluationPlan
    /// Whether to record every node's value of every rule condition.
    var tracing = true

    /// Evaluates `input` into `record`.
    func fill(_ record: inout EvaluationRecord, from input: CaseInput) {
        let ruleset = plan.ruleset
        record.reset(slotCount: ruleset.slots.count, traceSize: tracing ? plan.traceSize : 0, ruleCount: plan.conditions.count)
        record.caseID = input.id
        for index in plan.defaults.indices {
            let given = index < input.facts.count ? input.facts[index] : .unknown
            if given.isKnown {
                record.slots[index] = given
            } else if let assumed = plan.defaults[index] {
                record.slots[index] = assumed
                record.assumptions.append(Assumption(fact: ruleset.facts[index].name, value: assumed))
            }
        }
        for step in ruleset.steps {
            switch step {
            case .score(let index): computeScore(ruleset.scores[index], &record)
            case .derived(let index):
                let derived = plan.derived[index]
                let value = evaluate(derived.expression, &record, place: .derived(index))
                record.slots[derived.slot] = value
            case .table(let index): computeTable(index, &record)
            }
        }
        decideRules(&record)
    }

    /// Evaluates every rule condition over the slots, writing each rule's trace into its region of the record.
    private func decideRules(_ record: inout EvaluationRecord) {
        let conditions = plan.conditions
        var failures: [(rule: Int, error: EvaluationError)] = []
        var outcomes = record.outcomes
        record.slots.withUnsafeBufferPointer { slots in
            record.trace.withUnsafeMutableBufferPointer { trace in
                for index in conditions.indices {
                    let start = plan.traceOffsets[index]
                    let region = tracing
                        ? UnsafeMutableBufferPointer(rebasing: trace[start..<plan.traceEnds[index]])
                        : UnsafeMutableBufferPointer(rebasing: trace[0..<0])
                    do throws(EvaluationError) {
                        switch try ExpressionEvaluator.evaluate(conditions[index], slots: slots, recordingInto: region) {
                        case .bool(true): outcomes[index] = .fired
                        case .bool(false): outcomes[index] = .notFired
                        default: outcomes[index] = .undetermined
                        }
                    } catch {
                        outcomes[index] = .undetermined
                        failures.append((index, error))
                    }
                }
            }
        }
        record.outcomes = outcomes
        for failure in failures {
            record.errors.append(EvaluationIssue(code: "eval.error", message: "\(failure.error)", place: "rule '\(plan.ruleset.rules[failure.rule].id)'"))
        }
    }

    /// Where a value is computed, for error messages.
    private enum Place {
        case derived(Int)
        case table(Int)
    }

    private func evaluate(_ expression: CheckedExpression, _ record: inout EvaluationRecord, place: Place) -> Value {
        let result: Result<Value, EvaluationError> = record.slots.withUnsafeBufferPointer { slots in
            do throws(EvaluationError) {
                var trace: [Value]? = nil
                return .success(try ExpressionEvaluator.evaluate(expression, slots: slots, trace: &trace))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error):
            let name = switch place {
            case .derived(let index): plan.ruleset.derived[index].declaration.name
            case .table(let index): "table '\(plan.ruleset.tables[index].declaration.id)'"
            }
            record.errors.append(EvaluationIssue(code: "eval.error", message: "\(error)", place: name))
            return .unknown
        }
    }

    private func computeScore(_ score: CompiledScore, _ record: inout EvaluationRecord) {
        var low = 0
        var high = 0
        for component in score.components {
            if let points = component.points(for: record.slots[component.factSlot]) {
                low += points
                high += points
            } else {
                low += component.minimum
                high += component.maximum
            }
        }
        let bands = score.declaration.bands
        let band = bands.firstIndex { $0.lower <= low && high <= $0.upper }
        record.slots[score.totalSlot] = low == high ? .integer(low) : .between(Number(exactly: low) ?? .zero, Number(exactly: high) ?? .zero)
        record.slots[score.bandSlot] = band.map { .symbol(score.bandType, $0) } ?? .unknown
    }

    private func computeTable(_ index: Int, _ record: inout EvaluationRecord) {
        let table = plan.ruleset.tables[index]
        // Each row: does it match (true/false/nil).
        var matches: [Bool?] = []
        matches.reserveCapacity(table.rows.count)
        for row in table.rows {
            matches.append(row.matches { evaluate($0, &record, place: .table(index)) })
        }
        for (position, slot) in table.outputSlots.enumerated() {
            record.slots[slot] = tableOutput(index, matches: matches, output: position, &record)
        }
    }

    private func tableOutput(_ index: Int, matches: [Bool?], output: Int, _ record: inout EvaluationRecord) -> Value {
        let table = plan.ruleset.tables[index]
        func value(_ row: Int) -> Value { evaluate(table.rows[row].outputs[output], &record, place: .table(index)) }
        switch table.declaration.hit {
        case .collect:
            if matches.contains(where: { $0 == nil }) { return .unknown }
            return .list(matches.indices.filter { matches[$0] == true }.map(value))
        case .unique, .first:
            // The rows that could still apply; the answer is known when they all give the same value.
            var candidates: [Int] = []
            for (row, match) in matches.enumerated() {
                if match == false { continue }
                candidates.append(row)
                if match == true && table.declaration.hit == .first { break }
            }
            if table.declaration.hit == .unique, matches.filter({ $0 == true }).count > 1 { return .unknown }
            if candidates.isEmpty { return .unknown }
            if !candidates.contains(where: { matches[$0] == true }) { return .unknown }
            let values = candidates.map(value)
            return values.allSatisfy { $0 == values[0] } ? values[0] : .unknown
        }
    }
}
