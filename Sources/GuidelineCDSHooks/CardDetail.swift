import GuidelineCompiler
import GuidelineEngine

/// The Markdown `detail` of a card: the recommendation, its reason (the because line), the marks a clinician
/// must see (an exception not recorded, a provisional recommendation), what else stands for the action, what a
/// more restrictive recommendation overrode, and the numbered citations.
enum CardDetail {
    static func markdown(
        lead: RecommendationResult, also: [RecommendationResult], overridden: [RecommendationResult]
    ) -> String {
        var parts: [String] = []
        let urgency = lead.urgency.map { ", \($0.rawValue)" } ?? ""
        parts.append(
            "**\(escape(lead.kind.rawValue.capitalizedFirst))\(urgency)**: \(escape(lead.actionTitle)). \(escape(lead.text))"
        )
        parts.append(
            "Because \(code(lead.because.text)) (rule \(code(lead.rule.id)), \(escape(lead.rule.file)) line \(lead.rule.line))."
        )
        if let unless = lead.unless, !unless.recorded {
            let record =
                unless.needs.isEmpty ? "" : "; record \(escape(unless.needs.joined(separator: ", "))) to decide"
            parts.append("**Holds unless \(code(unless.condition)) (not recorded)**\(record).")
        }
        if lead.provisional {
            let awaits = lead.awaits.map {
                "\(code($0.rule.id)) (\($0.kind.rawValue); needs \(escape($0.needs.joined(separator: ", "))))"
            }
            parts.append("**Provisional**, provided that \(awaits.joined(separator: ", ")) does not apply.")
        }
        if !also.isEmpty {
            parts.append(
                "Also:\n"
                    + also.map { "- \(escape($0.kind.rawValue)): \(escape($0.text)) (rule \(code($0.rule.id)))" }
                    .joined(separator: "\n"))
        }
        if !overridden.isEmpty {
            parts.append(
                "Overridden by a more restrictive recommendation:\n"
                    + overridden.map { "- \(escape($0.kind.rawValue)): \(escape($0.text)) (rule \(code($0.rule.id)))" }
                    .joined(separator: "\n"))
        }
        var seen = Set<String>()
        let citations = (lead.citations + also.flatMap(\.citations) + overridden.flatMap(\.citations)).filter {
            seen.insert(key($0)).inserted
        }
        if !citations.isEmpty {
            parts.append(
                "Sources:\n"
                    + citations.enumerated().map { "\($0.offset + 1). \(cite($0.element))" }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    private static func key(_ citation: ResolvedCitation) -> String {
        "\(citation.source.id)\u{0}\(citation.citation.section ?? "")\u{0}\(citation.citation.quote ?? "")"
    }

    private static func cite(_ citation: ResolvedCitation) -> String {
        let source = citation.source
        var text = escape(source.title)
        let who = source.authors.isEmpty ? source.organization : source.authors.joined(separator: ", ")
        let when = source.year.map(String.init) ?? source.date
        let byline = [who, when].compactMap { $0 }.joined(separator: ", ")
        if !byline.isEmpty { text += " (\(escape(byline)))" }
        if source.secondary { text += ", secondary source" }
        if let section = citation.citation.section { text += ", section \"\(escape(section))\"" }
        if let quote = citation.citation.quote { text += ": \"\(escape(quote))\"" }
        if let doi = source.doi {
            text += ". https://doi.org/\(doi)"
        } else if let url = source.url {
            text += ". \(url)"
        }
        return text
    }

    /// A code span that holds any text (a longer run of backticks around text that holds one).
    static func code(_ text: String) -> String {
        let fence = text.contains("`") ? "``" : "`"
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return "\(fence)\(pad)\(text)\(pad)\(fence)"
    }

    /// For each ASCII byte, whether Markdown gives it a meaning that a backslash must take away.
    private static let markdownSpecial: [Bool] = (0..<128).map { "\\`*_[]<>#|".utf8.contains(UInt8($0)) }

    /// Text with the characters Markdown would read as markup escaped.
    static func escape(_ text: String) -> String {
        // The characters escaped are ASCII, so the UTF-8 bytes are scanned: a byte of a multi-byte character is
        // never one of them.
        let special = Self.markdownSpecial
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if byte < 128, special[Int(byte)] { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The string with its first character in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
