/// Renders diagnostics the way compilers do, for terminals and editors.
///
/// ```
/// Rules/spine-metastases/pt.yaml:24:19: error: undeclared fact 'spine.pian' [expr.undeclared-name]
///    24 |     when: sins >= 7 and spine.pian == mechanical
///       |                         ^~~~~~~~~~
///   help: did you mean 'spine.pain'?
/// ```
package struct DiagnosticRenderer: Sendable {
    /// The files to quote source lines from.
    package var sources: SourceStore
    /// Whether to use ANSI colours.
    package var colored: Bool
    /// The widest source line quoted in full; longer lines are shown as a window around the caret.
    package static let maxLineWidth = 160

    /// Creates a renderer.
    package init(sources: SourceStore, colored: Bool = false) {
        self.sources = sources
        self.colored = colored
    }

    /// Renders one diagnostic: header line, quoted source line with caret, help and note lines.
    package func render(_ diagnostic: Diagnostic) -> String {
        var out = ""
        let place = diagnostic.range.map { "\($0.start): " } ?? ""
        let severity = paint(
            diagnostic.severity.rawValue,
            diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36")
        out += "\(bold(place))\(severity): \(bold(diagnostic.message)) [\(diagnostic.code)]\n"
        if let range = diagnostic.range { out += snippet(range) }
        for help in diagnostic.help { out += "  \(paint("help", "32")): \(help)\n" }
        for note in diagnostic.notes {
            let notePlace = note.range.map { "\($0.start): " } ?? ""
            out += "  \(paint("note", "36")): \(notePlace)\(note.message)\n"
            if let range = note.range { out += snippet(range) }
        }
        return out
    }

    /// Renders all diagnostics in order, followed by a summary line such as `2 errors, 1 warning`.
    package func render(_ diagnostics: [Diagnostic], summary: Bool = true) -> String {
        var out = diagnostics.map(render).joined()
        if summary {
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            out += "\(Self.count(errors, "error")), \(Self.count(warnings, "warning"))\n"
        }
        return out
    }

    /// `1 error`, `2 errors`.
    package static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private func snippet(_ range: SourceRange) -> String {
        guard let text = sources.line(range.start.line, of: range.start.file) else { return "" }
        let gutter = String(range.start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let shown = text.replacingTabs()
        // Column of the caret, in characters, with tabs counted as one (they were replaced by one space).
        let column = max(1, min(range.start.column, shown.count + 1))
        var width = 1
        if range.end.line == range.start.line, range.end.column > range.start.column {
            width = min(range.end.column - range.start.column, max(1, shown.count + 1 - column))
        }
        // A very long line (minified JSON, a 100 KB key) is shown as a window around the caret.
        var visible = shown
        var caret = column
        if shown.count > Self.maxLineWidth {
            let characters = Array(shown)
            let start = max(0, min(column - 1 - Self.maxLineWidth / 2, characters.count - Self.maxLineWidth))
            let end = min(characters.count, start + Self.maxLineWidth)
            visible = (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
            caret = column - start + (start > 0 ? 1 : 0)
            width = min(width, end - (column - 1))
        }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return
            " \(pad) |\n \(gutter) | \(visible)\n \(pad) | \(String(repeating: " ", count: max(0, caret - 1)))\(paint(marker, "32"))\n"
    }

    private func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func bold(_ text: String) -> String {
        colored && !text.isEmpty ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
