import Foundation
import GuidelineDiagnostics

/// Checks shared by the fuzz targets: diagnostics have sane locations and render, JSON output parses.
enum FuzzInvariants {
    /// Every diagnostic (with `requireRange`, every error must have one) has a range with 1-based positions
    /// and an end not before its start; so do its notes.
    static func located(_ diagnostics: [Diagnostic], requireRange: Bool, in report: inout FuzzReport) {
        for diagnostic in diagnostics {
            guard let range = diagnostic.range else {
                report.require(
                    !requireRange || diagnostic.severity != .error,
                    "error without a location: \(diagnostic.code) \(diagnostic.message)")
                continue
            }
            sane(range, "\(diagnostic.code) \(diagnostic.message)", in: &report)
            for note in diagnostic.notes {
                if let range = note.range { sane(range, "note of \(diagnostic.code)", in: &report) }
            }
        }
    }

    /// A range with 1-based positions whose end is not before its start.
    static func sane(_ range: SourceRange, _ what: @autoclosure () -> String, in report: inout FuzzReport) {
        report.require(
            range.start.line >= 1 && range.start.column >= 1 && range.end.line >= 1 && range.end.column >= 1,
            "position before line 1, column 1 (\(range.start)-\(range.end.line):\(range.end.column)): \(what())")
        report.require(
            (range.start.line, range.start.column) <= (range.end.line, range.end.column),
            "range ends before it starts (\(range.start)-\(range.end.line):\(range.end.column)): \(what())")
    }

    /// The diagnostics render as text (with source lines) and as JSON that parses.
    static func rendered(_ diagnostics: [Diagnostic], sources: SourceStore, in report: inout FuzzReport) {
        let text = DiagnosticRenderer(sources: sources).render(diagnostics)
        report.require(diagnostics.isEmpty || !text.isEmpty, "diagnostics render as nothing")
        json(DiagnosticJSON.encode(diagnostics), "diagnostics JSON", in: &report)
    }

    /// `text` is one valid JSON value.
    static func json(_ text: String, _ what: String, in report: inout FuzzReport) {
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        report.require(parsed != nil, "\(what) is not valid JSON: \(text.prefix(300))")
    }
}
