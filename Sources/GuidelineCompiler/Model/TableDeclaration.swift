import GuidelineDiagnostics

/// How a decision table picks its rows.
package enum HitPolicy: String, Sendable, CaseIterable {
    /// At most one row may match any input; overlaps are load errors.
    case unique
    /// The first matching row, in order.
    case first
    /// Every matching row; the outputs are lists.
    case collect
}

/// A decision table: rows of input conditions and output values.
package struct TableDeclaration: Sendable {
    /// One cell: the alternatives a row accepts for one input (empty means any value).
    package struct Cell: Sendable {
        /// Each alternative as a condition text with the input prepended (`spine.level in C3..C6`).
        package var alternatives: [ExpressionText]
        /// Where the cell is written.
        package var range: SourceRange
    }

    /// One row.
    package struct Row: Sendable {
        /// One cell per input, in input order (inputs a row does not name accept any value).
        package var cells: [Cell?]
        /// One value per output, in output order.
        package var outputs: [ExpressionText]
        /// Citations for the row.
        package var citations: [Citation]
        /// Where the row is written.
        package var range: SourceRange
    }

    /// The table id; its outputs are named `<id>.<output>`.
    package var id: String
    /// What it decides.
    package var description: String?
    /// The hit policy.
    package var hit: HitPolicy
    /// Whether every combination of inputs must be covered.
    package var complete: Bool
    /// The input names (facts, scores, derived values).
    package var inputs: [String]
    /// Where each input is written.
    package var inputRanges: [SourceRange]
    /// The output names.
    package var outputs: [String]
    /// The rows, in order.
    package var rows: [Row]
    /// Where the table is declared.
    package var range: SourceRange
}
