import GuidelineCompiler
import GuidelineEngine

/// A ruleset as a GitHub-flavoured Markdown document for clinical reviewers.
///
/// Tables for the scores and the decision tables, each rule in plain words, and the pathway as a Mermaid
/// flowchart. Every text from the
/// ruleset is escaped.
struct MarkdownDocument {
    /// The ruleset.
    let ruleset: CompiledRuleset
    /// How rule files are linked.
    let links: FileLinks

    /// The document.
    func render() -> String {
        let manifest = ruleset.manifest
        var out = "# \(m(manifest.title))\n\n"
        if let description = manifest.description { out += "\(m(description))\n\n" }
        out += "| | |\n|---|---|\n| Ruleset | \(Escaping.markdownCode(manifest.id)) |\n"
        out += "| Version | \(m(manifest.version)) |\n| Fingerprint | \(Escaping.markdownCode(ruleset.fingerprint)) |\n"
        out += "| Engine | guideline \(m(RulesetEvaluator.engineVersion)) |\n\n"
        out +=
            "## Pathway\n\nFacts (rounded) and the values computed from them (double-bordered) lead to the rules that "
        out += "read them, and rules to the actions (hexagons) they recommend, each arrow labelled with the kind; a "
        out += "dotted arrow is read only by a rule's exception (unless).\n\n"
        out += "```mermaid\n\(PathwayGraph(ruleset).mermaid)```\n\n"
        out += scores() + tables() + rules() + sources()
        return out
    }

    private func m(_ text: String) -> String { Escaping.markdown(text) }

    private func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    private func scores() -> String {
        var out = "## Scores\n\n"
        if ruleset.scores.isEmpty { out += "This ruleset declares no score.\n\n" }
        for score in ruleset.scores {
            let declaration = score.declaration
            out += "### \(m(declaration.title)) (\(Escaping.markdownCode(declaration.id)))\n\n"
            if let description = declaration.description { out += "\(m(description))\n\n" }
            out += "Points (total \(declaration.lower) to \(declaration.upper)):\n\n"
            out += row(["Component", "Fact", "Option", "Points"]) + row(["---", "---", "---", "---:"])
            for component in declaration.components {
                for (index, option) in component.options.enumerated() {
                    let fact = index == 0 ? m(SourceText.componentFact(component, in: ruleset)) : ""
                    out += row([index == 0 ? m(component.id) : "", fact, m(option.label), "\(option.points)"])
                }
            }
            out += "\nBands:\n\n" + row(["Band", "Total"]) + row(["---", "---"])
            for band in declaration.bands { out += row([m(band.label), "\(band.lower) to \(band.upper)"]) }
            out += "\n"
            out += citations(
                declaration.citations.compactMap { citation in
                    ruleset.sources[citation.source].map { (citation, $0) }
                })
            out += location(score.file, line: declaration.range.start.line)
        }
        return out
    }

    private func tables() -> String {
        var out = "## Decision tables\n\n"
        if ruleset.tables.isEmpty { out += "This ruleset declares no decision table.\n\n" }
        for table in ruleset.tables {
            let declaration = table.declaration
            out += "### \(Escaping.markdownCode(declaration.id))\n\n"
            if let description = declaration.description { out += "\(m(description))\n\n" }
            out += "Hit policy: \(m(declaration.hit.rawValue))"
            out += declaration.complete ? "; every combination of inputs is covered.\n\n" : ".\n\n"
            let headers = declaration.inputs.map(m) + declaration.outputs.map { "→ " + m($0) }
            out += row(headers) + row(headers.map { _ in "---" })
            for tableRow in declaration.rows {
                var cells: [String] = []
                for (index, input) in declaration.inputs.enumerated() {
                    let cell = tableRow.cells.indices.contains(index) ? tableRow.cells[index] : nil
                    cells.append(m(SourceText.cell(cell, input: input)))
                }
                cells += tableRow.outputs.map { m($0.text) }
                out += row(cells)
            }
            out += "\n" + location(declaration.range.start.file, line: declaration.range.start.line)
        }
        return out
    }

    private func rules() -> String {
        let sentence = RuleSentence(phraser: ConditionPhraser(ruleset: ruleset))
        var out = "## Rules\n\n"
        for (file, rules) in RuleSentence.byFile(ruleset.rules) {
            out += "### \(m(links.shown(file)))\n\n"
            for rule in rules {
                out += "#### "
                if let title = rule.declaration.title { out += "\(m(title)) " }
                out += "(\(Escaping.markdownCode(rule.id)))\n\n"
                out += sentence.condition(of: rule).markdown + "\n\n"
                for recommendation in rule.recommendations {
                    out += "- \(sentence.recommendation(recommendation).markdown)\n"
                    out += "  > \(m(recommendation.declaration.text.text))\n"
                }
                out += "\n" + citations(RuleSentence.citations(of: rule).map { ($0.citation, $0.source) })
                if let note = rule.declaration.note { out += "Note: \(m(note))\n\n" }
                out += location(rule.file, line: rule.line)
            }
        }
        return out
    }

    private func citations(_ citations: [(citation: Citation, source: SourceDeclaration)]) -> String {
        guard !citations.isEmpty else { return "" }
        var out = ""
        for citation in citations {
            out += "- Source: \(m(citation.source.title))"
            let locator = SourceText.locator(citation.citation)
            if !locator.isEmpty { out += ", \(m(locator))" }
            out += "\n"
        }
        return out + "\n"
    }

    private func location(_ file: String, line: Int) -> String {
        "[\(m(links.shown(file))):\(line)](\(links.href(file, line: line)))\n\n"
    }

    private func sources() -> String {
        var out = "## Sources\n\n"
        for (index, source) in ruleset.manifest.sources.enumerated() {
            out += "\(index + 1). *\(m(source.title))* (\(Escaping.markdownCode(source.id)))"
            let details = SourceText.details(source)
            if !details.isEmpty { out += ". \(m(details))" }
            if let url = source.url { out += ". \(m(url))" }
            out += "\n"
        }
        return out
    }
}
