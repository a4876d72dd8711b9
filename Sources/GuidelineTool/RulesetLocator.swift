import Foundation

/// Finds the default ruleset: the only directory under `./Rules` that has a manifest.
public enum RulesetLocator {
    /// The path of the default ruleset, or a usage message that lists the choices.
    public static func defaultRuleset(in root: String = "Rules") -> Result<String, UsageError> {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        let rulesets = names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/ruleset.yaml") }
        switch rulesets.count {
        case 1: return .success("\(root)/\(rulesets[0])")
        case 0: return .failure(UsageError(message: "no ruleset found under './\(root)'; name one with --rules DIR"))
        default:
            return .failure(UsageError(message: "several rulesets under './\(root)': \(rulesets.map { "\(root)/\($0)" }.joined(separator: ", ")); choose one with --rules DIR"))
        }
    }
}

/// A mistake in how a command was called (exit code 64).
public struct UsageError: Error, Sendable {
    /// The message.
    public var message: String
}
