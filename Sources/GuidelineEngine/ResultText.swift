import GuidelineCompiler
import GuidelineExpression

/// Renders an `EvaluationResult` for people: plain text for a terminal, or Markdown for a clinical note.
///
/// The order is the one a clinician reads in: scores with their components, then recommendations grouped by
/// kind with contraindications first, each with its reason and numbered citations, then what was overridden,
/// what could not be decided, what is missing and what was assumed, and finally the sources.
package struct ResultText: Sendable {
    /// The output flavour.
    package enum Style: Sendable {
        /// Plain text, optionally with ANSI colour.
        case text(colored: Bool)
        /// Markdown.
        case markdown
    }

    /// The style.
    package var style: Style
    /// Whether each recommendation shows its rule's note in full (`--notes`); otherwise its first sentence.
    package var fullNotes: Bool
    /// Only the summary and the facts to record (`--brief`).
    package var brief: Bool
    /// Also the undetermined rules one by one with what each needs (`--explain all`).
    package var perRule: Bool

    /// Creates a renderer.
    package init(style: Style, fullNotes: Bool = false, brief: Bool = false, perRule: Bool = false) {
        self.style = style
        self.fullNotes = fullNotes
        self.brief = brief
        self.perRule = perRule
    }

    var markdown: Bool {
        if case .markdown = style { return true }
        return false
    }

    var colored: Bool {
        if case .text(let colored) = style { return colored }
        return false
    }

    /// The rendered result.
    package func render(_ result: EvaluationResult, title: String? = nil) -> String {
        var citations = CitationNumbers()
        var out = ""
        let name = result.caseID.map { "Case '\($0)'" } ?? "Case"
        let fingerprint = String(result.ruleset.fingerprint.prefix(19))
        out += heading(1, "\(name): \(title ?? result.ruleset.id) \(result.ruleset.version)")
        out += line(
            "ruleset \(result.ruleset.id) \(result.ruleset.version), \(fingerprint)…, engine \(result.ruleset.engine)",
            dim: true)
        out += "\n"
        let summary = ResultSummary(result)
        out += render(summary, of: result)
        if brief { return out }
        if !result.scores.isEmpty {
            out += heading(2, "Scores")
            for score in result.scores { out += render(score) }
            out += "\n"
        }
        let groups: [(RecommendationKind, String)] = [
            (.contraindicated, "Contraindicated"), (.caution, "Caution"), (.recommended, "Recommended"),
            (.consider, "Consider"),
        ]
        // Sources are numbered primary literature first, then secondary summaries, each in order of first citation.
        for primary in [true, false] {
            for (kind, _) in groups {
                for item in result.recommendations where item.kind == kind {
                    for citation in item.citations where citation.source.secondary != primary {
                        _ = citations.number(for: citation)
                    }
                }
            }
        }
        for (kind, label) in groups {
            let items = result.recommendations.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            out += heading(2, "\(label) (details)")
            for item in items { out += render(item, citations: &citations) }
            out += "\n"
        }
        if !result.suppressed.isEmpty {
            out += heading(2, "Overridden")
            for item in result.suppressed {
                let by = item.overriddenBy.map { " by \($0.rule.id) (\($0.kind.rawValue))" } ?? ""
                out += bullet("\(item.actionTitle) \(item.kind.rawValue) by \(item.rule.id), overridden\(by)")
            }
            out += "\n"
        }
        if perRule, !result.undetermined.isEmpty {
            out += heading(2, "Not decided (facts missing)")
            for rule in result.undetermined {
                let would = rule.would.map { "\($0.action) \($0.kind.rawValue)" }.joined(separator: ", ")
                out += bullet("\(rule.rule.id) (would make \(would)) needs \(rule.needs.joined(separator: ", "))")
            }
            out += "\n"
        }
        if perRule, !result.needs.isEmpty {
            out += heading(2, "Missing data")
            let exceptions = (result.recommendations + result.suppressed).contains(where: \.holdsUnlessNotRecorded)
            let what = exceptions ? "the rules above and the exceptions not recorded" : "the rules above"
            out += line("Record these facts to decide \(what): \(result.needs.joined(separator: ", ")).")
            out += "\n"
        }
        if !result.assumptions.isEmpty {
            out += heading(2, "Assumptions")
            for assumption in result.assumptions {
                out += bullet("\(assumption.fact) = \(assumption.value) (not recorded; the ruleset's declared default)")
            }
            out += "\n"
        }
        if !result.whyNot.isEmpty {
            out += heading(2, "Why not")
            for entry in result.whyNot {
                if let lifted = entry.liftedBy {
                    out += bullet(
                        "\(entry.rule.id) is lifted by its exception \(code("unless " + lifted)), which holds: \(code(entry.because.text))"
                    )
                    continue
                }
                if entry.value == true {
                    out += bullet("\(entry.rule.id) fired: \(code(entry.because.text))")
                    continue
                }
                let verdict = entry.value == false ? "false" : "unknown"
                out += bullet("\(entry.rule.id) is \(verdict): \(code(entry.because.text))")
            }
            out += "\n"
        }
        if !result.errors.isEmpty {
            out += heading(2, "Evaluation errors")
            for error in result.errors { out += bullet("\(error.place): \(error.message)") }
            out += "\n"
        }
        if !citations.sources.isEmpty {
            out += heading(2, "Sources")
            for (number, source) in citations.sources.enumerated() {
                out +=
                    markdown
                    ? "\(number + 1). \(Self.describe(source.source))\n"
                    : line("[\(number + 1)] \(Self.describe(source.source))")
                for cited in source.cited {
                    var text = cited.section.map { "Section: \($0)" } ?? ""
                    if let quote = cited.quote { text += (text.isEmpty ? "" : ". ") + "\"\(quote)\"" }
                    if !text.isEmpty { out += markdown ? "    - \(text)\n" : line("    \(text)") }
                }
            }
        }
        return out
    }

    private func render(_ score: ScoreResult) -> String {
        var out = ""
        // A score with no component recorded takes one line, not a table of unknowns.
        if score.components.allSatisfy({ $0.points == nil }) {
            return bullet("\(strong(score.title)) (\(score.id)): not assessed, no component recorded")
        }
        let total = score.value.map(String.init) ?? "\(score.minimum)..\(score.maximum) (not all components known)"
        let band =
            score.band
            ?? (score.possibleBands.isEmpty
                ? "no band" : "band not determined: \(score.possibleBands.joined(separator: " or "))")
        out += bullet("\(strong(score.title)) (\(score.id)): \(total), \(band)")
        for component in score.components {
            let taken =
                component.points.map { "\(component.option ?? "") = \($0)" }
                ?? "unknown (\(component.minimum)..\(component.maximum))"
            out += line(
                "    \(component.id): \(component.fact) = \(component.value) → \(taken)", dim: component.points == nil)
        }
        return out
    }

    private func render(_ item: RecommendationResult, citations: inout CitationNumbers) -> String {
        var out = ""
        var seen = Set<Int>()
        let numbers = item.citations.map { citations.number(for: $0) }.filter { seen.insert($0).inserted }.map {
            "[\($0)]"
        }.joined()
        let urgency = item.urgency.map { " (\($0.rawValue))" } ?? ""
        let lead = item.provisional ? "\(item.actionTitle)\(urgency), provisionally" : "\(item.actionTitle)\(urgency)"
        out += bullet("\(strong(lead)): \(item.text) \(numbers)")
        if !item.params.isEmpty {
            out += line(
                "    details: " + item.params.map { "\($0.key) \(Self.describe($0.value))" }.joined(separator: "; "))
        }
        out += line("    because \(code(item.because.text))")
        if let unless = item.unless {
            if unless.recorded {
                out += line("    unless \(code(unless.condition)): recorded, does not apply", dim: true)
            } else {
                let record = unless.needs.isEmpty ? "" : "; record \(unless.needs.joined(separator: ", ")) to decide"
                out += line(alert("    holds unless \(code(unless.condition)) (not recorded)\(record)"))
            }
        }
        if let note = item.note {
            out += line("    note: \(fullNotes ? note : Self.brief(note))", dim: true)
        }
        if item.provisional {
            for pending in item.awaits {
                out += line(
                    "    provided that \(pending.rule.id) does not apply (\(pending.kind.rawValue); needs \(pending.needs.joined(separator: ", ")))"
                )
            }
        }
        out += line("    rule \(item.rule.id) at \(item.rule.file):\(item.rule.line)", dim: true)
        return out
    }

    /// The first sentence of a note, or its first 160 characters, marked as cut when it is (`--notes` shows it
    /// all).
    static func brief(_ note: String) -> String {
        let sentence = note.range(of: ". ").map { String(note[..<$0.lowerBound]) + "." } ?? note
        if sentence.count > 160 { return String(sentence.prefix(159)) + "…" }
        return sentence.count < note.count ? sentence + " …" : sentence
    }

    /// A source as a reference line: who, title, when, DOI or URL.
    static func describe(_ source: SourceDeclaration) -> String {
        var parts: [String] = []
        let who = source.authors.isEmpty ? source.organization : source.authors.joined(separator: ", ")
        if let who { parts.append(who) }
        parts.append(source.title)
        if let published = source.published {
            parts.append(published)
        } else if let year = source.effectiveYear {
            parts.append(String(year))
        }
        if let doi = source.doi { parts.append("doi:\(doi)") } else if let url = source.url { parts.append(url) }
        if source.secondary { parts.append("Secondary source") }
        return parts.joined(separator: ". ")
    }

    /// A parameter for display.
    static func describe(_ value: ParamValue) -> String {
        switch value {
        case .value(let v): v.description
        case .text(let s): s
        case .list(let items): items.map(describe).joined(separator: ", ")
        case .mapping(let entries):
            "(" + entries.map { "\($0.key) \(describe($0.value))" }.joined(separator: ", ") + ")"
        }
    }

    func heading(_ level: Int, _ text: String) -> String {
        if markdown { return String(repeating: "#", count: level) + " \(text)\n\n" }
        return (colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text) + "\n"
    }

    func bullet(_ text: String) -> String { markdown ? "- \(text)\n" : "  \(text)\n" }

    func line(_ text: String, dim: Bool = false) -> String {
        if markdown { return text.hasPrefix("    ") ? "  - \(text.dropFirst(4))\n" : "\(text)\n" }
        return (colored && dim ? "\u{1B}[2m  \(text)\u{1B}[0m" : "  \(text)") + "\n"
    }

    func strong(_ text: String) -> String {
        if markdown { return "**\(text)**" }
        return colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    func code(_ text: String) -> String { markdown ? "`\(text)`" : text }

    /// Text that must not be missed (an exception not recorded): bold in Markdown, red on a colour terminal.
    func alert(_ text: String) -> String {
        if markdown { return text.hasPrefix("    ") ? "    **\(text.dropFirst(4))**" : "**\(text)**" }
        return colored ? "\u{1B}[31m\(text)\u{1B}[0m" : text
    }
}

/// Numbers sources in order of first citation, one number per source, with the sections and quotes cited
/// from each (each once).
struct CitationNumbers {
    /// A source and what was cited from it, in order.
    struct Cited {
        var source: SourceDeclaration
        var cited: [Citation] = []
    }

    private(set) var sources: [Cited] = []
    private var numbers: [String: Int] = [:]

    mutating func number(for citation: ResolvedCitation) -> Int {
        let number: Int
        if let known = numbers[citation.source.id] {
            number = known
        } else {
            sources.append(Cited(source: citation.source))
            number = sources.count
            numbers[citation.source.id] = number
        }
        let part = citation.citation
        if part.section != nil || part.quote != nil,
            !sources[number - 1].cited.contains(where: { $0.section == part.section && $0.quote == part.quote })
        {
            sources[number - 1].cited.append(part)
        }
        return number
    }
}
