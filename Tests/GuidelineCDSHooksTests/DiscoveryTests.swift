import Testing

@testable import GuidelineCDSHooks

/// `GET /cds-services`: one service per ruleset and hook, prefetch templates from the FHIR bindings.
@Suite struct DiscoveryTests {
    @Test("the bundled guideline is served on patient-view and order-select with templates from its bindings")
    func bundled() throws {
        let services = CDSService.services(for: [CDSFixture.bundled])
        #expect(services.map(\.id) == ["spine-metastases-patient-view", "spine-metastases-order-select"])
        let entry = services[0].discoveryEntry
        #expect(entry["hook"]?.string == "patient-view")
        #expect(entry["title"]?.string == "Management of spinal and bone metastases")
        #expect(entry["description"]?.string?.contains(CDSFixture.bundled.fingerprint) == true)
        #expect(entry["version"]?.string == "STU2" && entry["hookVersion"]?.string == "1.0")
        let prefetch = try #require(entry["prefetch"]?.members)
        #expect(prefetch.map(\.key) == ["observation-777-3", "questionnaire-responses"])
        #expect(
            entry["prefetch"]?["observation-777-3"]?.string
                == "Observation?patient={{context.patientId}}&code=http://loinc.org|777-3&_sort=-date&_count=1")
        #expect(
            entry["prefetch"]?["questionnaire-responses"]?.string
                == "QuestionnaireResponse?patient={{context.patientId}}&status=completed&_sort=-authored")
        #expect(services[1].discoveryEntry["hook"]?.string == "order-select")
    }

    @Test("one template per code, one for all form items, each listing the facts it gives")
    func templates() {
        let templates = PrefetchTemplate.templates(for: CDSFixture.ruleset)
        #expect(templates.map(\.key) == ["condition-38341003", "observation-777-3", "questionnaire-responses"])
        #expect(templates[0].query == "Condition?patient={{context.patientId}}&code=http://snomed.info/sct|38341003")
        #expect(templates.map(\.facts) == [["patient.hypertension"], ["labs.platelets"], ["spine.pain"]])
    }

    @Test("a template is resolved against the context, its values percent-encoded; a missing token gives nil")
    func resolve() {
        let template = PrefetchTemplate.templates(for: CDSFixture.ruleset)[1]
        #expect(
            template.resolved(context: ["patientId": "p 1&x"])
                == "Observation?patient=p%201%26x&code=http://loinc.org|777-3&_sort=-date&_count=1")
        #expect(template.resolved(context: [:]) == nil)
    }

    @Test("no ruleset: an empty list of services, as the specification requires")
    func empty() {
        #expect(CDSService.discovery([]).jsonText == #"{"services":[]}"#)
    }
}
