import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// `guideline test`: runs each ruleset's own test cases.
public struct TestCommand: Sendable {
    /// The ruleset directories.
    public var directories: [String]
    /// Use ANSI colour.
    public var colored = false

    /// Creates the command.
    public init(directories: [String], colored: Bool = false) {
        self.directories = directories
        self.colored = colored
    }

    /// Runs it: failures side by side, then `N passed, N failed` and the rules no test made fire.
    public func run() -> ToolOutput {
        var output = ToolOutput()
        var passed = 0
        var failed = 0
        for directory in directories {
            let loaded = RulesetLoader(analysesTables: false).load(directory: directory)
            guard let ruleset = loaded.ruleset else {
                output.stderr += DiagnosticRenderer(sources: loaded.sources, colored: colored).render(
                    loaded.diagnostics)
                output.stderr += "error: the ruleset '\(directory)' has errors; no test was run\n"
                output.exitCode = ToolOutput.failure
                continue
            }
            let suite = GuidelineTestSuite.load(for: ruleset)
            if suite.diagnostics.contains(where: { $0.severity == .error }) {
                var store = loaded.sources
                store.merge(suite.sources)
                output.stderr += DiagnosticRenderer(sources: store, colored: colored).render(suite.diagnostics)
                output.exitCode = ToolOutput.failure
            }
            let report = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset)).run(suite)
            for test in report.cases where !test.failures.isEmpty {
                output.stdout += "FAIL \(test.test.name) (\(test.test.range.start))\n"
                let width = max(8, test.failures.map(\.expected.count).max() ?? 8)
                output.stdout += "  " + "expected".padding(toLength: width, withPad: " ", startingAt: 0) + " | actual\n"
                for failure in test.failures {
                    output.stdout +=
                        "  " + failure.expected.padding(toLength: width, withPad: " ", startingAt: 0)
                        + " | \(failure.actual)"
                    output.stdout += "   (\(failure.expectation.range.start))\n"
                }
            }
            passed += report.passed
            failed += report.failed
            output.stdout += "\(directory): \(report.cases.count) test cases\n"
            if !report.neverFired.isEmpty {
                output.stdout += "rules no test made fire: \(report.neverFired.joined(separator: ", "))\n"
            } else {
                output.stdout += "every rule fired in at least one test\n"
            }
        }
        output.stdout += "\(passed) passed, \(failed) failed\n"
        if failed > 0 { output.exitCode = ToolOutput.failure }
        return output
    }
}
