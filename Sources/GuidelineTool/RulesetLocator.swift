import Foundation
import GuidelineCompiler
import GuidelineDiagnostics

/// Finds the default ruleset: the only directory under `./Rules` that has a manifest.
public enum RulesetLocator {
    /// Every ruleset directory (one holding a manifest) directly under `root`, sorted.
    public static func rulesets(in root: String = "Rules") -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/ruleset.yaml") }.map {
            "\(root)/\($0)"
        }
    }

    /// The path of the default ruleset, or a usage message that lists the choices.
    public static func defaultRuleset(in root: String = "Rules") -> Result<String, UsageError> {
        let rulesets = rulesets(in: root)
        switch rulesets.count {
        case 1: return .success(rulesets[0])
        case 0: return .failure(UsageError(message: "no ruleset found under './\(root)'; name one with --rules DIR"))
        default:
            return .failure(
                UsageError(
                    message:
                        "several rulesets under './\(root)': \(rulesets.joined(separator: ", ")); choose one with --rules DIR"
                ))
        }
    }
}

extension RulesetLocator {
    /// Loads the ruleset at `rules` (default: the only one under `./Rules`), and says which directory that
    /// was; a failure is a command's whole output: a usage error when there is no default, the diagnostics
    /// (exit 1) when it does not compile.
    static func load(
        _ rules: String?, colored: Bool
    ) -> Result<(directory: String, ruleset: CompiledRuleset), ToolOutputFailure> {
        let directory: String
        if let rules {
            directory = rules
        } else {
            switch defaultRuleset() {
            case .success(let path): directory = path
            case .failure(let error):
                return .failure(
                    ToolOutputFailure(ToolOutput(stderr: "error: \(error.message)\n", exitCode: ToolOutput.usage)))
            }
        }
        // Evaluating needs no table gap and overlap analysis (`check` does it): a case no row matches gets an
        // unknown output, never a wrong one.
        let loaded = RulesetLoader(analysesTables: false).load(directory: directory)
        guard let ruleset = loaded.ruleset else {
            var output = ToolOutput(
                stderr: DiagnosticRenderer(sources: loaded.sources, colored: colored).render(loaded.diagnostics))
            output.stderr += "error: the ruleset '\(directory)' has errors (see 'guideline check \(directory)')\n"
            output.exitCode = ToolOutput.failure
            return .failure(ToolOutputFailure(output))
        }
        return .success((directory, ruleset))
    }
}

/// A mistake in how a command was called (exit code 64).
public struct UsageError: Error, Sendable {
    /// The message.
    public var message: String
}
