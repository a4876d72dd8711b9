import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// A ruleset that cannot be read gets one clear error (issue 21): an unreadable directory is not "no
/// 'ruleset.yaml'", and an unreadable rule file is not followed by an "undeclared name" for every name it
/// declares.
///
/// Permission bits do not deny root: the `chmod 000` tests are skipped when running as root (CI may), and a
/// rule file that is a directory (which every user fails to read) stands in for an unreadable one. The end-to-end
/// suite `UnreadableAsAnotherUserTests` runs the executable as user `nobody` to cover `chmod 000` under root.
@Suite struct UnreadableRulesetTests {
    static let notRoot = geteuid() != 0

    /// A copy of the bundled guideline in a temporary directory, changed by `change`, then loaded; permissions
    /// are restored before the copy is removed.
    static func loadCopy(_ change: (String) throws -> Void) throws -> RulesetLoader.Result {
        try withTemporaryDirectory { directory in
            let copy = "\(directory)/rules"
            try FileManager.default.copyItem(atPath: repositoryPath("Rules/spine-metastases"), toPath: copy)
            try change(copy)
            defer {
                chmod(copy, 0o755)
                chmod("\(copy)/facts.yaml", 0o644)
            }
            return RulesetLoader().load(directory: copy)
        }
    }

    static func expectOneUnreadableError(_ result: RulesetLoader.Result, _ file: String) {
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(result.ruleset == nil)
        #expect(errors.count == 1, "\(errors.map { "\($0.code): \($0.message)" })")
        #expect(errors.first?.code == "rules.unreadable-file")
        #expect(errors.first?.message.contains("/\(file)': ") == true, "\(errors.first?.message ?? "")")
    }

    /// A rule file that is a directory: `open` succeeds, `read` fails (for root too).
    @Test func ruleFileThatIsADirectory() throws {
        let result = try Self.loadCopy { copy in
            try FileManager.default.removeItem(atPath: "\(copy)/facts.yaml")
            try FileManager.default.createDirectory(atPath: "\(copy)/facts.yaml", withIntermediateDirectories: false)
        }
        Self.expectOneUnreadableError(result, "facts.yaml")
    }

    @Test(.enabled(if: notRoot, "permission bits do not deny root")) func ruleFileWithoutReadPermission() throws {
        let result = try Self.loadCopy { copy in #expect(chmod("\(copy)/facts.yaml", 0) == 0) }
        Self.expectOneUnreadableError(result, "facts.yaml")
    }

    @Test(.enabled(if: notRoot, "permission bits do not deny root")) func directoryWithoutPermissions() throws {
        let result = try Self.loadCopy { copy in #expect(chmod(copy, 0) == 0) }
        #expect(!result.diagnostics.contains { $0.code == "rules.no-manifest" })
        Self.expectOneUnreadableError(result, "ruleset.yaml")
    }

    /// A directory that really has no manifest still says so.
    @Test func missingManifestIsStillReported() throws {
        let result = try withTemporaryDirectory { RulesetLoader().load(directory: $0) }
        #expect(result.diagnostics.map(\.code) == ["rules.no-manifest"])
    }
}
