import GuidelineDiagnostics

/// The one-line summary of a recommendation on a CDS Hooks card.
///
/// The recommendation's `summary:` when it has one, otherwise its kind, urgency and action title (`Contraindicated: Physical therapy (exercise programme)`).
/// CDS Hooks 2.0 asks for a summary of fewer than 140 characters, and no schema of the specification checks it,
/// so the compiler does, when the ruleset loads.
package enum CardSummary {
    /// A summary must be shorter than this many characters.
    package static let limit = 140

    /// The summary of a recommendation of `kind` and `urgency` for the action titled `actionTitle`, given its
    /// declared `summary`.
    package static func text(
        declared: String?, kind: RecommendationKind, urgency: Urgency?, actionTitle: String
    ) -> String {
        if let declared { return declared }
        let word = kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst()
        return "\(word)\(urgency.map { ", \($0.rawValue)" } ?? ""): \(actionTitle)"
    }

    /// Reports a declared summary that is empty or too long, and a recommendation without one whose derived
    /// summary (kind, urgency and action title) would be too long.
    static func check(
        _ recommendation: RecommendationDeclaration, action: ActionDeclaration, rule: String, bag: inout DiagnosticBag
    ) {
        let what = "recommendation \(quoted: recommendation.action) of rule \(quoted: rule)"
        if let declared = recommendation.summary {
            if declared.allSatisfy({ $0 == " " }) {
                bag.error(
                    RulesDiagnosticCode.badValue, "the summary of \(what) is empty", at: recommendation.summaryRange,
                    help: ["write one short sentence, or remove 'summary:'"])
            } else if declared.count >= limit {
                bag.error(
                    RulesDiagnosticCode.summaryTooLong,
                    "the summary of \(what) has \(declared.count) characters; a CDS Hooks card summary must have fewer than \(limit)",
                    at: recommendation.summaryRange,
                    help: ["shorten it to one sentence; the full text is shown in the card's detail"])
            }
            return
        }
        let derived = text(
            declared: nil, kind: recommendation.kind, urgency: recommendation.urgency, actionTitle: action.title)
        if derived.count >= limit {
            bag.warning(
                RulesDiagnosticCode.summaryTooLong,
                "the card summary of \(what), \(quoted: String(derived.prefix(40)) + "..."), has \(derived.count) characters; a CDS Hooks card summary must have fewer than \(limit)",
                at: recommendation.actionRange,
                help: ["add 'summary:' with one short sentence, or shorten the action's title"])
        }
    }
}
