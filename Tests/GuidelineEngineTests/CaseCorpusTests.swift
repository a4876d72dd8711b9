import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import Testing

/// The case files under `Tests/Fixtures/cases`, decoded against the ruleset `Tests/Fixtures/valid`, and the
/// cases too large or too binary to commit, generated here: each invalid case must give its own error at its
/// own line and column (the `# expect:` first line of a YAML case, `expectations.txt` for JSON) and no input.
@Suite struct CaseCorpusTests {
    static let directory = repositoryRoot.appendingPathComponent("Tests/Fixtures/cases").path

    /// The case files (YAML and JSON), sorted.
    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }()

    /// What each JSON fixture must give (JSON has no comments).
    static let jsonExpectations: [String: CorpusExpectation] = {
        let text = (try? String(contentsOfFile: "\(directory)/expectations.txt", encoding: .utf8)) ?? ""
        return CorpusExpectation.manifest(text)
    }()

    /// Generated cases (besides `GeneratedInput.shared`): empty ones, a value of 100 KB, a number of 400 digits.
    static let generatedInputs: [GeneratedFixture] =
        GeneratedInput.shared + [
            .init("empty.yaml", { [] }, .init("case.empty", at: 1, 1, "an empty file")),
            .init("blank.json", { GeneratedInput.text("  \n") }, .init("case.empty", at: 1, 1, "blank")),
            .init(
                "value-100kb.json",
                {
                    GeneratedInput.text(
                        "{\"facts\": {\"spine.level\": \"\(GeneratedInput.word(GeneratedInput.hundredKB))\"}}")
                },
                .init("case.unknown-enum-value", at: 1, 27, "an enum value of 100 KB: the message quotes it shortened")),
            .init(
                "number-400-digits.yaml",
                { GeneratedInput.text("facts:\n  labs.albumin: -\(String(repeating: "9", count: 400))\n") },
                .init("case.invalid-number", at: 2, 17, "a negative number of 400 digits")),
        ]

    static let decoder: Result<CaseDecoder, Error> = Result {
        CaseDecoder(
            ruleset: try loadRuleset(directory: repositoryRoot.appendingPathComponent("Tests/Fixtures/valid").path))
    }

    /// Decodes `bytes` as the case file `name` and checks the outcome against `expectation`.
    func check(_ name: String, bytes: [UInt8], _ expectation: CorpusExpectation) throws {
        let outcome = try Self.decoder.get().decode(bytes: bytes, file: name)
        expectation.check(outcome.diagnostics, file: name)
        if expectation.code == nil {
            #expect(outcome.input != nil, "\(name) should decode: \(outcome.diagnostics.map(\.description))")
        } else {
            #expect(outcome.input == nil, "an invalid case yields no input")
        }
    }

    @Test("the corpus is there, and every case file says what it must give")
    func corpusIsComplete() {
        let invalid = Self.fixtures.filter { $0.hasPrefix("invalid-") }
        #expect(invalid.count + Self.generatedInputs.count >= 60)
        for fixture in Self.fixtures where fixture.hasSuffix(".json") && fixture.hasPrefix("invalid-") {
            #expect(Self.jsonExpectations[fixture] != nil, "\(fixture) needs a line in expectations.txt")
        }
        #expect(
            Set(Self.jsonExpectations.keys).isSubset(of: Self.fixtures),
            "expectations.txt names a file that is not there")
    }

    @Test("each case file gives its error at its place, or decodes when valid", arguments: fixtures)
    func committedFixture(_ fixture: String) throws {
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: "\(Self.directory)/\(fixture)")))
        let expectation: CorpusExpectation
        if fixture.hasPrefix("valid-") {
            expectation = try #require(CorpusExpectation("accepted; a valid case"))
        } else if fixture.hasSuffix(".json") {
            expectation = try #require(Self.jsonExpectations[fixture], "no line for \(fixture) in expectations.txt")
        } else {
            expectation = try #require(CorpusExpectation.header(of: bytes), "no '# expect:' line in \(fixture)")
        }
        try check(fixture, bytes: bytes, expectation)
    }

    @Test("each generated case gives its error at its place", arguments: generatedInputs)
    func generatedInput(_ input: GeneratedFixture) throws {
        try check(input.name, bytes: input.bytes(), input.expectation)
    }
}
