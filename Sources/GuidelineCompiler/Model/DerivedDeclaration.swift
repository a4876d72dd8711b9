import GuidelineDiagnostics

/// A named expression over facts, scores and other derived values.
package struct DerivedDeclaration: Sendable {
    /// The dotted name.
    package var name: String
    /// What it means.
    package var description: String
    /// The expression.
    package var value: ExpressionText
    /// Where the name is declared.
    package var range: SourceRange
}
