import GuidelineCompiler

/// A rule in plain words: "If ..., unless ...:" and what each recommendation says about its action.
struct RuleSentence {
    /// The phraser for the rule's conditions.
    let phraser: ConditionPhraser

    /// "If the condition, unless the exception:".
    func condition(of rule: CompiledRule) -> Phrase {
        var out = Phrase("If ")
        out.append(phraser.phrase(rule.condition))
        if let exception = rule.exception {
            out.append(", unless ")
            out.append(phraser.phrase(exception))
        }
        out.append(":")
        return out
    }

    /// What one recommendation says: the action's title, the kind (and urgency) in words.
    func recommendation(_ recommendation: CompiledRecommendation) -> Phrase {
        var out = Phrase(recommendation.action.title)
        switch recommendation.declaration.kind {
        case .recommended: out.append(" is recommended")
        case .consider: out.append(" is to be considered")
        case .caution: out.append(" only with caution")
        case .contraindicated: out.append(" is contraindicated")
        }
        if let urgency = recommendation.declaration.urgency { out.append(" (\(urgency.rawValue))") }
        out.append(".")
        return out
    }

    /// The citations of a rule: the rule's own, then each recommendation's own, each once.
    static func citations(of rule: CompiledRule) -> [ResolvedCitation] {
        var seen = Set<String>()
        var out: [ResolvedCitation] = []
        for citation in rule.recommendations.flatMap(\.citations) {
            let key =
                "\(citation.citation.source)\u{0}\(citation.citation.section ?? "")\u{0}\(citation.citation.quote ?? "")"
            if seen.insert(key).inserted { out.append(citation) }
        }
        return out
    }

    /// The rules grouped by file, in the ruleset's order (files in the order of their paths).
    static func byFile(_ rules: [CompiledRule]) -> [(file: String, rules: [CompiledRule])] {
        var groups: [(file: String, rules: [CompiledRule])] = []
        for rule in rules {
            if let last = groups.indices.last, groups[last].file == rule.file {
                groups[last].rules.append(rule)
            } else {
                groups.append((rule.file, [rule]))
            }
        }
        return groups
    }
}
