import GuidelineCompiler
import GuidelineEngine

/// A ruleset as one self-contained, printable HTML page for clinical reviewers.
///
/// Inline CSS, no script, nothing fetched; the pathway flowchart inline as SVG. Every text from the ruleset is escaped.
struct HTMLDocument {
    /// The ruleset.
    let ruleset: CompiledRuleset
    /// The flowchart, as SVG from Graphviz.
    let svg: String
    /// How rule files are linked.
    let links: FileLinks

    /// The page.
    func render() -> String {
        let manifest = ruleset.manifest
        let phraser = ConditionPhraser(ruleset: ruleset)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(h(manifest.title)) \(h(manifest.version))</title>\n<style>\n\(Self.css)</style>\n</head>\n"
        out += "<body>\n<header>\n<h1>\(h(manifest.title))</h1>\n"
        if let description = manifest.description { out += "<p>\(h(description))</p>\n" }
        out += "<dl class=\"meta\">\n<dt>Ruleset</dt><dd><code>\(h(manifest.id))</code></dd>\n"
        out += "<dt>Version</dt><dd>\(h(manifest.version))</dd>\n"
        out += "<dt>Fingerprint</dt><dd><code>\(h(ruleset.fingerprint))</code></dd>\n"
        out += "<dt>Engine</dt><dd>guideline \(h(RulesetEvaluator.engineVersion))</dd>\n</dl>\n"
        out += "<nav><a href=\"#pathway\">Pathway</a> <a href=\"#scores\">Scores</a> "
        out +=
            "<a href=\"#tables\">Decision tables</a> <a href=\"#rules\">Rules</a> <a href=\"#sources\">Sources</a></nav>\n"
        out += "</header>\n<main>\n"
        out += "<section id=\"pathway\">\n<h2>Pathway</h2>\n<p class=\"legend\">Facts (ovals) and the values computed "
        out += "from them (shaded) lead to the rules that read them, and rules to the actions they recommend, each "
        out += "arrow labelled with the kind; a dashed arrow is read only by a rule's exception (unless).</p>\n"
        out += "<figure class=\"flowchart\">\n\(svg)\n</figure>\n</section>\n"
        out += scores(phraser)
        out += tables()
        out += rules(phraser)
        out += sources()
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func h(_ text: String) -> String { Escaping.html(text) }

    private func scores(_ phraser: ConditionPhraser) -> String {
        var out = "<section id=\"scores\">\n<h2>Scores</h2>\n"
        if ruleset.scores.isEmpty { out += "<p>This ruleset declares no score.</p>\n" }
        for score in ruleset.scores {
            let declaration = score.declaration
            out += "<article class=\"score\" id=\"score-\(h(declaration.id))\">\n"
            out += "<h3>\(h(declaration.title)) <code>\(h(declaration.id))</code></h3>\n"
            if let description = declaration.description { out += "<p>\(h(description))</p>\n" }
            out += "<table>\n<caption>Points (total \(declaration.lower) to \(declaration.upper))</caption>\n"
            out += "<thead><tr><th>Component</th><th>Fact</th><th>Option</th><th>Points</th></tr></thead>\n<tbody>\n"
            for component in declaration.components {
                for (index, option) in component.options.enumerated() {
                    out += "<tr>"
                    if index == 0 {
                        let span = component.options.count
                        out += "<td rowspan=\"\(span)\">\(h(component.id))</td>"
                        out += "<td rowspan=\"\(span)\">\(h(SourceText.componentFact(component, in: ruleset)))</td>"
                    }
                    out += "<td>\(h(option.label))</td><td class=\"number\">\(option.points)</td></tr>\n"
                }
            }
            out += "</tbody>\n</table>\n<table>\n<caption>Bands</caption>\n"
            out += "<thead><tr><th>Band</th><th>Total</th></tr></thead>\n<tbody>\n"
            for band in declaration.bands {
                out += "<tr><td>\(h(band.label))</td><td>\(band.lower) to \(band.upper)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += citations(
                declaration.citations.compactMap { citation in
                    ruleset.sources[citation.source].map { (citation, $0) }
                })
            out += location(score.file, line: declaration.range.start.line)
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    private func tables() -> String {
        var out = "<section id=\"tables\">\n<h2>Decision tables</h2>\n"
        if ruleset.tables.isEmpty { out += "<p>This ruleset declares no decision table.</p>\n" }
        for table in ruleset.tables {
            let declaration = table.declaration
            out += "<article class=\"table\" id=\"table-\(h(declaration.id))\">\n"
            out += "<h3><code>\(h(declaration.id))</code></h3>\n"
            if let description = declaration.description { out += "<p>\(h(description))</p>\n" }
            out += "<p>Hit policy: \(h(declaration.hit.rawValue))"
            out += declaration.complete ? "; every combination of inputs is covered.</p>\n" : ".</p>\n"
            out += "<table>\n<thead><tr>"
            for input in declaration.inputs { out += "<th>\(h(input))</th>" }
            for output in declaration.outputs { out += "<th class=\"output\">\(h(output))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for row in declaration.rows {
                out += "<tr>"
                for (index, input) in declaration.inputs.enumerated() {
                    let cell = row.cells.indices.contains(index) ? row.cells[index] : nil
                    out += "<td>\(h(SourceText.cell(cell, input: input)))</td>"
                }
                for output in row.outputs { out += "<td class=\"output\">\(h(output.text))</td>" }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += location(declaration.range.start.file, line: declaration.range.start.line)
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    private func rules(_ phraser: ConditionPhraser) -> String {
        let sentence = RuleSentence(phraser: phraser)
        var out = "<section id=\"rules\">\n<h2>Rules</h2>\n"
        for (file, rules) in RuleSentence.byFile(ruleset.rules) {
            out += "<section class=\"file\">\n<h3>\(h(links.shown(file)))</h3>\n"
            for rule in rules {
                out += "<article class=\"rule\" id=\"rule-\(h(rule.id))\">\n<h4>"
                if let title = rule.declaration.title { out += "\(h(title)) " }
                out += "<code>\(h(rule.id))</code></h4>\n"
                out += "<p class=\"when\">\(sentence.condition(of: rule).html)</p>\n<ul>\n"
                for recommendation in rule.recommendations {
                    out += "<li><span class=\"kind-\(recommendation.declaration.kind.rawValue)\">"
                    out += sentence.recommendation(recommendation).html + "</span>"
                    out += "<blockquote>\(h(recommendation.declaration.text.text))</blockquote></li>\n"
                }
                out += "</ul>\n"
                out += citations(RuleSentence.citations(of: rule).map { ($0.citation, $0.source) })
                if let note = rule.declaration.note { out += "<p class=\"note\">Note: \(h(note))</p>\n" }
                out += location(rule.file, line: rule.line)
                out += "</article>\n"
            }
            out += "</section>\n"
        }
        return out + "</section>\n"
    }

    private func citations(_ citations: [(citation: Citation, source: SourceDeclaration)]) -> String {
        guard !citations.isEmpty else { return "" }
        var out = "<ul class=\"citations\">\n"
        for citation in citations {
            out += "<li>Source: <a href=\"#source-\(h(citation.source.id))\">\(h(citation.source.title))</a>"
            let locator = SourceText.locator(citation.citation)
            if !locator.isEmpty { out += ", \(h(locator))" }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    private func location(_ file: String, line: Int) -> String {
        "<p class=\"location\"><a href=\"\(h(links.href(file, line: line)))\">\(h(links.shown(file))):\(line)</a></p>\n"
    }

    private func sources() -> String {
        var out = "<section id=\"sources\">\n<h2>Sources</h2>\n<ol>\n"
        for source in ruleset.manifest.sources {
            out += "<li id=\"source-\(h(source.id))\"><cite>\(h(source.title))</cite> <code>\(h(source.id))</code>"
            let details = SourceText.details(source)
            if !details.isEmpty { out += ". \(h(details))" }
            if let url = source.url {
                // Only web addresses become links: a `javascript:` or `data:` URL in a rule file stays text.
                let lower = url.lowercased()
                if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
                    out += ". <a href=\"\(h(url))\">\(h(url))</a>"
                } else {
                    out += ". \(h(url))"
                }
            }
            out += "</li>\n"
        }
        return out + "</ol>\n</section>\n"
    }

    /// The style sheet: readable on screen, and on paper (no navigation, rules kept whole, links shown).
    static let css = """
        body { font: 15px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a;
          max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
        h1 { font-size: 1.7rem; margin-bottom: .3rem; } h2 { border-bottom: 2px solid #ccd; padding-bottom: .2rem;
          margin-top: 2.2rem; } h3 { margin-top: 1.6rem; } h4 { margin: 0 0 .4rem; font-size: 1rem; }
        code { font: .88em ui-monospace, Menlo, Consolas, monospace; background: #f3f3f6; padding: 0 .2em; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
        dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
        nav a { margin-right: 1rem; }
        table { border-collapse: collapse; margin: .6rem 0; } caption { text-align: left; font-weight: 600; }
        th, td { border: 1px solid #bbc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef0f5; } td.number { text-align: right; } .output { background: #f7f9fc; }
        article.rule { border-left: 4px solid #ccd; padding: .4rem .8rem; margin: .9rem 0; }
        p.when { margin: .2rem 0; } .term { font-style: italic; }
        blockquote { margin: .2rem 0 .3rem 1rem; color: #333; font-size: .95em; }
        .kind-contraindicated { color: #9b1c1c; font-weight: 600; } .kind-caution { color: #8a4b00; }
        ul.citations { font-size: .9em; padding-left: 1.2rem; } p.note { font-size: .9em; color: #444; }
        p.location { font-size: .85em; margin: .2rem 0; } .legend { font-size: .9em; color: #444; }
        figure.flowchart { margin: 0; overflow-x: auto; border: 1px solid #ddd; }
        figure.flowchart svg { display: block; }
        @media print {
          body { font-size: 10pt; max-width: none; padding: 0; } nav { display: none; }
          article { break-inside: avoid; } h2, h3, h4 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
          figure.flowchart { overflow: visible; border: 0; }
          figure.flowchart svg { max-width: 100%; height: auto; }
        }

        """
}
