import GuidelineDiagnostics

/// A named expression over facts, scores and other derived values.
public struct DerivedDeclaration: Sendable {
    /// The dotted name.
    public var name: String
    /// What it means.
    public var description: String
    /// The expression.
    public var value: ExpressionText
    /// Where the name is declared.
    public var range: SourceRange
}
