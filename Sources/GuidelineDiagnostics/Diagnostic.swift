/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    /// Something is wrong: the ruleset or case cannot be used.
    case error
    /// Probably a mistake, but the input can still be used.
    case warning
    /// Extra information attached to another diagnostic.
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    /// Errors sort before warnings, warnings before notes.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message pointing at another place, for example "first defined here".
package struct DiagnosticNote: Hashable, Sendable {
    /// The note text, lowercase with no final period.
    package var message: String
    /// Where the note points, if anywhere.
    package var range: SourceRange?

    /// Creates a note.
    package init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One problem found in a rule file, an expression or a case: data, not text.
///
/// Messages follow the Cedar style: lowercase, no final period, user input in single quotes,
/// suggestions in separate `help` lines.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The severity.
    public var severity: Severity
    /// A stable identifier such as `yaml.duplicate-key` or `expr.undeclared-name`, for tools and docs.
    public var code: String
    /// The one-line message.
    package var message: String
    /// Where the problem is; `nil` only for problems with no place (for example a missing file).
    public var range: SourceRange?
    /// Suggestions, each shown as a `help:` line.
    public var help: [String]
    /// Related places, each shown as a `note:` line.
    package var notes: [DiagnosticNote]

    /// Creates a diagnostic.
    package init(
        _ severity: Severity, code: String, _ message: String, at range: SourceRange?,
        help: [String] = [], notes: [DiagnosticNote] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.help = help
        self.notes = notes
    }

    /// Creates an error.
    package static func error(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: range, help: help, notes: notes)
    }

    /// Creates a warning.
    package static func warning(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: range, help: help, notes: notes)
    }

    /// Adds a "did you mean" help line when `suggestion` is not nil.
    package func suggesting(_ suggestion: String?) -> Diagnostic {
        guard let suggestion else { return self }
        var copy = self
        copy.help.append("did you mean \(quoted: suggestion)?")
        return copy
    }

    /// `file:line:column: severity: message [code]`, the header line of the rendered form.
    public var description: String {
        let place = range.map { "\($0.start): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(code)]"
    }

    /// Sort key: by location (diagnostics with no location first), then severity, then message.
    package static func locationOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.range?.start, rhs.range?.start) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (.some(l), .some(r)) where l != r: return l < r
        default:
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            return lhs.message < rhs.message
        }
    }
}
