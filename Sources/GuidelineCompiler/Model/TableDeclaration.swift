import GuidelineDiagnostics

/// How a decision table picks its rows.
public enum HitPolicy: String, Sendable, CaseIterable {
    /// At most one row may match any input; overlaps are load errors.
    case unique
    /// The first matching row, in order.
    case first
    /// Every matching row; the outputs are lists.
    case collect
}

/// A decision table: rows of input conditions and output values.
public struct TableDeclaration: Sendable {
    /// One cell: the alternatives a row accepts for one input (empty means any value).
    public struct Cell: Sendable {
        /// Each alternative as a condition text with the input prepended (`spine.level in C3..C6`).
        public var alternatives: [ExpressionText]
        /// Where the cell is written.
        public var range: SourceRange
    }

    /// One row.
    public struct Row: Sendable {
        /// One cell per input, in input order (inputs a row does not name accept any value).
        public var cells: [Cell?]
        /// One value per output, in output order.
        public var outputs: [ExpressionText]
        /// Citations for the row.
        public var citations: [Citation]
        /// Where the row is written.
        public var range: SourceRange
    }

    /// The table id; its outputs are named `<id>.<output>`.
    public var id: String
    /// What it decides.
    public var description: String?
    /// The hit policy.
    public var hit: HitPolicy
    /// Whether every combination of inputs must be covered.
    public var complete: Bool
    /// The input names (facts, scores, derived values).
    public var inputs: [String]
    /// Where each input is written.
    public var inputRanges: [SourceRange]
    /// The output names.
    public var outputs: [String]
    /// The rows, in order.
    public var rows: [Row]
    /// Where the table is declared.
    public var range: SourceRange
}
