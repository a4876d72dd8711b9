import GuidelineEngine

/// `guideline facts`: the facts a ruleset declares (type, unit, range or values, default, description), as
/// text or JSON; `guideline template`: a case file with every fact, ready to fill in.
public struct FactsCommand: Sendable {
    /// What to print.
    public enum Format: String, Sendable, CaseIterable {
        /// One fact per entry: name and type, then its description.
        case text
        /// A JSON array of the facts.
        case json
        /// A YAML case file with every fact `null` and commented (`guideline template`).
        case template
    }

    /// The ruleset directory (default: the only one under `./Rules`).
    public var rules: String?
    /// What to print.
    public var format: Format
    /// Use ANSI colour in diagnostics.
    public var colored = false

    /// Creates the command.
    public init(rules: String?, format: Format = .text, colored: Bool = false) {
        self.rules = rules
        self.format = format
        self.colored = colored
    }

    /// Runs it.
    public func run() -> ToolOutput {
        switch RulesetLocator.load(rules, colored: colored) {
        case .failure(let failure): return failure.output
        case .success(let loaded):
            let catalog = FactCatalog(loaded.ruleset)
            switch format {
            case .text: return ToolOutput(stdout: catalog.text())
            case .json: return ToolOutput(stdout: catalog.json())
            case .template: return ToolOutput(stdout: catalog.caseTemplate(directory: loaded.directory))
            }
        }
    }
}
