import GuidelineCompiler
import GuidelineExpression

/// One decision table as evaluation reads it: each row's cells and outputs as positions of expressions in the
/// plan's `ExpressionBlock`, in flat arrays of plain values, so that deciding a table copies and counts nothing.
final class TablePlan: Sendable {
    /// Where errors are reported: `table 'ID'`.
    let place: String
    /// The hit policy.
    let hit: HitPolicy
    /// The number of rows.
    let rowCount: Int
    /// Each row's cells (those that constrain their input), in `cells`.
    let rowCells: [Range<Int>]
    /// Each cell's alternatives, in `alternatives`.
    let cells: [Range<Int>]
    /// The alternatives' expressions (positions in the block).
    let alternatives: [Int]
    /// The alternatives' expressions as one range of the block, when they are consecutive (as `init` adds
    /// them), so that one run decides every cell's truth.
    let alternativeRange: Range<Int>?
    /// Row `r`'s output `o` is the expression at `outputs[r * outputSlots.count + o]` (-1: none).
    let outputs: [Int]
    /// The slots of the outputs.
    let outputSlots: [Int]

    /// Lays out `table`; `add` places an expression in the block and returns its position.
    init(_ table: CompiledTable, add: (CheckedExpression) -> Int) {
        place = "table '\(table.declaration.id)'"
        hit = table.declaration.hit
        rowCount = table.rows.count
        outputSlots = table.outputSlots
        var rowCells: [Range<Int>] = []
        var cells: [Range<Int>] = []
        var alternatives: [Int] = []
        var outputs: [Int] = []
        // Every row's cells first, then every row's outputs, so the cells are consecutive in the block.
        for row in table.rows {
            let first = cells.count
            for case let cell? in row.cells {
                let start = alternatives.count
                alternatives.append(contentsOf: cell.map(add))
                cells.append(start..<alternatives.count)
            }
            rowCells.append(first..<cells.count)
        }
        for row in table.rows {
            for output in table.outputSlots.indices {
                outputs.append(output < row.outputs.count ? add(row.outputs[output]) : -1)
            }
        }
        if let first = alternatives.first, alternatives == Array(first..<(first + alternatives.count)) {
            alternativeRange = first..<(first + alternatives.count)
        } else {
            alternativeRange = nil
        }
        self.rowCells = rowCells
        self.cells = cells
        self.alternatives = alternatives
        self.outputs = outputs
    }

    /// Whether row `row` matches (as `CompiledTable.Row.matches`): true, false, or nil when undecided.
    ///
    /// A cell matches when any alternative is true; the row when every cell does. `truth` gives the value of an
    /// alternative (by its position in `alternatives`) if boolean (nil otherwise); evaluation stops where that function
    /// stops.
    func matches(_ row: Int, _ truth: (Int) -> Bool?) -> Bool? {
        var result: Bool? = true
        for cell in rowCells[row] {
            var cellResult: Bool? = false
            for position in cells[cell] {
                if let flag = truth(position) {
                    if flag { cellResult = true; break }
                } else {
                    cellResult = nil
                }
            }
            if cellResult == false { return false }
            if cellResult == nil { result = nil }
        }
        return result
    }

    /// The expression of output `output` of row `row` (-1: none).
    func output(_ output: Int, ofRow row: Int) -> Int {
        let position = row * outputSlots.count + output
        return position >= 0 && position < outputs.count ? outputs[position] : -1
    }
}
