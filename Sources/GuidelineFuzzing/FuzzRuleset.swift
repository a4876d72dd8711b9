import Foundation
import GuidelineCompiler
import GuidelineDiagnostics

/// A ruleset the fuzz targets work on, read once, held in memory and compiled, with its example cases:
/// the bundled guideline (`Rules/spine-metastases`) for the expression and case targets, and a compact
/// ruleset with every feature of the language (`Tests/Fuzz/ruleset`) for the compile target.
public struct FuzzRuleset: Sendable {
    /// The environment variable naming the repository root, for a fuzz binary run outside its checkout.
    public static let environmentVariable = "GUIDELINE_FUZZ_ROOT"

    /// The directory the files were read from (the prefix of paths in diagnostics).
    public let directory: String
    /// Every file of the ruleset (manifest, rule files, test files), by path relative to the directory.
    public let files: [String: [UInt8]]
    /// The manifest and the rule files, in manifest order: the files the compile target may replace.
    public let replaceable: [String]
    /// The compiled ruleset.
    package let ruleset: CompiledRuleset
    /// The example cases under `examples/`, sorted by name.
    public let examples: [(name: String, bytes: [UInt8])]

    /// The bundled guideline, loaded on first use; traps when it does not compile (the targets need a valid
    /// ruleset to start from).
    public static let bundled = required("Rules/spine-metastases")

    /// The compact ruleset of the compile target, loaded on first use; traps when it does not compile.
    public static let compact = required("Tests/Fuzz/ruleset")

    /// The ruleset at `relative` under the repository root, or a trap saying why it cannot be used.
    static func required(_ relative: String) -> FuzzRuleset {
        switch load(directory: "\(repositoryRoot)/\(relative)") {
        case .success(let loaded): return loaded
        case .failure(let problem): fatalError(problem.description)
        }
    }

    /// A problem loading the ruleset the fuzz targets start from.
    public struct LoadError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// Reads and compiles the ruleset in `directory`.
    public static func load(directory: String) -> Result<FuzzRuleset, LoadError> {
        let loaded = RulesetLoader().load(directory: directory)
        guard let ruleset = loaded.ruleset else {
            let rendered = DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)
            return .failure(LoadError(description: "fuzz ruleset '\(directory)' does not compile:\n\(rendered)"))
        }
        let listed = [RulesetLoader.manifestName] + ruleset.manifest.files.map(\.path)
        var files: [String: [UInt8]] = [:]
        for path in listed + ruleset.manifest.tests.map(\.path) {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(path)") else {
                return .failure(LoadError(description: "cannot read '\(directory)/\(path)'"))
            }
            files[path] = [UInt8](data)
        }
        let examplesDirectory = "\(directory)/examples"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
        let examples = names.compactMap { name in
            FileManager.default.contents(atPath: "\(examplesDirectory)/\(name)").map { (name, [UInt8]($0)) }
        }
        return .success(
            FuzzRuleset(directory: directory, files: files, replaceable: listed, ruleset: ruleset, examples: examples))
    }

    /// `GUIDELINE_FUZZ_ROOT`, else the checkout this was built from, else the current directory.
    public static var repositoryRoot: String {
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty { return named }
        let built = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: "\(built)/Package.swift")
            ? built : FileManager.default.currentDirectoryPath
    }
}
