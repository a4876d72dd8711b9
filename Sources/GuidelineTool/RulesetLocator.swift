import Foundation

/// Finds the default ruleset: the only directory under `./Rules` that has a manifest.
public enum RulesetLocator {
    /// Every ruleset directory (one holding a manifest) directly under `root`, sorted.
    public static func rulesets(in root: String = "Rules") -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/ruleset.yaml") }.map { "\(root)/\($0)" }
    }

    /// The path of the default ruleset, or a usage message that lists the choices.
    public static func defaultRuleset(in root: String = "Rules") -> Result<String, UsageError> {
        let rulesets = rulesets(in: root)
        switch rulesets.count {
        case 1: return .success(rulesets[0])
        case 0: return .failure(UsageError(message: "no ruleset found under './\(root)'; name one with --rules DIR"))
        default:
            return .failure(UsageError(message: "several rulesets under './\(root)': \(rulesets.joined(separator: ", ")); choose one with --rules DIR"))
        }
    }
}

/// A mistake in how a command was called (exit code 64).
public struct UsageError: Error, Sendable {
    /// The message.
    public var message: String
}
