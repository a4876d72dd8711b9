import GuidelineDiagnostics
import GuidelineExpression

/// A resolved citation: the citation and its source.
public struct ResolvedCitation: Sendable, Hashable {
    /// The citation as written.
    public var citation: Citation
    /// The source it names.
    public var source: SourceDeclaration
}

/// A structured parameter value of a recommendation.
public indirect enum ParamValue: Sendable, Hashable {
    /// A constant (number, quantity, range, boolean, enum word).
    case value(Value)
    /// Free text.
    case text(String)
    /// A list.
    case list([ParamValue])
    /// A mapping, in order.
    case mapping([Entry])

    /// One key of a mapping.
    public struct Entry: Sendable, Hashable {
        /// The key.
        public var key: String
        /// The value.
        public var value: ParamValue
    }
}

/// A compiled recommendation.
public struct CompiledRecommendation: Sendable {
    /// The declaration.
    public var declaration: RecommendationDeclaration
    /// The action.
    public var action: ActionDeclaration
    /// The text with its checked placeholders.
    public var text: TextTemplate
    /// The parameters, in order.
    public var params: [ParamValue.Entry]
    /// The rule's citations followed by the recommendation's own.
    public var citations: [ResolvedCitation]
}

/// A compiled rule.
public struct CompiledRule: Sendable {
    /// The declaration.
    public var declaration: RuleDeclaration
    /// The file it is declared in (as given to the loader).
    public var file: String
    /// The 1-based line of its `id`.
    public var line: Int { declaration.range.start.line }
    /// The checked condition.
    public var condition: CheckedExpression
    /// The checked exception (`unless:`), if the rule has one: the rule does not fire when it is true.
    public var exception: CheckedExpression?
    /// The recommendations.
    public var recommendations: [CompiledRecommendation]
    /// The rule id.
    public var id: String { declaration.id }
}
