import Foundation
import GuidelineCompiler
import GuidelineDiagnostics

/// The ruleset the fuzz targets work on: by default the bundled guideline `Rules/spine-metastases`, read once,
/// held in memory and compiled, with its example cases.
public struct FuzzRuleset: Sendable {
    /// The environment variable that names another ruleset directory.
    public static let environmentVariable = "GUIDELINE_FUZZ_RULES"

    /// The directory the files were read from (the prefix of paths in diagnostics).
    public let directory: String
    /// Every file of the ruleset (manifest, rule files, test files), by path relative to the directory.
    public let files: [String: [UInt8]]
    /// The manifest and the rule files, in manifest order: the files the compile target may replace.
    public let replaceable: [String]
    /// The compiled ruleset.
    public let ruleset: CompiledRuleset
    /// The example cases under `examples/`, sorted by name.
    public let examples: [(name: String, bytes: [UInt8])]

    /// The bundled guideline (or the ruleset named by `GUIDELINE_FUZZ_RULES`), loaded on first use.
    ///
    /// Traps when it does not compile: the fuzz targets need a valid ruleset to start from.
    public static let bundled: FuzzRuleset = {
        let directory = locate()
        switch load(directory: directory) {
        case .success(let loaded): return loaded
        case .failure(let problem): fatalError(problem.description)
        }
    }()

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

    /// `GUIDELINE_FUZZ_RULES`, else the bundled guideline of the checkout this was built from, else
    /// `Rules/spine-metastases` under the current directory.
    static func locate() -> String {
        if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty { return named }
        let built = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules/spine-metastases").path
        return FileManager.default.fileExists(atPath: built) ? built : "Rules/spine-metastases"
    }
}
