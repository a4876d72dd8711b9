import GuidelineDiagnostics

/// A concordance report as data: CSV (one row per action) and JSON (one object).
enum ConcordanceData {
    /// The CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line end): a header
    /// row, then per action its id, title, the count of each statement done and not done, and the line numbers of
    /// the cases contraindicated but done, separated by spaces.
    static func csv(_ report: ConcordanceReport) -> String {
        let statements = ConcordanceReport.Statement.allCases
        var header = ["action", "title"]
        for statement in statements { header += ["\(statement.rawValue)_done", "\(statement.rawValue)_not_done"] }
        header.append("contraindicated_done_lines")
        var rows = [header]
        for tally in report.tallies {
            var row = [tally.action, tally.title]
            for statement in statements {
                row += [String(tally.count(statement, done: true)), String(tally.count(statement, done: false))]
            }
            row.append(tally.contraindicatedButDone.map { String($0.line) }.joined(separator: " "))
            rows.append(row)
        }
        return rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One CSV field, quoted when it must be.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// The JSON object: `cohort`, `ruleset` (`id`, `version`, `fingerprint`), `cases`, `linesNotCounted`,
    /// `actions[]` (`action`, `title`, `counts.<statement>` with `done` and `notDone`, `contraindicatedButDone[]`
    /// with `line` and `case`, null without an id) and `errors` (the diagnostics of the lines, warnings included).
    static func json(_ report: ConcordanceReport) -> String {
        var out = "{\"cohort\":\(quote(report.cohort)),\"ruleset\":{\"id\":\(quote(report.rulesetID)),"
        out += "\"version\":\(quote(report.version)),\"fingerprint\":\(quote(report.fingerprint))},"
        out += "\"cases\":\(report.cases),\"linesNotCounted\":\(report.linesNotCounted),\"actions\":["
        out += report.tallies.map(json).joined(separator: ",")
        out += "],\"errors\":\(DiagnosticJSON.encode(report.diagnostics))}\n"
        return out
    }

    /// One action's object.
    private static func json(_ tally: ConcordanceReport.Tally) -> String {
        let counts = ConcordanceReport.Statement.allCases.map { statement in
            "\(quote(statement.rawValue)):{\"done\":\(tally.count(statement, done: true)),"
                + "\"notDone\":\(tally.count(statement, done: false))}"
        }
        let flagged = tally.contraindicatedButDone.map { reference in
            "{\"line\":\(reference.line),\"case\":\(reference.id.map(quote) ?? "null")}"
        }
        return "{\"action\":\(quote(tally.action)),\"title\":\(quote(tally.title)),\"counts\":{"
            + counts.joined(separator: ",") + "},\"contraindicatedButDone\":[" + flagged.joined(separator: ",") + "]}"
    }

    private static func quote(_ text: String) -> String { DiagnosticJSON.quote(text) }
}
