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
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("tests/") }.sorted()
    }()

    static let boolean = "    type: boolean\n    description: x\n"

    static let generatedInputs: [GeneratedFixture] = [
        GeneratedFixture(name: "empty.yaml", bytes: { [] }, expectation: .init("rules.empty-file", at: 1, 1, "an empty file")),
        GeneratedFixture(
            name: "binary.yaml", bytes: { GeneratedInput.binary },
            expectation: .init("yaml.invalid-utf8", at: 3, 115, "every byte value: 0x80 after the line breaks 0x0A and 0x0D")),
        GeneratedFixture(
            name: "utf16-le.yaml", bytes: { GeneratedInput.utf16("facts:\n  spine.level:\n\(boolean)") },
            expectation: .init("yaml.invalid-utf8", at: 1, 1, "UTF-16 little-endian with a byte-order mark")),
        GeneratedFixture(
            name: "utf16-be.yaml", bytes: { GeneratedInput.utf16("facts:\n  spine.level:\n\(boolean)", bigEndian: true) },
            expectation: .init("yaml.invalid-utf8", at: 1, 1, "UTF-16 big-endian with a byte-order mark")),
        GeneratedFixture(
            name: "utf16-no-mark.yaml", bytes: { GeneratedInput.utf16("facts: {}\n", byteOrderMark: false) },
            expectation: .init("yaml.control-character", at: 1, 2, "UTF-16 without a byte-order mark: NUL after every ASCII byte")),
        GeneratedFixture(
            name: "key-100kb.yaml", bytes: { Array("facts:\n  \(GeneratedInput.word(GeneratedInput.hundredKB)):\n\(boolean)".utf8) },
            expectation: .init("yaml.key-limit", at: 2, 3, "a fact name of 100 KB")),
        GeneratedFixture(
            name: "value-100kb.yaml",
            bytes: { Array("facts:\n  spine.level:\n    type: \(GeneratedInput.word(GeneratedInput.hundredKB))\n    description: x\n".utf8) },
            expectation: .init("rules.bad-type", at: 3, 11, "a type name of 100 KB: the message quotes it shortened")),
        GeneratedFixture(
            name: "lists-10000.yaml", bytes: { Array("facts: \(GeneratedInput.nestedLists(10_000))\n".utf8) },
            expectation: .init("yaml.depth-limit", at: 1, 71, "10,000 nested lists: the 64th is one too deep")),
        GeneratedFixture(
            name: "nodes-100001.yaml", bytes: { Array("facts: {}\nlist: \(GeneratedInput.flatList(100_001))\n".utf8) },
            expectation: .init("yaml.node-limit", at: 2, 199_998, "100,001 list items, more than the limit of 100,000 nodes")),
        GeneratedFixture(
            name: "size-4mib.yaml", bytes: { Array((GeneratedInput.comment(bytes: 4 * 1024 * 1024) + "facts: {}\n").utf8) },
            expectation: .init("yaml.size-limit", at: 1, 1, "a file over 4 MiB")),
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
        try compile("valid/ruleset.yaml", bytes: Array(RuleScaffold.manifest(listing: ["facts.yaml"]).utf8)) { result, _ in
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
