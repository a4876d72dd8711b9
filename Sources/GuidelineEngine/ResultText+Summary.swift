import GuidelineCompiler

extension ResultText {
    /// The summary (one line per action, urgent and contraindicated first) and the facts to record, grouped
    /// by fact: the first screen of a result.
    func render(_ summary: ResultSummary, of result: EvaluationResult) -> String {
        var out = heading(2, "Summary")
        if summary.lines.isEmpty { out += line("No recommendation applies to the facts given.") }
        for entry in summary.lines {
            out += bullet(describe(entry, of: result))
        }
        out += "\n"
        if !summary.record.isEmpty {
            out += heading(2, "To decide more, record")
            for fact in summary.record {
                // Each action once, at the most restrictive kind at stake (the list is sorted so), at most four.
                var seen = Set<String>()
                let decides = fact.decides.filter { seen.insert($0.action).inserted }
                    .map { "\($0.action) \($0.kind.rawValue)\($0.exception ? " (would lift it)" : "")" }
                let shown =
                    decides.prefix(4).joined(separator: ", ")
                    + (decides.count > 4 ? ", and \(decides.count - 4) more" : "")
                out += bullet("\(code(fact.fact)): " + (decides.isEmpty ? "decides a rule" : shown))
            }
            out += "\n"
        }
        return out
    }

    /// `Physical therapy (exercise programme): contraindicated, unless spine.stabilized (not recorded)`, with
    /// urgency, provisional and the folded other recommendations for the action.
    private func describe(_ entry: ResultSummary.Line, of result: EvaluationResult) -> String {
        let lead = result.recommendations[entry.lead]
        var verdict = entry.kind.rawValue
        if let urgency = entry.urgency { verdict += ", \(urgency.rawValue)" }
        verdict = paint(verdict, kind: entry.kind, urgent: ResultSummary.rank(entry.urgency) <= 1)
        var text = "\(entry.actionTitle): \(verdict)"
        if entry.unlessNotRecorded, let unless = lead.unless {
            text += ", " + alert("unless \(code(unless.condition)) (not recorded)")
        }
        if entry.provisional { text += ", provisional" }
        if !entry.also.isEmpty {
            let also = entry.also.map { index -> String in
                let other = result.recommendations[index]
                return other.kind.rawValue + (other.urgency.map { " \($0.rawValue)" } ?? "")
            }
            text += " (also: \(also.joined(separator: "; ")))"
        }
        return text
    }

    /// Kind and urgency in colour on a terminal: contraindicated red, caution yellow, immediate and urgent bold.
    private func paint(_ text: String, kind: RecommendationKind, urgent: Bool) -> String {
        if markdown { return urgent || kind == .contraindicated ? "**\(text)**" : text }
        guard colored else { return text }
        var codes: [String] = []
        if urgent { codes.append("1") }
        switch kind {
        case .contraindicated: codes.append("31")
        case .caution: codes.append("33")
        case .recommended, .consider: break
        }
        return codes.isEmpty ? text : "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }
}
