import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The malformed corpus, relative to `Tests/Fixtures/malformed`. The compiler's side of it (each fixture's
/// error code and place, from the fixture's `# expect:` first line) is `MalformedRuleCorpusTests` in
/// GuidelineEngineTests; this is the schema's side.
enum MalformedCorpus {
    static let directory = repositoryPath("Tests/Fixtures/malformed")

    static let all: [String] = {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static let expression = "the error is inside an expression or a text template, which the schema sees as a string"
    static let crossReference =
        "the error is a reference between declarations (an id, a name, a source, an action), which the schema cannot follow"
    static let analysis = "the error is found by analysing scores and tables (gaps, overlaps, totals), beyond a schema"
    static let factValue =
        "the value is checked against its fact's type, range, values or unit, which the schema cannot relate"
    static let missingFile = "the schema sees one file; it cannot tell that a listed file does not exist"

    /// Fixtures whose error no JSON Schema can see, with the reason: the schema accepts them (the compiler
    /// rejects them). Every other fixture the schema must reject.
    static let beyondSchema: [String: String] = [
        "citation-unknown-source.yaml": crossReference,
        "expr-arity.yaml": expression,
        "expr-boolean-equals-number.yaml": expression,
        "expr-decimal-seven-places.yaml": expression,
        "expr-derived-cycle.yaml": crossReference,
        "expr-enum-plus-number.yaml": expression,
        "expr-integer-literal-overflow.yaml": expression,
        "expr-quantity-literal-overflow.yaml": expression,
        "expr-range-of-booleans.yaml": expression,
        "expr-syntax-dangling-operator.yaml": expression,
        "expr-template-unclosed-brace.yaml": expression,
        "expr-template-undeclared-name.yaml": expression,
        "expr-too-deep.yaml": expression,
        "expr-unbalanced-parenthesis.yaml": expression,
        "expr-undeclared-name-typo.yaml": expression,
        "expr-unit-mismatch.yaml": expression,
        "expr-unknown-enum-value.yaml": expression,
        "expr-unknown-function.yaml": expression,
        "expr-unknown-unit.yaml": expression,
        "expr-unordered-enum.yaml": expression,
        "fact-and-derived-same-name.yaml": crossReference,
        "fact-default-out-of-range.yaml": factValue,
        "fact-fhir-type-mismatch.yaml": factValue,
        "fact-default-seven-places.yaml": factValue,
        "fact-default-unknown-enum-value.yaml": factValue,
        "fact-default-wrong-dimension.yaml": factValue,
        "fact-range-empty.yaml": factValue,
        "manifest-missing-file/ruleset.yaml": missingFile,
        "rule-duplicate-id.yaml": crossReference,
        "rule-uncited.yaml": crossReference,
        "rule-unknown-action.yaml": crossReference,
        "rule-unless-not-boolean.yaml": expression,
        "score-band-gap-wide-range.yaml": analysis,
        "score-band-gap.yaml": analysis,
        "score-band-outside.yaml": analysis,
        "score-band-overlap.yaml": analysis,
        "score-component-on-integer.yaml": crossReference,
        "yaml-tag.yaml":
            "a schema sees the values a YAML reader built, tags honoured (PyYAML reads '!!str boolean' as the text boolean)",
        "score-component-undeclared-fact.yaml": crossReference,
        "score-option-gap.yaml": analysis,
        "score-option-overlap.yaml": analysis,
        "score-option-range-unordered.yaml": analysis,
        "score-option-unknown-value.yaml": crossReference,
        "score-totals-outside-range.yaml": analysis,
        "table-cell-unknown-value.yaml": expression,
        "table-gap.yaml": analysis,
        "table-output-type-mismatch.yaml": expression,
        "table-overlap.yaml": analysis,
        "table-row-unknown-input.yaml": crossReference,
        "table-undeclared-input.yaml": crossReference,
    ]
}

/// The schema validator's verdicts on the whole malformed corpus, from one run.
enum SchemaVerdicts {
    static let malformed: Result<(status: Int32, output: String), Error> = Result {
        try runSchemaValidator(["--auto", "--expect-invalid", MalformedCorpus.directory])
    }
}

@Suite("Schema and compiler parity")
struct SchemaParityTests {
    @Test("the corpus is there, and every fixture the schema cannot catch is one of it")
    func corpusIsComplete() {
        #expect(MalformedCorpus.all.count >= 100)
        #expect(Set(MalformedCorpus.beyondSchema.keys).isSubset(of: MalformedCorpus.all))
    }

    @Test(
        "the schema validator rejects every malformed fixture, except those beyond a schema",
        arguments: MalformedCorpus.all)
    func schemaRejects(_ fixture: String) throws {
        try requireSchemaTooling()
        let run = try SchemaVerdicts.malformed.get()
        let path = "\(MalformedCorpus.directory)/\(fixture)"
        let accepted = run.output.contains("\(path): accepted by")
        if let reason = MalformedCorpus.beyondSchema[fixture] {
            #expect(
                accepted,
                "listed as beyond the schema (\(reason)) but rejected by it; remove it from the list:\n\(run.output)")
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
