import GuidelineDiagnostics
import GuidelineExpression

/// Checks decision tables by enumerating their inputs: `unique` tables for inputs two rows match,
/// `complete` tables for inputs no row matches, naming the exact input values.
enum TableAnalysis {
    /// The most input combinations enumerated; larger tables are reported as not checked.
    static let maxCombinations = 100_000
    /// The most row matches tried (input combinations times rows); a table needing more is reported as
    /// not checked rather than checked for minutes (two 316-value inputs and 8,000 rows would need 800 million).
    static let maxRowChecks = 1_000_000
    /// The most gaps or overlaps listed in one diagnostic.
    static let maxListed = 5

    static func check(
        _ table: CompiledTable, slots: [Slot], facts: [FactDeclaration], scores: [CompiledScore],
        bag: inout DiagnosticBag
    ) {
        let declaration = table.declaration
        guard declaration.hit == .unique || declaration.complete, !table.rows.isEmpty else { return }
        var domains: [[Value]] = []
        for (position, slot) in table.inputSlots.enumerated() {
            guard let domain = domain(of: slots[slot], facts: facts, scores: scores) else {
                bag.warning(
                    RulesDiagnosticCode.tableNotAnalysed,
                    "table \(quoted: declaration.id) is not checked for gaps and overlaps: input \(quoted: declaration.inputs[position]) has no finite set of values",
                    at: declaration.inputRanges[position],
                    help: ["inputs that are enums, booleans or whole numbers with a declared range are checked"])
                return
            }
            domains.append(domain)
        }
        // The number of input combinations, or nil once it passes the limit (a product can overflow).
        let total = domains.reduce(Int?.some(1)) { total, domain in
            guard let total else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: max(domain.count, 1))
            return overflow || product > maxCombinations ? nil : product
        }
        // An input with no values at all is an error reported where it is declared.
        guard !domains.contains(where: \.isEmpty) else { return }
        guard let total else {
            bag.warning(
                RulesDiagnosticCode.tableNotAnalysed,
                "table \(quoted: declaration.id) has more input combinations than the limit of \(maxCombinations) to check for gaps and overlaps",
                at: declaration.range, help: ["split the table, or give its number inputs narrower ranges"])
            return
        }
        let (checks, overflow) = total.multipliedReportingOverflow(by: table.rows.count)
        guard !overflow, checks <= maxRowChecks else {
            bag.warning(
                RulesDiagnosticCode.tableNotAnalysed,
                "table \(quoted: declaration.id) is not checked for gaps and overlaps: \(total) input combinations times \(table.rows.count) rows pass the limit of \(maxRowChecks) row checks",
                at: declaration.range, help: ["split the table, or give it fewer rows or inputs with fewer values"])
            return
        }
        var values = Array(repeating: Value.unknown, count: slots.count)
        var gaps: [String] = []
        var gapCount = 0
        var overlaps: [String: (rows: [Int], examples: [String], count: Int)] = [:]
        var index = Array(repeating: 0, count: domains.count)
        for _ in 0..<total {
            for (position, slot) in table.inputSlots.enumerated() { values[slot] = domains[position][index[position]] }
            let matching = table.rows.indices.filter {
                table.rows[$0].matches { ExpressionBridge.evaluate($0, slots: values) } == true
            }
            // Built only when listed.
            let combination = {
                zip(declaration.inputs, table.inputSlots).map { "\($0) = \(values[$1])" }.joined(separator: ", ")
            }
            if declaration.complete && matching.isEmpty {
                gapCount += 1
                if gaps.count < maxListed { gaps.append(combination()) }
            }
            if declaration.hit == .unique && matching.count > 1 {
                let key = matching.map(String.init).joined(separator: ",")
                var entry = overlaps[key] ?? (matching, [], 0)
                entry.count += 1
                if entry.examples.count < maxListed { entry.examples.append(combination()) }
                overlaps[key] = entry
            }
            // Next combination (odometer).
            var position = domains.count - 1
            while position >= 0 {
                index[position] += 1
                if index[position] < domains[position].count { break }
                index[position] = 0
                position -= 1
            }
        }
        if gapCount > 0 {
            let more = gapCount > gaps.count ? " and \(gapCount - gaps.count) more" : ""
            bag.error(
                RulesDiagnosticCode.tableGap,
                "no row of table \(quoted: declaration.id) matches \(gaps.map { "\(quoted: $0)" }.joined(separator: "; "))\(more)",
                at: declaration.range,
                help: ["add a row for these inputs, or remove 'complete: true' if the gap is intended"])
        }
        for (_, overlap) in overlaps.sorted(by: { $0.value.rows.lexicographicallyPrecedes($1.value.rows) }) {
            let rows = overlap.rows.map { "\($0 + 1)" }.joined(separator: " and ")
            let more =
                overlap.count > overlap.examples.count ? " and \(overlap.count - overlap.examples.count) more" : ""
            let later = table.rows[overlap.rows[1]].declaration.range
            bag.error(
                RulesDiagnosticCode.tableOverlap,
                "rows \(rows) of unique table \(quoted: declaration.id) both match \(overlap.examples.map { "\(quoted: $0)" }.joined(separator: "; "))\(more)",
                at: later, help: ["make the rows exclusive, or use 'hit: first' if the order decides"],
                notes: [
                    DiagnosticNote(
                        "row \(overlap.rows[0] + 1) is here", at: table.rows[overlap.rows[0]].declaration.range)
                ])
        }
    }

    /// Every value an input can take, when that set is finite and small.
    private static func domain(of slot: Slot, facts: [FactDeclaration], scores: [CompiledScore]) -> [Value]? {
        switch slot.type {
        case .boolean: return [.bool(false), .bool(true)]
        case .enumeration(let type): return type.values.indices.map { .symbol(type, $0) }
        case .integer:
            var low: Int?
            var high: Int?
            if case .fact(let index) = slot.origin, case .number(let min)? = facts[index].minimum,
                case .number(let max)? = facts[index].maximum
            {
                low = Int(exactly: min.integerPart)
                high = Int(exactly: max.integerPart)
            }
            if case .scoreTotal(let index) = slot.origin, scores.indices.contains(index) {
                low = scores[index].declaration.lower
                high = scores[index].declaration.upper
            }
            guard let low, let high, high >= low, high - low < 10_000 else { return nil }
            return (low...high).map { Value.integer($0) }
        default: return nil
        }
    }
}
