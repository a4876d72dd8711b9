import Foundation

/// `guideline test --mutants [--min-score N] DIR ...`: mutation testing of each ruleset's own tests.
///
/// Prints, per ruleset, the count and the score, then each surviving mutant as `file:line:column: kind in owner:
/// 'original' -> 'replacement'`, a change no test notices: an author turns each into a test, or judges it
/// equivalent. Exit 1 when a ruleset does not load, its tests fail unmutated, or (with `minScore`) its score is
/// below the minimum.
public struct MutantsCommand: Sendable {
    /// The ruleset directories.
    public var directories: [String]
    /// The lowest acceptable score in percent, if any.
    public var minScore: Double?

    /// Creates the command.
    public init(directories: [String], minScore: Double? = nil) {
        self.directories = directories
        self.minScore = minScore
    }

    /// Runs it.
    public func run() -> ToolOutput {
        var output = ToolOutput()
        for directory in directories {
            switch MutationTesting(directory: directory).run() {
            case .failure(.rulesetErrors(let rendered)):
                output.stderr += rendered + "error: the ruleset '\(directory)' has errors; no mutant was run\n"
                output.exitCode = ToolOutput.failure
            case .failure(.testsFail(let failed)):
                output.stderr +=
                    "error: \(failed) test case\(failed == 1 ? "" : "s") of '\(directory)' fail\(failed == 1 ? "s" : "") "
                    + "without any mutation; run 'guideline test \(directory)' and fix them first\n"
                output.exitCode = ToolOutput.failure
            case .failure(.unreadable(let path)):
                output.stderr += "error: cannot read rule file '\(path)'\n"
                output.exitCode = ToolOutput.failure
            case .success(let report):
                output.stdout += Self.render(report, directory: directory)
                if let minScore, report.score < minScore {
                    output.stderr +=
                        "error: '\(directory)': \(Self.percent(report.score)) of mutants killed, below --min-score "
                        + "\(Self.percent(minScore))\n"
                    output.exitCode = ToolOutput.failure
                }
            }
        }
        return output
    }

    /// The report: a summary line, then the survivors.
    static func render(_ report: MutationTesting.Report, directory: String) -> String {
        let total = report.results.count
        let invalid = report.results.filter { $0.outcome == .invalid }.count
        let unchanged = report.results.filter { $0.outcome == .unchanged }.count
        var out =
            "\(directory): \(total) mutants, \(report.counted) counted (\(invalid) do not compile, "
            + "\(unchanged) compile to the same ruleset), \(report.killed) killed, \(report.survived.count) survived: "
            + "\(percent(report.score)) killed\n"
        if !report.survived.isEmpty {
            out += "survivors (no test fails on these changes):\n"
            for result in report.survived { out += "  \(result.mutant.description)\n" }
        }
        return out
    }

    /// `87.1%`.
    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value)
    }
}
