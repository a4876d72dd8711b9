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
package struct CompiledRecommendation: Sendable {
    /// The declaration.
    package var declaration: RecommendationDeclaration
    /// The action.
    package var action: ActionDeclaration
    /// The text with its checked placeholders.
    package var text: TextTemplate
    /// The parameters, in order.
    package var params: [ParamValue.Entry]
    /// The rule's citations followed by the recommendation's own.
    package var citations: [ResolvedCitation]
}

/// A compiled rule.
package struct CompiledRule: Sendable {
    /// The declaration.
    package var declaration: RuleDeclaration
    /// The file it is declared in (as given to the loader).
    package var file: String
    /// The 1-based line of its `id`.
    package var line: Int { declaration.range.start.line }
    /// The checked condition.
    package var condition: CheckedExpression
    /// The checked exception (`unless:`), if the rule has one: the rule does not fire when it is true.
    package var exception: CheckedExpression?
    /// The recommendations.
    package var recommendations: [CompiledRecommendation]
    /// The rule id.
    package var id: String { declaration.id }
}
