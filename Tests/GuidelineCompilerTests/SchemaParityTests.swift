import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The malformed corpus, relative to `Tests/Fixtures/malformed`.
enum MalformedCorpus {
    static let directory = repositoryPath("Tests/Fixtures/malformed")

    static let all: [String] = {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Rule files and manifests: the compiler can check them on its own.
    static let compilable = all.filter { !isTestFile($0) }

    /// `tests/` files need `GuidelineTestSuite` from GuidelineEngine, which this test target does not depend
    /// on; they are checked against the schema only.
    static func isTestFile(_ path: String) -> Bool { path.hasPrefix("tests/") }

    static func isManifest(_ path: String) -> Bool { path.hasSuffix("/ruleset.yaml") }

    /// Fixtures that the current language no longer treats as errors, with the reason. Both the compiler and
    /// the schema must accept them (the compiler with the warning given).
    /// (None at present: an undated source, once here, is now a warning, tested on the bundled ruleset.)
    static let acceptedWithWarning: [String: (code: String, reason: String)] = [:]

    /// The error each fixture is about: the compiler must report this code in the fixture's own file.
    static let expectedCode: [String: String] = [
        "citation-as-number.yaml": "rules.unknown-source",
        "citation-not-a-list.yaml": "rules.unknown-key",
        "citation-unknown-key.yaml": "rules.unknown-key",
        "derived-expression-key.yaml": "rules.unknown-key",
        "derived-without-value.yaml": "rules.missing-key",
        "fact-bad-range.yaml": "rules.bad-range",
        "fact-bad-type-name.yaml": "rules.bad-type",
        "fact-boolean-default-yes.yaml": "case.wrong-type",
        "fact-duplicate-name.yaml": "yaml.duplicate-key",
        "fact-enum-empty-values.yaml": "rules.empty-enum",
        "fact-enum-no-values.yaml": "rules.missing-key",
        "fact-enum-value-with-space.yaml": "rules.bad-enum-value",
        "fact-enum-values-numbers.yaml": "rules.bad-enum-value",
        "fact-integer-default-leading-zero.yaml": "case.wrong-type",
        "fact-missing-description.yaml": "rules.missing-key",
        "fact-missing-type.yaml": "rules.missing-key",
        "fact-name-uppercase.yaml": "rules.bad-name",
        "fact-quantity-unknown-unit.yaml": "rules.unknown-unit",
        "fact-quantity-without-unit.yaml": "rules.missing-key",
        "fact-unit-on-integer.yaml": "rules.key-not-applicable",
        "fact-unknown-key-descripton.yaml": "rules.unknown-key",
        "fact-values-on-boolean.yaml": "rules.key-not-applicable",
        "manifest-action-without-title/ruleset.yaml": "rules.missing-key",
        "manifest-bad-conflicts/ruleset.yaml": "rules.bad-value",
        "manifest-source-without-authors/ruleset.yaml": "rules.missing-key",
        "manifest-unknown-key-action/ruleset.yaml": "rules.unknown-key",
        "manifest-version-number/ruleset.yaml": "rules.expected-text",
        "manifest-without-files/ruleset.yaml": "rules.missing-key",
        "manifest-year-string/ruleset.yaml": "rules.expected-integer",
        "recommend-not-a-list.yaml": "rules.expected-list",
        "recommendation-bad-kind.yaml": "rules.bad-value",
        "recommendation-bad-urgency.yaml": "rules.bad-value",
        "recommendation-missing-action.yaml": "rules.missing-key",
        "recommendation-missing-text.yaml": "rules.missing-key",
        "rule-id-with-spaces.yaml": "rules.bad-id",
        "rule-unknown-key.yaml": "rules.unknown-key",
        "rule-when-mapping.yaml": "rules.expected-text",
        "rule-without-id.yaml": "rules.missing-key",
        "rule-without-recommend.yaml": "rules.missing-key",
        "rule-without-when.yaml": "rules.missing-key",
        "rules-not-a-list.yaml": "rules.expected-list",
        "score-band-bad-range.yaml": "rules.bad-range",
        "score-band-not-a-mapping.yaml": "rules.expected-mapping",
        "score-component-missing-fact.yaml": "rules.missing-key",
        "score-points-not-integer.yaml": "rules.expected-integer",
        "score-without-components.yaml": "rules.missing-key",
        "table-bad-hit-policy.yaml": "rules.bad-value",
        "table-complete-yes.yaml": "rules.expected-boolean",
        "table-inputs-not-a-list.yaml": "rules.expected-list",
        "table-row-without-then.yaml": "rules.missing-key",
        "top-level-typo-rule.yaml": "rules.unknown-key",
    ]
}

/// The scaffolding around a fixture: a valid manifest and a valid rule file, each of which compiles cleanly
/// with the other (see `scaffoldingIsClean`), so that errors come from the fixture.
enum Scaffold {
    static let manifestHeader = """
        ruleset:
          id: demo
          title: Demo
          version: 1.0.0
        files:

        """

    static let manifestTail = """
        actions:
          physical-therapy:
            title: Physical therapy
        sources:
          fisher-2010:
            title: A novel classification system
            authors: [Fisher CG]
            year: 2010

        """

    static func manifest(listing files: [String]) -> String {
        manifestHeader + files.map { "  - \($0)\n" }.joined() + manifestTail
    }

    /// Facts the rule-file fixtures read (each added unless the fixture declares it itself).
    static let facts: [(name: String, text: String)] = [
        ("spine.pain", "    type: enum\n    values: [mechanical, occasional, none]\n    description: pain character\n"),
        ("spine.stabilized", "    type: boolean\n    description: surgical stabilisation has been done\n"),
        ("neuro.cord_compression", "    type: boolean\n    description: MRI shows epidural spinal cord compression\n"),
    ]

    /// A rule file declaring the facts that `fixture` (its text) does not declare.
    static func supportFile(for fixture: String) -> String {
        let missing = facts.filter { !fixture.contains("\n  \($0.name):") }
        guard !missing.isEmpty else { return "{}\n" }
        return "facts:\n" + missing.map { "  \($0.name):\n\($0.text)" }.joined()
    }

    /// The valid rule file the manifest fixtures list as `facts.yaml`.
    static let ruleFile = """
        facts:
          spine.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain character
        rules:
          - id: pt-stable
            when: spine.pain == none
            recommend:
              - action: physical-therapy
                kind: recommended
                text: physical therapy is safe
            cite: [fisher-2010]

        """

    /// The files of a ruleset around `fixture` (a path in the corpus) and the file the fixture became.
    static func files(around fixture: String, text: String) -> (files: [String: String], fixtureFile: String) {
        if MalformedCorpus.isManifest(fixture) {
            return (["ruleset.yaml": text, "facts.yaml": ruleFile], "ruleset.yaml")
        }
        let name = (fixture as NSString).lastPathComponent
        return (["ruleset.yaml": manifest(listing: ["support.yaml", name]), "support.yaml": supportFile(for: text), name: text], name)
    }
}

/// The schema validator's verdicts on the whole malformed corpus, from one run.
enum SchemaVerdicts {
    static let malformed: Result<(status: Int32, output: String), Error> = Result {
        try runSchemaValidator(["--auto", "--expect-invalid", MalformedCorpus.directory])
    }
}

@Suite("Schema and compiler parity")
struct SchemaParityTests {
    @Test("the corpus is there, and every rule-file or manifest fixture has an expected error code")
    func corpusIsComplete() {
        #expect(MalformedCorpus.all.count >= 50)
        let listed = Set(MalformedCorpus.expectedCode.keys).union(MalformedCorpus.acceptedWithWarning.keys)
        #expect(Set(MalformedCorpus.compilable) == listed)
    }

    @Test("the scaffolding compiles with no errors on its own")
    func scaffoldingIsClean() throws {
        // A valid rule file in place of a rule-file fixture: reads every fact of the support file.
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
        let (files, _) = Scaffold.files(around: "valid.yaml", text: valid)
        try loadRuleset(files) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
            #expect(result.compiled)
        }
        // A valid manifest in place of a manifest fixture.
        try loadRuleset(["ruleset.yaml": Scaffold.manifest(listing: ["facts.yaml"]), "facts.yaml": Scaffold.ruleFile]) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
        }
    }

    @Test("the compiler reports the fixture's error, in the fixture", arguments: MalformedCorpus.compilable)
    func compilerRejects(_ fixture: String) throws {
        let text = try String(contentsOfFile: "\(MalformedCorpus.directory)/\(fixture)", encoding: .utf8)
        let (files, fixtureFile) = Scaffold.files(around: fixture, text: text)
        try loadRuleset(files) { result, directory in
            let inFixture = result.errors.filter { $0.range?.start.file == "\(directory)/\(fixtureFile)" }
            if let accepted = MalformedCorpus.acceptedWithWarning[fixture] {
                #expect(result.errors.isEmpty, "\(accepted.reason)\n\(result.rendered)")
                #expect(result.warnings.map(\.code).contains(accepted.code), "\(result.rendered)")
                return
            }
            #expect(!inFixture.isEmpty, "no error in the fixture:\n\(result.rendered)")
            #expect(!result.compiled)
            let code = try #require(MalformedCorpus.expectedCode[fixture])
            #expect(inFixture.map(\.code).contains(code), "expected \(code):\n\(result.rendered)")
        }
    }

    @Test("the schema validator rejects every malformed fixture", arguments: MalformedCorpus.all)
    func schemaRejects(_ fixture: String) throws {
        try requireSchemaTooling()
        let run = try SchemaVerdicts.malformed.get()
        let path = "\(MalformedCorpus.directory)/\(fixture)"
        let accepted = run.output.contains("\(path): accepted by")
        if let reason = MalformedCorpus.acceptedWithWarning[fixture]?.reason {
            #expect(accepted, "the schema should accept it: \(reason)\n\(run.output)")
        } else {
            #expect(!accepted, "accepted by the schema:\n\(run.output)")
            #expect(run.output.split(separator: "\n").contains { $0.hasPrefix("\(path): ") }, "\(run.output)")
        }
    }

    @Test("every file under Rules/ and Tests/Fixtures/valid passes the schema validator")
    func schemaAcceptsValid() throws {
        try requireSchemaTooling()
        let run = try runSchemaValidator(["--auto", repositoryPath("Rules"), repositoryPath("Tests/Fixtures/valid")])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains(" files valid"), "\(run.output)")
    }
}
