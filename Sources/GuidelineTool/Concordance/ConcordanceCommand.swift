import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// `guideline concordance --rules DIR COHORT.jsonl`: what a cohort's actions taken and the engine's
/// recommendations agree and disagree on, per action of the ruleset (the Cohorts article of the reference).
///
/// Each line of the cohort is a case as in a batch (`case`, `facts`) with `done`, the action ids taken. A line
/// with an error (not JSON, an invalid fact, no `done`, an unknown action) is reported on standard error with its
/// line and column and not counted; the other lines are. Exit codes: 0 every line counted, 1 some line not counted
/// or the cohort unreadable, 64 usage error.
public struct ConcordanceCommand: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// A table per action, for a terminal.
        case text
        /// A report with a table and an SVG bar chart, for a document.
        case markdown
        /// One row per action, for a spreadsheet.
        case csv
        /// One object, for programs.
        case json
    }

    /// The ruleset directory; nil: the only one under `./Rules`.
    public var rules: String?
    /// The cohort file; `-` reads standard input.
    public var cohort: String
    /// The format.
    public var format: Format
    /// Use ANSI colour in diagnostics.
    public var colored = false
    /// The longest line read (a longer one is reported and not counted).
    public var limits = BatchLimits.default

    /// Creates the command.
    public init(rules: String?, cohort: String, format: Format = .text) {
        self.rules = rules
        self.cohort = cohort
        self.format = format
    }

    /// Runs it; `stdin` supplies standard input when the cohort is `-`.
    public func run(stdin: () -> ByteReader = { .bytes([]) }) -> ToolOutput {
        let ruleset: CompiledRuleset
        switch RulesetLocator.load(rules, colored: colored) {
        case .success(let loaded): ruleset = loaded.ruleset
        case .failure(let failure): return failure.output
        }
        let name = cohort == "-" ? "<stdin>" : FileSystemPath.display(cohort)
        guard let reader = ByteReader.input(cohort, stdin: stdin) else {
            return ToolOutput(
                stderr: "error: cannot read cohort file '\(cohort)'\n", exitCode: ToolOutput.failure)
        }
        var output = ToolOutput()
        guard let report = tally(reader, name: name, ruleset: ruleset, stderr: &output.stderr) else {
            output.exitCode = ToolOutput.failure
            return output
        }
        if !report.diagnostics.isEmpty {
            output.stderr += DiagnosticRenderer(sources: SourceStore(), colored: colored).render(report.diagnostics)
        }
        if report.linesNotCounted > 0 {
            output.stderr +=
                "error: \(DiagnosticRenderer.count(report.linesNotCounted, "line")) of '\(name)' not counted\n"
            output.exitCode = ToolOutput.failure
        }
        switch format {
        case .text: output.stdout = ConcordanceText(report: report, markdown: false).render()
        case .markdown: output.stdout = ConcordanceText(report: report, markdown: true).render()
        case .csv: output.stdout = ConcordanceData.csv(report)
        case .json: output.stdout = ConcordanceData.json(report)
        }
        return output
    }

    /// Reads, evaluates and counts every line; nil when reading failed (said on `stderr`).
    private func tally(
        _ reader: ByteReader, name: String, ruleset: CompiledRuleset, stderr: inout String
    ) -> ConcordanceReport? {
        var report = ConcordanceReport(cohort: name, ruleset: ruleset)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let decoder = CohortLineDecoder(ruleset: ruleset)
        var lines = LineBlocks(reader: reader, limits: limits)
        while let block = lines.next() {
            if block.readError {
                stderr += "error: reading '\(name)' failed after line \(block.firstLine - 1)\n"
                return nil
            }
            for entry in block.entries {
                switch entry {
                case .tooLong(let number, let length):
                    report.linesNotCounted += 1
                    report.diagnostics.append(limits.lineTooLong(line: number, length: length, file: name))
                case .line(let number, let range):
                    let line = decoder.decode(Array(block.bytes[range]), line: number, file: name)
                    report.diagnostics += line.diagnostics
                    guard let input = line.input else {
                        report.linesNotCounted += 1
                        continue
                    }
                    let result = evaluator.evaluate(input, options: RulesetEvaluator.Options())
                    report.add(result, done: line.done, case: .init(line: number, id: input.id))
                }
            }
        }
        return report
    }
}
