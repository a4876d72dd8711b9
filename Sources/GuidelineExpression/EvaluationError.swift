import GuidelineDiagnostics

/// An error while evaluating: an overflow or a division by zero, at a node of the expression.
package struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong (`.overflow` or `.divisionByZero`).
    package var kind: NumberError
    /// The node whose evaluation failed.
    package var node: Int
    /// The node's span in the expression text (Unicode scalars).
    package var span: Range<Int>
    /// The node's source text.
    package var source: String

    /// Creates an error.
    package init(kind: NumberError, node: Int, span: Range<Int>, source: String) {
        self.kind = kind
        self.node = node
        self.span = span
        self.source = source
    }

    /// `division by zero in 'a / b'`.
    package var description: String { "\(kind) in \(quoted: source)" }

    /// The error as a diagnostic (code `expr.evaluation`) at the node's place.
    package func diagnostic(sourceMap: any ExpressionSourceMap = SingleLineSourceMap()) -> Diagnostic {
        .error(ExpressionDiagnosticCode.evaluation, description, at: sourceMap.range(of: span))
    }
}
