import GuidelineDiagnostics

/// How strongly a recommendation speaks for or against an action.
public enum RecommendationKind: String, Sendable, CaseIterable, Comparable, Codable {
    /// Do it.
    case recommended
    /// Weigh doing it.
    case consider
    /// Do it only with the precautions given.
    case caution
    /// Do not do it.
    case contraindicated

    /// Restrictiveness: recommended < consider < caution < contraindicated.
    package var restrictiveness: Int {
        switch self {
        case .recommended: 0
        case .consider: 1
        case .caution: 2
        case .contraindicated: 3
        }
    }

    /// Orders by restrictiveness.
    public static func < (lhs: RecommendationKind, rhs: RecommendationKind) -> Bool {
        lhs.restrictiveness < rhs.restrictiveness
    }
}

/// How soon a recommendation should be acted on.
public enum Urgency: String, Sendable, CaseIterable, Codable {
    /// At once (hours).
    case immediate
    /// Within a day or so.
    case urgent
    /// Within days to weeks.
    case soon
    /// At the next routine opportunity.
    case routine
}

/// A structured recommendation parameter as written: a scalar, a list or a mapping.
package indirect enum ParamDeclaration: Sendable {
    /// A scalar (parsed as a literal when it is one, text otherwise).
    case scalar(ExpressionText)
    /// A list.
    case list([ParamDeclaration])
    /// A mapping, in order.
    case mapping([(String, ParamDeclaration)])
}

/// One recommendation a rule issues when it fires.
package struct RecommendationDeclaration: Sendable {
    /// The action code.
    package var action: String
    /// Where the action is written.
    package var actionRange: SourceRange
    /// The kind.
    package var kind: RecommendationKind
    /// The urgency, if any.
    package var urgency: Urgency?
    /// The text, with `{expression}` placeholders.
    package var text: ExpressionText
    /// Structured parameters, in order.
    package var params: [(String, ParamDeclaration)]
    /// Citations of this recommendation (added to the rule's).
    package var citations: [Citation]
    /// Where it is declared.
    package var range: SourceRange
    /// A short line for a CDS Hooks card (`summary:`), shown as written, under ``CardSummary/limit`` characters.
    package var summary: String?
    /// Where the summary is written.
    package var summaryRange: SourceRange?
}

/// A rule: a condition and the recommendations it issues.
package struct RuleDeclaration: Sendable {
    /// The id.
    package var id: String
    /// An optional title.
    package var title: String?
    /// The condition.
    package var when: ExpressionText
    /// The exception (`unless:`): what lifts the rule when it is known to be true (already stabilised, already
    /// treated).
    ///
    /// Unknown does not lift it: the rule then holds, marked as holding unless the exception (not recorded).
    package var unless: ExpressionText?
    /// The recommendations.
    package var recommendations: [RecommendationDeclaration]
    /// Citations for the whole rule.
    package var citations: [Citation]
    /// An author's note (ambiguities, decisions).
    package var note: String?
    /// Where the rule is declared (its `id`).
    package var range: SourceRange
}
