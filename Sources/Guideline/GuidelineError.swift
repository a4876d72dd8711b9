import GuidelineDiagnostics

/// A ruleset that does not load or a case that is not valid: every problem found, as data and rendered.
public struct GuidelineError: Error, Sendable, CustomStringConvertible {
    /// Every problem, errors and warnings, in source order.
    public let diagnostics: [Diagnostic]
    /// The diagnostics rendered in the compiler convention: `file:line:column: error: message`, the source
    /// line, a caret and `help:` lines (values given from Swift have no file: just the message and help).
    public let description: String

    init(diagnostics: [Diagnostic], sources: SourceStore) {
        self.diagnostics = diagnostics
        description = DiagnosticRenderer(sources: sources).render(diagnostics)
    }
}
