import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineExpression
import Testing

/// The repository root, found from this file's path (Tests/GuidelineEngineTests/TestSupport.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled guideline's directory.
let bundledRulesetPath = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// A problem setting up a test (a ruleset that does not load, a case that does not decode).
struct SetupError: Error, CustomStringConvertible {
    var description: String
}

/// Writes `files` (relative path -> text) into a fresh temporary directory and returns its path.
func writeTemporaryDirectory(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "guideline-etests-\(UUID().uuidString)")
    for (path, text) in files {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return directory.path
}

/// Loads a ruleset directory, failing with every diagnostic when it does not compile.
func loadRuleset(directory: String) throws -> CompiledRuleset {
    let result = RulesetLoader().load(directory: directory)
    guard let ruleset = result.ruleset else {
        throw SetupError(
            description: "ruleset '\(directory)' does not load:\n"
                + result.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return ruleset
}

/// Writes a small ruleset (a manifest plus `rules.yaml`) into a temporary directory and loads it.
///
/// `actions` are the action ids (each gets a title); `conflicts` is the manifest's policy; `keepAll` names
/// actions with `conflicts: keep-all`.
func makeRuleset(
    _ rulesYAML: String, actions: [String], keepAll: Set<String> = [], extraFiles: [String: String] = [:]
) throws -> CompiledRuleset {
    var manifest = """
        ruleset:
          id: mini
          title: Mini ruleset for engine tests
          version: 0.0.1
        files:
          - rules.yaml

        """
    if !extraFiles.isEmpty {
        let tests = extraFiles.keys.filter { $0.hasPrefix("tests/") }.sorted()
        if !tests.isEmpty { manifest += "tests:\n" + tests.map { "  - \($0)\n" }.joined() }
    }
    manifest += "actions:\n"
    for action in actions {
        manifest += "  \(action):\n    title: Title of \(action)\n"
        if keepAll.contains(action) { manifest += "    conflicts: keep-all\n" }
    }
    manifest += """
        sources:
          src:
            title: A test source
            organization: Test organisation
            year: 2020

        """
    var files = extraFiles
    files["ruleset.yaml"] = manifest
    files["rules.yaml"] = rulesYAML
    return try loadRuleset(directory: writeTemporaryDirectory(files))
}

/// Decodes a case (YAML or JSON text) against `ruleset`, failing with its diagnostics when invalid.
func decodeCase(_ text: String, ruleset: CompiledRuleset, file: String = "case.yaml") throws -> CaseInput {
    let outcome = CaseDecoder(ruleset: ruleset).decode(text: text, file: file)
    guard let input = outcome.input else {
        throw SetupError(
            description: "case does not decode:\n" + outcome.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return input
}

/// Evaluates a case given as YAML text.
func evaluate(
    _ caseText: String, ruleset: CompiledRuleset, options: RulesetEvaluator.Options = .init()
) throws -> EvaluationResult {
    RulesetEvaluator(ruleset: ruleset).evaluate(try decodeCase(caseText, ruleset: ruleset), options: options)
}

extension EvaluationResult {
    /// Ids of the rules that fired (standing or suppressed recommendations).
    var firedRules: Set<String> { Set(recommendations.map(\.rule.id) + suppressed.map(\.rule.id)) }
    /// Ids of the undetermined rules.
    var undeterminedRules: Set<String> { Set(undetermined.map(\.rule.id)) }
    /// The standing recommendation for `action` from `rule`, if any.
    func recommendation(_ action: String, rule: String? = nil) -> RecommendationResult? {
        recommendations.first { $0.action == action && (rule == nil || $0.rule.id == rule) }
    }
    /// The score result with `id`.
    func score(_ id: String) -> ScoreResult? { scores.first { $0.id == id } }
    /// A derived value or table output by name.
    func value(_ name: String) -> Value? { values.first { $0.name == name }?.value }
}

/// The example case files of the bundled guideline, sorted.
func bundledExamplePaths() throws -> [String] {
    let directory = "\(bundledRulesetPath)/examples"
    return try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        .sorted()
        .map { "\(directory)/\($0)" }
}

/// Reads a file as UTF-8 text.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw SetupError(description: "cannot read '\(path)'")
    }
    return text
}
