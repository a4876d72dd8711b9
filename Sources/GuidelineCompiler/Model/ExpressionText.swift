import GuidelineDiagnostics

/// The text of an expression as written in a rule file, with what it takes to locate its characters.
public struct ExpressionText: Sendable {
    /// The expression source.
    public var text: String
    /// Maps offsets in `text` to file positions.
    public var sourceMap: ScalarExpressionMap

    /// The range of the whole expression in its file.
    public var range: SourceRange { sourceMap.range(of: 0..<text.unicodeScalars.count) }
}
