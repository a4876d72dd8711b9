import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// `RulesetLoader.load(files:directory:)` compiles a ruleset held in memory exactly as from disk.
@Suite struct InMemoryLoadTests {
    /// The bytes of each file of a base ruleset.
    static var baseFiles: [String: [UInt8]] { BaseRuleset.files.mapValues { Array($0.utf8) } }

    @Test("the bundled ruleset compiles from memory with the fingerprint and diagnostics it has on disk")
    func bundledFromMemory() throws {
        let directory = repositoryPath("Rules/spine-metastases")
        let fromDisk = RulesetLoader().load(directory: directory)
        let ruleset = try #require(fromDisk.ruleset)
        var files: [String: [UInt8]] = [:]
        for path in ["ruleset.yaml"] + ruleset.manifest.files.map(\.path) + ruleset.manifest.tests.map(\.path) {
            files[path] = try #require(FileManager.default.contents(atPath: "\(directory)/\(path)")).map { $0 }
        }
        let fromMemory = RulesetLoader().load(files: files, directory: directory)
        let compiled = try #require(fromMemory.ruleset, "\(fromMemory.rendered)")
        #expect(compiled.fingerprint == ruleset.fingerprint)
        #expect(fromMemory.diagnostics == fromDisk.diagnostics)
        #expect(compiled.rules.map(\.declaration.id) == ruleset.rules.map(\.declaration.id))
    }

    @Test("diagnostics name the files under the given directory, with their lines")
    func pathsInDiagnostics() throws {
        var files = Self.baseFiles
        files["main.yaml"] = Array(
            try #require(BaseRuleset.main.replacingFirst("when: mescc.suspected", with: "when: mescc.suspectd")).utf8)
        let result = RulesetLoader().load(files: files, directory: "memory/planted/")
        #expect(result.ruleset == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.code == "expr.undeclared-name" })
        #expect(diagnostic.range?.start.file == "memory/planted/main.yaml")
        #expect(
            result.sources.line(diagnostic.range?.start.line ?? 0, of: "memory/planted/main.yaml")?.contains(
                "mescc.suspectd") == true)
    }

    @Test("a listed file missing from memory is reported at its manifest entry, and nothing is read from disk")
    func missingFile() throws {
        var files = Self.baseFiles
        files["main.yaml"] = nil
        // A real directory holding main.yaml: the loader must still not read it.
        let result = RulesetLoader().load(files: files, directory: repositoryPath("Tests/Fixtures/valid"))
        #expect(result.ruleset == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.code == "rules.missing-file" })
        #expect(diagnostic.range?.start.file.hasSuffix("Tests/Fixtures/valid/ruleset.yaml") == true)
    }
}
