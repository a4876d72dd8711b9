import GuidelineCompiler
import GuidelineDiagnostics

/// `guideline check`: compiles rulesets and reports every diagnostic.
public struct CheckCommand: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// Compiler-style text with source lines and carets.
        case text
        /// A JSON array of diagnostics, for editors and CI.
        case json
    }

    /// The ruleset directories.
    public var directories: [String]
    /// The format.
    public var format: Format = .text
    /// Treat warnings as errors.
    public var warningsAsErrors = false
    /// Use ANSI colour.
    public var colored = false

    /// Creates the command.
    public init(directories: [String], format: Format = .text, warningsAsErrors: Bool = false, colored: Bool = false) {
        self.directories = directories
        self.format = format
        self.warningsAsErrors = warningsAsErrors
        self.colored = colored
    }

    /// Runs it.
    public func run() -> ToolOutput {
        var output = ToolOutput()
        var all: [Diagnostic] = []
        var store = SourceStore()
        var summaries: [String] = []
        for directory in directories {
            let result = RulesetLoader().load(directory: directory)
            store.merge(result.sources)
            var diagnostics = result.diagnostics
            if warningsAsErrors {
                diagnostics = diagnostics.map { d in
                    var copy = d
                    if copy.severity == .warning { copy.severity = .error }
                    return copy
                }
            }
            all += diagnostics
            if let ruleset = result.ruleset, !diagnostics.contains(where: { $0.severity == .error }) {
                summaries.append(
                    "\(directory): ruleset '\(ruleset.manifest.id)' \(ruleset.manifest.version): "
                        + [
                            (ruleset.facts.count, "fact"), (ruleset.scores.count, "score"),
                            (ruleset.tables.count, "table"), (ruleset.rules.count, "rule"),
                        ]
                        .map { DiagnosticRenderer.count($0.0, $0.1) }.joined(separator: ", ")
                        + ", \(ruleset.fingerprint)")
            }
        }
        let failed = all.contains { $0.severity == .error }
        switch format {
        case .json:
            output.stdout = DiagnosticJSON.encode(all) + "\n"
        case .text:
            let renderer = DiagnosticRenderer(sources: store, colored: colored)
            output.stderr = all.isEmpty ? "" : renderer.render(all)
            output.stdout = summaries.map { $0 + "\n" }.joined()
        }
        output.exitCode = failed ? ToolOutput.failure : ToolOutput.success
        return output
    }
}
