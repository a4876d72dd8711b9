import Foundation
import GuidelineCompiler
import GuidelineDiagnostics

/// A ruleset's files as the archive keeps them: the manifest, its rule files and its test files, by path relative
/// to the ruleset, under the ruleset's fingerprint.
package struct ArchivedRuleset: Sendable, Hashable {
    /// The `sha256:` fingerprint the files load with.
    package var fingerprint: String
    /// The ruleset id.
    package var id: String
    /// The ruleset version.
    package var version: String
    /// Each file's bytes by path relative to the ruleset (`ruleset.yaml`, `surgery.yaml`, ...).
    package var files: [String: [UInt8]]

    /// Creates an archived ruleset.
    package init(fingerprint: String, id: String, version: String, files: [String: [UInt8]]) {
        self.fingerprint = fingerprint
        self.id = id
        self.version = version
        self.files = files
    }

    /// Reads the files of `ruleset` from the directory it was loaded from, and checks that they still load with
    /// its fingerprint (they may have changed since it was loaded).
    package static func collect(_ ruleset: CompiledRuleset) -> Result<ArchivedRuleset, AuditError> {
        let base = ruleset.directory.hasSuffix("/") ? String(ruleset.directory.dropLast()) : ruleset.directory
        let paths =
            [RulesetLoader.manifestName] + ruleset.manifest.files.map(\.path) + ruleset.manifest.tests.map(\.path)
        var files: [String: [UInt8]] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: "\(base)/\(path)") else {
                return .failure(
                    AuditError(
                        .rulesetNotArchived, "cannot read \(quoted: "\(base)/\(path)") to archive the ruleset"))
            }
            files[path] = Array(data)
        }
        let archived = ArchivedRuleset(
            fingerprint: ruleset.fingerprint, id: ruleset.manifest.id, version: ruleset.manifest.version,
            files: files)
        switch archived.load() {
        case .success: return .success(archived)
        case .failure:
            return .failure(
                AuditError(
                    .rulesetNotArchived,
                    "the files of \(quoted: ruleset.directory) changed while it was loaded; run the command again"))
        }
    }

    /// Compiles the archived files (nothing is read from disk) and checks the fingerprint.
    package func load() -> Result<CompiledRuleset, AuditError> {
        let loaded = RulesetLoader(analysesTables: false).load(files: files, directory: id)
        guard let ruleset = loaded.ruleset else {
            let first = loaded.diagnostics.first { $0.severity == .error }?.message ?? "it has errors"
            return .failure(
                AuditError(.rulesetNotArchived, "the archived ruleset \(fingerprint) does not load: \(first)"))
        }
        guard ruleset.fingerprint == fingerprint else {
            return .failure(
                AuditError(
                    .rulesetNotArchived,
                    "the archived ruleset \(fingerprint) loads with another fingerprint, \(ruleset.fingerprint)"))
        }
        return .success(ruleset)
    }
}
