import Foundation
import GuidelineCompiler

/// `guideline render [DIR] --format html|markdown [-o FILE]`: the ruleset as a document for clinical reviewers.
///
/// HTML is one self-contained, printable page whose flowchart Graphviz's `dot` draws as SVG: without `dot` on
/// `PATH` the command fails (exit 1) naming the package, rather than leave the flowchart out. Markdown carries the
/// flowchart as Mermaid text and needs no Graphviz.
public struct RenderCommand: Sendable {
    /// The document format.
    public enum Format: String, Sendable, CaseIterable {
        /// One self-contained HTML page.
        case html
        /// GitHub-flavoured Markdown.
        case markdown
    }

    /// The ruleset directory (default: the only one under `./Rules`).
    public var rules: String?
    /// The format.
    public var format: Format
    /// The file to write; nil for standard output.
    public var output: String?
    /// The search path for Graphviz's `dot`.
    public var searchPath: String?

    /// Creates the command.
    public init(rules: String?, format: Format, output: String? = nil, searchPath: String? = nil) {
        self.rules = rules
        self.format = format
        self.output = output
        self.searchPath = searchPath
    }

    /// Runs it: the document on standard output, or written to `output` (exit 74 when that fails).
    public func run() -> ToolOutput {
        let loaded: (directory: String, ruleset: CompiledRuleset)
        switch RulesetLocator.load(rules, colored: false) {
        case .failure(let failure): return failure.output
        case .success(let value): loaded = value
        }
        let links = FileLinks(
            rulesetDirectory: loaded.directory,
            outputDirectory: output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        let document: String
        switch format {
        case .markdown:
            document = MarkdownDocument(ruleset: loaded.ruleset, links: links).render()
        case .html:
            let runner = searchPath.map { GraphvizRunner(searchPath: $0) } ?? GraphvizRunner()
            switch runner.svg(PathwayGraph(loaded.ruleset).dot) {
            case .failure(let failure): return ToolOutput(stderr: failure.message, exitCode: ToolOutput.failure)
            case .success(let svg): document = HTMLDocument(ruleset: loaded.ruleset, svg: svg, links: links).render()
            }
        }
        guard let output else { return ToolOutput(stdout: document) }
        do {
            try Data(document.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            return ToolOutput(
                stderr: "error: cannot write '\(output)': \((error as NSError).localizedDescription) "
                    + "[\(ToolDiagnosticCode.writeFailed.rawValue)]\n",
                exitCode: ToolOutput.ioError)
        }
        return ToolOutput()
    }
}
