import Foundation
import GuidelineCompiler
import GuidelineEngine

@testable import GuidelineCDSHooks

/// The repository root (this file is Tests/GuidelineCDSHooksTests/CDSTestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A small ruleset with one fact of each binding kind and one unbound fact.
enum CDSFixture {
    static let manifest = """
        ruleset:
          id: cds-demo
          title: CDS demo
          version: 1.0.0
          description: platelets, a condition and a form item
        files:
          - main.yaml
        actions:
          physical-therapy:
            title: Physical therapy
          blood-pressure-review:
            title: Blood pressure review
        sources:
          fisher-2010:
            title: A novel classification system for spinal instability in neoplastic disease
            authors: [Fisher CG, DiPaola CP]
            year: 2010
            doi: 10.1097/BRS.0b013e3181e16ae2
          seed-002:
            title: Physical therapy for bone metastases
            organization: Dr.Oracle
            date: 2025-12-17
            url: https://example.org/seed-002

        """

    static let main = """
        facts:
          labs.platelets:
            type: quantity
            unit: /uL
            range: 0 /uL..5000000 /uL
            description: platelet count
            fhir: {resource: Observation, system: http://loinc.org, code: 777-3}
          patient.hypertension:
            type: boolean
            description: hypertension
            fhir: {resource: Condition, system: http://snomed.info/sct, code: "38341003"}
          spine.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain character
            fhir: {resource: QuestionnaireResponse, linkId: spine.pain}
          spine.stabilized:
            type: boolean
            description: surgical stabilisation has been done
        rules:
          - id: pt-caution-low-platelets
            when: labs.platelets < 50000 /uL
            recommend:
              - action: physical-therapy
                kind: caution
                text: Platelet count {labs.platelets} is below 50,000/uL
                cite:
                  - source: seed-002
                    section: Contraindications and Precautions
                    quote: "platelet count <50,000/μL"
          - id: pt-contraindicated-mechanical
            when: spine.pain == mechanical
            unless: spine.stabilized
            recommend:
              - action: physical-therapy
                kind: contraindicated
                urgency: urgent
                text: mechanical pain; no physical therapy until stabilisation
                summary: No physical therapy until the spine is stabilised
            cite: [fisher-2010]
          - id: bp-review
            when: patient.hypertension
            recommend:
              - action: blood-pressure-review
                kind: recommended
                text: review blood pressure
            cite: [seed-002]

        """

    static let ruleset: CompiledRuleset = {
        let result = RulesetLoader().load(
            files: ["ruleset.yaml": Array(manifest.utf8), "main.yaml": Array(main.utf8)], directory: "cds-demo")
        guard let ruleset = result.ruleset else {
            fatalError("the fixture does not compile: \(result.diagnostics.map(\.message))")
        }
        return ruleset
    }()

    static let bundled: CompiledRuleset = {
        let result = RulesetLoader().load(
            directory: repositoryRoot.appendingPathComponent("Rules/spine-metastases").path)
        guard let ruleset = result.ruleset else { fatalError("the bundled guideline does not compile") }
        return ruleset
    }()
}

/// Parses JSON text written by a test.
func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

/// A searchset Bundle of `resources`.
func bundle(_ resources: [String]) -> String {
    "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [\(resources.map { "{\"resource\": \($0)}" }.joined(separator: ","))]}"
}

func observation(
    id: String, value: String, unit: String = "/uL", date: String = "2026-11-01T10:00:00Z", status: String = "final"
) -> String {
    """
    {"resourceType": "Observation", "id": "\(id)", "status": "\(status)", "effectiveDateTime": "\(date)",
     "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
     "valueQuantity": {"value": \(value), "unit": "\(unit)", "system": "http://unitsofmeasure.org", "code": "\(unit)"}}
    """
}

func condition(id: String, clinical: String, verification: String) -> String {
    """
    {"resourceType": "Condition", "id": "\(id)",
     "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "\(clinical)"}]},
     "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "\(verification)"}]},
     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "38341003"}]}}
    """
}

func questionnaireResponse(
    id: String, linkId: String = "spine.pain", code: String, authored: String = "2026-11-02T09:00:00Z"
) -> String {
    """
    {"resourceType": "QuestionnaireResponse", "id": "\(id)", "status": "completed", "authored": "\(authored)",
     "item": [{"linkId": "spine", "item": [{"linkId": "\(linkId)", "answer": [{"valueCoding": {"code": "\(code)"}}]}]}]}
    """
}

/// The prefetch object of `members` (JSON text per key).
func prefetch(_ members: [String: String]) throws -> [String: JSONValue] {
    try members.mapValues { try json($0) }
}

/// Every place in `value` that holds `null`, `""`, `[]` or `{}`, as paths.
func emptyPlaces(in value: JSONValue, path: String = "$") -> [String] {
    switch value {
    case .null: return [path]
    case .string(let text): return text.isEmpty ? [path] : []
    case .bool, .number: return []
    case .array(let items):
        return items.isEmpty
            ? [path] : items.enumerated().flatMap { emptyPlaces(in: $0.element, path: "\(path)[\($0.offset)]") }
    case .object(let members):
        return members.isEmpty ? [path] : members.flatMap { emptyPlaces(in: $0.value, path: "\(path).\($0.key)") }
    }
}
