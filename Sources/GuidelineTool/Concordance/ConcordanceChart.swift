/// The bar chart of a concordance report, as SVG for the Markdown report: per action two bars, the cases where
/// it was done and those where it was not, each split by what the engine said (a colour per statement, a legend,
/// each segment's count in its tooltip).
///
/// Every text from the ruleset or the cohort is escaped for XML; the SVG has no blank line, so that Markdown
/// keeps it as one HTML block.
struct ConcordanceChart {
    let report: ConcordanceReport

    /// The colour of each statement, in `Statement.allCases` order: greens for doing it, amber for caution, red
    /// for contraindicated, greys for nothing said.
    static let colours = ["#2e7d32", "#81c784", "#f9a825", "#c62828", "#9e9e9e", "#e0e0e0"]

    /// Where the bars start, their longest length, and the height of a bar and of an action's row.
    private static let (labelWidth, barWidth, barHeight, rowHeight, legendHeight) = (300, 420, 12, 40, 40)

    /// The chart.
    func svg() -> String {
        let statements = ConcordanceReport.Statement.allCases
        let width = Self.labelWidth + Self.barWidth + 60
        let height = Self.legendHeight + Self.rowHeight * report.tallies.count + 10
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<title>\(Self.escaped("Concordance: \(report.title), \(report.cases) cases"))</title>\n"
        for (index, statement) in statements.enumerated() {
            let x = 10 + index * 120
            out += "<rect x=\"\(x)\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(Self.colours[index])\"/>"
            out += "<text x=\"\(x + 16)\" y=\"18\">\(Self.escaped(statement.label))</text>\n"
        }
        for (row, tally) in report.tallies.enumerated() {
            let top = Self.legendHeight + row * Self.rowHeight
            out += "<g>\n<text x=\"10\" y=\"\(top + 16)\">\(Self.escaped(Self.shortened(tally.title)))</text>\n"
            for (offset, done) in [true, false].enumerated() {
                let y = top + offset * (Self.barHeight + 2)
                out += "<text x=\"\(Self.labelWidth - 6)\" y=\"\(y + 10)\" text-anchor=\"end\" font-size=\"10\">"
                out += (done ? "done" : "not done") + "</text>\n"
                out += bar(tally, done: done, y: y)
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    /// One bar: a segment per statement with cases, its length proportional to its count among all cases.
    private func bar(_ tally: ConcordanceReport.Tally, done: Bool, y: Int) -> String {
        var out = ""
        var x = Double(Self.labelWidth)
        var total = 0
        for (index, statement) in ConcordanceReport.Statement.allCases.enumerated() {
            let count = tally.count(statement, done: done)
            guard count > 0 else { continue }
            total += count
            let length = Double(Self.barWidth) * Double(count) / Double(max(1, report.cases))
            let tooltip = "\(tally.action), \(done ? "done" : "not done"), engine said \(statement.label): \(count)"
            out +=
                "<rect x=\"\(Self.format(x))\" y=\"\(y)\" width=\"\(Self.format(length))\" height=\"\(Self.barHeight)\" "
                + "fill=\"\(Self.colours[index])\"><title>\(Self.escaped(tooltip))</title></rect>\n"
            x += length
        }
        out += "<text x=\"\(Self.format(x + 4))\" y=\"\(y + 10)\" font-size=\"10\">\(total)</text>\n"
        return out
    }

    /// A length with at most two decimals.
    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return fraction == 0 ? "\(hundredths / 100)" : "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A title cut to fit beside the bars.
    private static func shortened(_ text: String) -> String {
        text.count <= 46 ? text : String(text.prefix(45)) + "…"
    }

    /// Text escaped for XML character data and attribute values.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Control characters other than tab and newline are not allowed in XML 1.0 at all.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n": out += "\u{FFFD}"
            case "\n": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
