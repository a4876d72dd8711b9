import Foundation
import GuidelineTool
import Testing

/// The repository root, found from this file's path (Tests/GuidelineToolTests/TestSupport.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled guideline's directory.
let bundledRulesetPath = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// The snapshot directory of these tests.
let snapshotDirectory = repositoryRoot.appendingPathComponent("Tests/GuidelineToolTests/Snapshots")

/// The path of a bundled example case.
func examplePath(_ name: String) -> String { "\(bundledRulesetPath)/examples/\(name)" }

/// The bundled example case files, sorted.
func exampleNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "\(bundledRulesetPath)/examples").filter { $0.hasSuffix(".yaml") }.sorted()
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
}

/// Reads a file as UTF-8 text.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw SetupError(description: "cannot read '\(path)'")
    }
    return text
}

/// Copies the bundled ruleset into a fresh temporary directory and returns the copy's path.
func copyOfBundledRuleset() throws -> String {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-tooltests-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledRulesetPath), to: target)
    return target.path
}

/// Replaces exactly one occurrence of `old` with `new` in `file`; fails when `old` does not occur once.
func replaceOnce(in file: String, _ old: String, with new: String) throws {
    let text = try readText(file)
    let parts = text.components(separatedBy: old)
    guard parts.count == 2 else { throw SetupError(description: "'\(old)' occurs \(parts.count - 1) times in \(file)") }
    try Data(parts.joined(separator: new).utf8).write(to: URL(fileURLWithPath: file))
}

/// Parses JSON text.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The actions of a JSON result object.
func actions(ofJSONResult object: Any) -> [String] {
    ((object as? [String: Any])?["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
}

/// Masks `sha256:` fingerprints (full or shortened) so that snapshots survive rule changes.
func maskFingerprints(_ text: String) -> String {
    text.replacing(/sha256:[0-9a-f]+/, with: "sha256:<fingerprint>")
}
