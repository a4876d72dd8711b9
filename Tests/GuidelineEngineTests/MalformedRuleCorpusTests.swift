import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The malformed rule files and manifests under `Tests/Fixtures/malformed`, each compiled inside a valid
/// ruleset (`RuleScaffold`), and the ones too large or too binary to commit, generated here: each must give
/// its own error at its own line and column (the `# expect:` first line of the fixture), and no ruleset.
///
/// The schema side of the same corpus is `SchemaParityTests` (GuidelineCompilerTests).
@Suite struct MalformedRuleCorpusTests {
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/malformed").path

    /// Rule files and manifests, relative to `directory` (`tests/` holds guideline test files, for the schema).
    static let fixtures: [String] = {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("tests/") }
            .sorted()
    }()

    /// Generated rule files (besides `GeneratedInput.shared`): an empty one, a value of 100 KB, a manifest
    /// listing a file name of 100 KB.
    static let generatedInputs: [GeneratedFixture] =
        GeneratedInput.shared + [
            .init("empty.yaml", { [] }, .init("rules.empty-file", at: 1, 1, "an empty file")),
            .init(
                "long-file-name/ruleset.yaml",
                {
                    GeneratedInput.text(
                        RuleScaffold.manifest(listing: ["facts.yaml", GeneratedInput.word(GeneratedInput.hundredKB)]))
                },
                .init("rules.missing-file", at: 7, 5, "a listed file name of 100 KB: the message quotes it shortened")),
            .init(
                "value-100kb.yaml",
                {
                    GeneratedInput.text(
                        "facts:\n  spine.level:\n    type: \(GeneratedInput.word(GeneratedInput.hundredKB))\n")
                },
                .init("rules.bad-type", at: 3, 11, "a type name of 100 KB: the message quotes it shortened")),
        ]

    /// Loads the ruleset around a fixture; passes the diagnostics and the fixture's path as diagnostics name it.
    func compile(_ fixture: String, bytes: [UInt8], _ body: (RulesetLoader.Result, String) throws -> Void) throws {
        let (files, fixtureFile) = RuleScaffold.files(around: fixture, text: String(decoding: bytes, as: UTF8.self))
        let directory = try writeTemporaryDirectory(files.filter { $0.key != fixtureFile })
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/\(fixtureFile)"))
        try body(RulesetLoader().load(directory: directory), "\(directory)/\(fixtureFile)")
    }

    @Test("the corpus is there, and every fixture says what it must give")
    func corpusIsComplete() throws {
        #expect(Self.fixtures.count + Self.generatedInputs.count >= 100)
        for fixture in Self.fixtures {
            let bytes = try #require(FileManager.default.contents(atPath: "\(Self.directory)/\(fixture)"))
            let expectation = CorpusExpectation.header(of: [UInt8](bytes))
            #expect(expectation?.code != nil, "\(fixture) needs a first line '# expect: code at line:column; what'")
        }
    }

    @Test("the scaffolding compiles with no errors on its own")
    func scaffoldingIsClean() throws {
        let valid = """
            rules:
              - id: pt-stable
                when: spine.pain == none and not spine.stabilized and not neuro.cord_compression
                recommend:
                  - action: physical-therapy
                    kind: recommended
                    text: physical therapy is safe
                cite: [fisher-2010]

            """
        try compile("valid.yaml", bytes: Array(valid.utf8)) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
            #expect(result.ruleset != nil)
        }
        try compile("valid/ruleset.yaml", bytes: Array(RuleScaffold.manifest(listing: ["facts.yaml"]).utf8)) {
            result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        }
    }

    @Test("each committed fixture gives its error at its place, and no ruleset", arguments: fixtures)
    func committedFixture(_ fixture: String) throws {
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: "\(Self.directory)/\(fixture)")))
        let expectation = try #require(CorpusExpectation.header(of: bytes), "no '# expect:' line in \(fixture)")
        try compile(fixture, bytes: bytes) { result, file in
            expectation.check(result.diagnostics, file: file)
            #expect(result.ruleset == nil)
        }
    }

    @Test("each generated input gives its error at its place, and no ruleset", arguments: generatedInputs)
    func generatedInput(_ input: GeneratedFixture) throws {
        try compile(input.name, bytes: input.bytes()) { result, file in
            input.expectation.check(result.diagnostics, file: file)
            #expect(result.ruleset == nil)
        }
    }
}
