import GuidelineCompiler

/// What a rendered document says of a source and a citation, as text for each writer to escape.
enum SourceText {
    /// The details after a source's title: authors or organisation, year or date, journal, DOI, note.
    static func details(_ source: SourceDeclaration) -> String {
        var parts: [String] = []
        if !source.authors.isEmpty { parts.append(source.authors.joined(separator: ", ")) }
        if let organization = source.organization { parts.append(organization) }
        if let date = source.date {
            parts.append(date)
        } else if let year = source.year {
            parts.append(String(year))
        }
        if let published = source.published { parts.append(published) }
        if let doi = source.doi { parts.append("doi:\(doi)") }
        if source.secondary { parts.append("secondary source (a summary of other sources)") }
        if let note = source.note { parts.append(note) }
        return parts.joined(separator: "; ")
    }

    /// A citation's section and quote: `section, "quote"` (empty when it gives neither).
    static func locator(_ citation: Citation) -> String {
        var parts: [String] = []
        if let section = citation.section { parts.append(section) }
        if let quote = citation.quote { parts.append("\u{201C}\(quote)\u{201D}") }
        return parts.joined(separator: ": ")
    }

    /// The cells of a table row's input: each alternative as written, without the input the decoder prefixed.
    static func cell(_ cell: TableDeclaration.Cell?, input: String) -> String {
        guard let cell else { return "any" }
        return cell.alternatives.map { alternative in
            for prefix in ["\(input) == ", "\(input) in ", "\(input) "] where alternative.text.hasPrefix(prefix) {
                return String(alternative.text.dropFirst(prefix.count))
            }
            return alternative.text
        }.joined(separator: " or ")
    }

    /// A points option's key as written, with the fact's label.
    static func componentFact(_ component: ScoreDeclaration.Component, in ruleset: CompiledRuleset) -> String {
        guard let slot = ruleset.factSlot(component.fact), let label = ruleset.facts[slot].label else {
            return component.fact
        }
        return "\(label) (\(component.fact))"
    }
}
