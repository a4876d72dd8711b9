import GuidelineCompiler
import GuidelineExpression

extension RecordBuilder {
    /// Decides a table's rows and writes each output slot, as `CompiledTable` semantics say: `collect` lists
    /// the outputs of the matching rows (unknown if any row is undecided); `unique` and `first` give the output
    /// when every row that could still apply gives the same one.
    ///
    /// Every output expression of a candidate row is evaluated (an error in any is reported), in row order.
    func computeTable(_ table: TablePlan, _ record: inout EvaluationRecord) {
        let rows = table.rowCount
        let decided = table.alternativeRange?.count ?? 0
        // Each row's match: 1 true, 0 false, -1 undecided.
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: Swift.max(rows, 1)) { matches in
            // Every alternative's truth that one run decides, in one run; the others are evaluated where
            // `matches` asks for them.
            withUnsafeTemporaryAllocation(of: ExpressionBlock.Truth.self, capacity: Swift.max(decided, 1)) { truths in
                if let range = table.alternativeRange {
                    record.slots.withUnsafeBufferPointer { plan.block.truths(range, slots: $0, into: truths) }
                }
                for row in 0..<rows {
                    let match = table.matches(row) { position -> Bool? in
                        if position < decided {
                            switch truths[position] {
                            case .true: return true
                            case .false: return false
                            case .neither: return nil
                            case .needsEvaluation: break
                            }
                        }
                        return truth(table.alternatives[position], &record, place: .table(table))
                    }
                    matches[row] = match.map { $0 ? 1 : 0 } ?? -1
                }
            }
            for (position, slot) in table.outputSlots.enumerated() {
                let value = output(table, position, UnsafeBufferPointer(rebasing: matches[0..<rows]), &record)
                Self.set(slot, to: value, in: &record)
            }
        }
    }

    private func output(
        _ table: TablePlan, _ output: Int, _ matches: UnsafeBufferPointer<Int8>, _ record: inout EvaluationRecord
    ) -> Value {
        func value(_ row: Int) -> Value {
            let expression = table.output(output, ofRow: row)
            return expression >= 0 ? evaluate(expression, &record, place: .table(table)) : .unknown
        }
        switch table.hit {
        case .collect:
            if matches.contains(-1) { return .unknown }
            var values: [Value] = []
            for row in matches.indices where matches[row] == 1 { values.append(value(row)) }
            return .list(values)
        case .unique, .first:
            // The rows that could still apply (up to the first certain match, for `first`); the answer is known
            // when one of them certainly matches and they all give the same value.
            var end = matches.count
            if case .first = table.hit, let first = matches.firstIndex(of: 1) { end = first + 1 }
            if case .unique = table.hit, matches.count(where: { $0 == 1 }) > 1 { return .unknown }
            let candidates = matches[0..<end]
            guard candidates.contains(where: { $0 != 0 }), candidates.contains(1) else { return .unknown }
            var result: Value?
            var same = true
            for row in 0..<end where matches[row] != 0 {
                let next = value(row)
                if let result {
                    if same, next != result { same = false }
                } else {
                    result = next
                }
            }
            return same ? result ?? .unknown : .unknown
        }
    }
}
