import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The `fhir:` key of fact declarations and the `summary:` key of recommendations (CDS Hooks, issue 17).
@Suite struct FHIRBindingTests {
    /// The base ruleset with `fhir:` lines added under the fact `name` (inserted after its `type:` line).
    static func files(binding lines: String, on name: String = "spine.stabilized") throws -> [String: [UInt8]] {
        let anchor = "  \(name):\n    type:"
        let main = try #require(BaseRuleset.main.range(of: anchor))
        let lineEnd = try #require(BaseRuleset.main[main.upperBound...].firstIndex(of: "\n"))
        var text = BaseRuleset.main
        text.insert(
            contentsOf: "\n    fhir:\n" + lines.split(separator: "\n").map { "      \($0)" }.joined(separator: "\n"),
            at: lineEnd)
        return ["ruleset.yaml": Array(BaseRuleset.manifest.utf8), "main.yaml": Array(text.utf8)]
    }

    static func load(_ files: [String: [UInt8]]) -> RulesetLoader.Result {
        RulesetLoader().load(files: files, directory: "memory")
    }

    @Test("the bundled guideline binds the platelet count to LOINC 777-3 and the SINS components to form items")
    func bundledBindings() throws {
        let result = RulesetLoader().load(directory: repositoryPath("Rules/spine-metastases"))
        let ruleset = try #require(result.ruleset, "\(result.rendered)")
        let facts = Dictionary(uniqueKeysWithValues: ruleset.facts.map { ($0.name, $0) })
        let platelets = try #require(facts["labs.platelets"]?.fhir)
        #expect(
            platelets.resource == .observation && platelets.system == "http://loinc.org" && platelets.code == "777-3")
        #expect(platelets.value == .valueQuantity)
        for name in [
            "spine.level", "spine.pain", "spine.bone_lesion", "spine.alignment", "spine.collapse",
            "spine.posterolateral",
        ] {
            let binding = try #require(facts[name]?.fhir, "\(name) is bound")
            #expect(binding.resource == .questionnaireResponse && binding.linkId == name)
        }
        #expect(!result.diagnostics.contains { $0.code.hasPrefix("rules.fhir") || $0.code == "rules.summary-too-long" })
    }

    @Test("an Observation binding without 'value' reads the element of the fact's type; a Condition binds a boolean")
    func defaults() throws {
        let condition = Self.load(
            try Self.files(binding: "resource: Condition\nsystem: http://snomed.info/sct\ncode: \"38341003\""))
        let fact = try #require(
            condition.ruleset?.facts.first { $0.name == "spine.stabilized" }, "\(condition.rendered)")
        #expect(
            fact.fhir
                == FHIRBinding(
                    resource: .condition, system: "http://snomed.info/sct", code: "38341003",
                    range: try #require(fact.fhir?.range)))
        #expect(fact.fhir?.token == "http://snomed.info/sct|38341003")
        let observation = Self.load(
            try Self.files(
                binding: "resource: Observation\nsystem: http://loinc.org\ncode: 777-3", on: "patient.life_expectancy"))
        #expect(
            observation.ruleset?.facts.first { $0.name == "patient.life_expectancy" }?.fhir?.value == .valueQuantity,
            "\(observation.rendered)")
    }

    @Test(
        "a bad binding is an error at its place, in the project's format",
        arguments: [
            (
                "resource: Observaton\nsystem: http://loinc.org\ncode: 777-3", "rules.fhir-unknown-resource",
                "did you mean 'Observation'?"
            ),
            (
                "resource: Condition\nsystem: http://snomed.info/sct", "rules.fhir-missing-code",
                "for example 'code: 777-3'"
            ),
            ("resource: QuestionnaireResponse", "rules.fhir-missing-code", "for example 'linkId: spine.stabilized'"),
            (
                "resource: Observation\nsystem: http://loinc.org\ncode: 777-3\nvalue: valueQuantity",
                "rules.fhir-type-mismatch", "'valueBoolean'"
            ),
            ("resource: Observation\nsystem: LOINC\ncode: 777-3", "rules.fhir-bad-system", "http://loinc.org"),
            ("resource: QuestionnaireResponse\nlinkId: a\ncode: b", "rules.key-not-applicable", ""),
        ])
    func badBinding(lines: String, code: String, help: String) throws {
        let result = Self.load(try Self.files(binding: lines))
        #expect(result.ruleset == nil)
        let diagnostic = try #require(result.diagnostics.first { $0.code == code }, "\(result.rendered)")
        #expect(diagnostic.range?.start.file == "memory/main.yaml")
        #expect(diagnostic.message.first?.isUppercase != true && diagnostic.message.last != ".")
        #expect(help.isEmpty || diagnostic.help.contains { $0.contains(help) }, "\(diagnostic.help)")
    }

    @Test("a Condition cannot give an enum fact")
    func conditionOnEnum() throws {
        let result = Self.load(
            try Self.files(
                binding: "resource: Condition\nsystem: http://snomed.info/sct\ncode: \"38341003\"", on: "spine.pain"))
        let diagnostic = try #require(
            result.diagnostics.first { $0.code == "rules.fhir-type-mismatch" }, "\(result.rendered)")
        #expect(diagnostic.message.contains("type enum"))
    }

    @Test("a binding is part of the fingerprint: changing its code changes it")
    func fingerprint() throws {
        let a = Self.load(
            try Self.files(
                binding: "resource: Observation\nsystem: http://loinc.org\ncode: 777-3", on: "patient.life_expectancy"))
        let b = Self.load(
            try Self.files(
                binding: "resource: Observation\nsystem: http://loinc.org\ncode: 26515-7", on: "patient.life_expectancy"
            ))
        let plain = Self.load(BaseRuleset.files.mapValues { Array($0.utf8) })
        let prints = [a, b, plain].compactMap { $0.ruleset?.fingerprint }
        #expect(Set(prints).count == 3, "\(a.rendered)\(b.rendered)")
    }

    @Test("a recommendation's summary is kept; one of 140 characters or more is an error at the summary")
    func summary() throws {
        func files(_ summary: String) -> [String: [UInt8]] {
            let main = BaseRuleset.main.replacingOccurrences(
                of: "        text: physical therapy is safe\n",
                with: "        text: physical therapy is safe\n        summary: \(summary)\n")
            return ["ruleset.yaml": Array(BaseRuleset.manifest.utf8), "main.yaml": Array(main.utf8)]
        }
        let short = Self.load(files("Physical therapy is safe"))
        let rule = try #require(short.ruleset?.rules.first { $0.id == "pt-stable" }, "\(short.rendered)")
        #expect(rule.recommendations.first?.declaration.summary == "Physical therapy is safe")
        let long = Self.load(files(String(repeating: "word ", count: 29)))
        let diagnostic = try #require(
            long.diagnostics.first { $0.code == "rules.summary-too-long" }, "\(long.rendered)")
        #expect(
            diagnostic.severity == .error && diagnostic.message.contains("has 144 characters")
                && diagnostic.message.contains("fewer than 140"))
        #expect(
            CardSummary.text(declared: nil, kind: .contraindicated, urgency: .urgent, actionTitle: "Physical therapy")
                == "Contraindicated, urgent: Physical therapy")
    }

    @Test("without a summary, a derived summary (kind and action title) of 140 characters or more is a warning")
    func derivedSummaryTooLong() throws {
        let manifest = BaseRuleset.manifest.replacingOccurrences(
            of: "    title: Physical therapy\n",
            with: "    title: \(String(repeating: "Physical therapy ", count: 8))\n")
        let result = Self.load(["ruleset.yaml": Array(manifest.utf8), "main.yaml": Array(BaseRuleset.main.utf8)])
        let warning = try #require(
            result.diagnostics.first { $0.code == "rules.summary-too-long" }, "\(result.rendered)")
        #expect(warning.severity == .warning && result.ruleset != nil)
    }
}
