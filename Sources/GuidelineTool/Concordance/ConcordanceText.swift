import GuidelineDiagnostics

/// A concordance report as text for a terminal, or as Markdown for a document (a table, the SVG bar chart of
/// `ConcordanceChart`, the cases contraindicated but done).
struct ConcordanceText {
    let report: ConcordanceReport
    let markdown: Bool

    /// The report.
    func render() -> String {
        var out = markdown ? "# Concordance: \(Self.escaped(report.title))\n\n" : "Concordance: \(report.title)\n"
        let ruleset = "\(report.rulesetID) \(report.version) (\(report.fingerprint))"
        let counted =
            "\(DiagnosticRenderer.count(report.cases, "case")) counted, "
            + "\(DiagnosticRenderer.count(report.linesNotCounted, "line")) not counted"
        if markdown {
            out += "Cohort \(Self.escaped(report.cohort)), ruleset \(Self.escaped(ruleset)): \(counted).\n\n"
            out += markdownTable() + "\n" + ConcordanceChart(report: report).svg() + "\n" + markdownFlagged()
        } else {
            out += "  cohort \(quoted: report.cohort), ruleset \(ruleset): \(counted)\n"
            for tally in report.tallies { out += "\n" + textTable(tally) }
        }
        return out
    }

    /// One action's table: a row per statement, done and not done.
    private func textTable(_ tally: ConcordanceReport.Tally) -> String {
        var out = "\(tally.action): \(tally.title)\n"
        out += "  " + "engine said".padding(toLength: 18, withPad: " ", startingAt: 0) + "    done  not done\n"
        for statement in ConcordanceReport.Statement.allCases {
            let done = tally.count(statement, done: true)
            let mark =
                statement == .contraindicated && done > 0
                ? "  <- contraindicated but done" : statement == .nothing && done > 0 ? "  <- done, not addressed" : ""
            out +=
                "  " + statement.label.padding(toLength: 18, withPad: " ", startingAt: 0)
                + Self.right(done, 8) + Self.right(tally.count(statement, done: false), 10) + mark + "\n"
        }
        if !tally.contraindicatedButDone.isEmpty {
            out +=
                "  contraindicated but done: " + tally.contraindicatedButDone.map(\.description).joined(separator: ", ")
            out += "\n"
        }
        return out
    }

    /// The table of every action, each cell `done / not done`.
    private func markdownTable() -> String {
        let statements = ConcordanceReport.Statement.allCases
        var out = "Each cell: cases where the action was done / not done, by what the engine said about it.\n\n"
        out += "| action | " + statements.map(\.label).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: statements.count) + "\n"
        for tally in report.tallies {
            let cells = statements.map { statement in
                let done = tally.count(statement, done: true)
                let cell = "\(done) / \(tally.count(statement, done: false))"
                return statement == .contraindicated && done > 0 ? "**\(cell)**" : cell
            }
            out += "| \(Self.escaped(tally.title)) (`\(tally.action)`) | " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// The cases contraindicated but done, per action.
    private func markdownFlagged() -> String {
        var out = "\n## Contraindicated but done\n\n"
        let flagged = report.tallies.filter { !$0.contraindicatedButDone.isEmpty }
        if flagged.isEmpty { return out + "None.\n" }
        for tally in flagged {
            let cases = tally.contraindicatedButDone.map { Self.escaped($0.description) }.joined(separator: ", ")
            out += "- \(Self.escaped(tally.title)) (`\(tally.action)`): \(cases)\n"
        }
        return out
    }

    /// `n` right-aligned in `width` characters.
    private static func right(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Text with Markdown's punctuation escaped, safe in a paragraph and a table cell.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#!&".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }
}
