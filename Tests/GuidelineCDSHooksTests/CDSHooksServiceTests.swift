import Testing

@testable import GuidelineCDSHooks

/// A whole service call for the bundled guideline, without HTTP: prepare, fetch what is missing, answer.
@Suite struct CDSHooksServiceTests {
    static let hooks = CDSHooksService(rulesets: [CDSFixture.bundled])

    static func body(prefetch: String? = nil, hook: String = "patient-view") -> [UInt8] {
        let members = prefetch.map { ", \"prefetch\": \($0)" } ?? ""
        return Array(
            """
            {"hook": "\(hook)", "hookInstance": "0b8f7d3e-4c1a-4f5e-9a2b-7c6d5e4f3a21", "fhirServer": "https://ehr.example.org/fhir",
             "context": {"userId": "Practitioner/1", "patientId": "p-42"}\(members)}
            """.utf8)
    }

    static let form = """
        {"resourceType": "QuestionnaireResponse", "id": "sins", "status": "completed", "authored": "2026-12-01T08:00:00Z",
         "item": [
           {"linkId": "spine.level", "answer": [{"valueCoding": {"code": "T12"}}]},
           {"linkId": "spine.pain", "answer": [{"valueCoding": {"code": "mechanical"}}]},
           {"linkId": "spine.bone_lesion", "answer": [{"valueCoding": {"code": "lytic"}}]},
           {"linkId": "spine.alignment", "answer": [{"valueCoding": {"code": "subluxation"}}]},
           {"linkId": "spine.collapse", "answer": [{"valueCoding": {"code": "over-50"}}]},
           {"linkId": "spine.posterolateral", "answer": [{"valueCoding": {"code": "bilateral"}}]},
           {"linkId": "spine.stabilized", "answer": [{"valueBoolean": false}]}
         ]}
        """

    @Test("an unknown service is 404 and a bad body 400, each with an OperationOutcome")
    func errors() {
        #expect(throws: CDSCallError.self) { try Self.hooks.prepare(serviceID: "nope", body: Self.body()) }
        do {
            _ = try Self.hooks.prepare(
                serviceID: "spine-metastases-patient-view", body: Self.body(hook: "order-select"))
            Issue.record("accepted")
        } catch {
            #expect(error.status == 400 && error.body["resourceType"]?.string == "OperationOutcome")
        }
    }

    @Test("without prefetch the service is told what to fetch, with the patient filled in; nothing obtained is 412")
    func fetchThen412() throws {
        let call = try Self.hooks.prepare(serviceID: "spine-metastases-patient-view", body: Self.body())
        #expect(
            call.fetch.map(\.query) == [
                "Observation?patient=p-42&code=http://loinc.org|777-3&_sort=-date&_count=1",
                "QuestionnaireResponse?patient=p-42&status=completed&_sort=-authored",
            ])
        let answer = Self.hooks.answer(call)
        #expect(answer.status == 412 && answer.body["resourceType"]?.string == "OperationOutcome")
        #expect(answer.body.jsonText.contains("labs.platelets: prefetch 'observation-777-3' was not sent"))
    }

    @Test("a form with the SINS components of an unstable lesion gives a critical card against physical therapy")
    func unstableSpine() throws {
        let call = try Self.hooks.prepare(
            serviceID: "spine-metastases-patient-view",
            body: Self.body(prefetch: "{\"questionnaire-responses\": \(bundle([Self.form]))}"))
        #expect(call.fetch.map(\.template.key) == ["observation-777-3"])
        let answer = Self.hooks.answer(call, fetched: ["observation-777-3": .null])
        #expect(answer.status == 200)
        #expect(answer.facts.obtained.count == 7)
        let cards = try #require(answer.body["cards"]?.array)
        let pt = try #require(
            cards.first { $0["summary"]?.string?.hasSuffix("Physical therapy (exercise programme)") == true })
        #expect(pt["summary"]?.string?.hasPrefix("Contraindicated") == true && pt["indicator"]?.string == "critical")
        #expect(
            pt["detail"]?.string?.contains("sins.band (unstable) == unstable") == true, "\(pt["detail"]?.string ?? "")")
        #expect(emptyPlaces(in: answer.body).isEmpty)
        let again = Self.hooks.answer(call, fetched: ["observation-777-3": .null])
        #expect(again.body.jsonText == answer.body.jsonText, "deterministic")
    }
}
