import GuidelineDiagnostics

/// The text of an expression as written in a rule file, with what it takes to locate its characters.
package struct ExpressionText: Sendable {
    /// The expression source.
    package var text: String
    /// Maps offsets in `text` to file positions.
    package var sourceMap: ScalarExpressionMap

    /// The range of the whole expression in its file.
    package var range: SourceRange { sourceMap.range(of: 0..<text.unicodeScalars.count) }
}
