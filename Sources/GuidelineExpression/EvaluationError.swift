import GuidelineDiagnostics

/// An error while evaluating: an overflow or a division by zero, at a node of the expression.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong (`.overflow` or `.divisionByZero`).
    public var kind: NumberError
    /// The node whose evaluation failed.
    public var node: Int
    /// The node's span in the expression text (Unicode scalars).
    public var span: Range<Int>
    /// The node's source text.
    public var source: String

    /// Creates an error.
    public init(kind: NumberError, node: Int, span: Range<Int>, source: String) {
        self.kind = kind
        self.node = node
        self.span = span
        self.source = source
    }

    /// `division by zero in 'a / b'`.
    public var description: String { "\(kind) in \(quoted: source)" }

    /// The error as a diagnostic (code `expr.evaluation`) at the node's place.
    public func diagnostic(sourceMap: any ExpressionSourceMap = SingleLineSourceMap()) -> Diagnostic {
        .error(ExpressionDiagnosticCode.evaluation, description, at: sourceMap.range(of: span))
    }
}
