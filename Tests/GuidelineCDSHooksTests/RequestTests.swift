import Testing

@testable import GuidelineCDSHooks

/// Reading a CDS Hooks service call.
@Suite struct RequestTests {
    static let valid = """
        {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
         "fhirServer": "https://ehr.example.org/fhir",
         "fhirAuthorization": {"access_token": "secret", "token_type": "Bearer", "expires_in": 300, "scope": "user/Observation.read", "subject": "cds"},
         "context": {"userId": "Practitioner/1", "patientId": "1288992"},
         "prefetch": {"observation-777-3": null, "questionnaire-responses": {"resourceType": "Bundle", "type": "searchset"}},
         "extension": {"anything": true}}
        """

    @Test("a valid call is read with its context, authorization and prefetch (a null key kept as null)")
    func valid() throws {
        let request = try CDSRequest.parse(Array(Self.valid.utf8), expectedHook: .patientView)
        #expect(request.hook == .patientView && request.hookInstance == "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea")
        #expect(request.patientID == "1288992" && request.fhirServer == "https://ehr.example.org/fhir")
        #expect(request.fhirAuthorization?.accessToken == "secret" && request.fhirAuthorization?.expiresIn == 300)
        #expect(request.prefetch["observation-777-3"]?.isNull == true)
        #expect(request.prefetch["questionnaire-responses"]?.resourceType == "Bundle")
    }

    @Test(
        "an invalid call is refused with what is wrong",
        arguments: [
            (#"{"hook": "patient-view"#, "not valid JSON"),
            (#"[]"#, "must be a JSON object"),
            (#"{"hook": "patient-view", "hook": "order-select", "hookInstance": "a", "context": {}}"#, "appears twice"),
            (#"{"hookInstance": "a", "context": {"userId": "u", "patientId": "p"}}"#, "'hook' is required"),
            (
                #"{"hook": "order-sign", "hookInstance": "a", "context": {"userId": "u", "patientId": "p"}}"#,
                "unknown hook"
            ),
            (#"{"hook": "patient-view", "context": {"userId": "u", "patientId": "p"}}"#, "'hookInstance' is required"),
            (
                #"{"hook": "patient-view", "hookInstance": "a", "context": {"userId": "u"}}"#,
                "'context.patientId' is required"
            ),
            (
                #"{"hook": "order-select", "hookInstance": "a", "context": {"userId": "u", "patientId": "p", "selections": ["MedicationRequest/1"]}}"#,
                "'context.draftOrders' is required"
            ),
            (
                #"{"hook": "patient-view", "hookInstance": "a", "context": {"userId": "u", "patientId": "p"}, "fhirAuthorization": {"access_token": "t", "token_type": "Bearer", "expires_in": 1, "scope": "s", "subject": "c"}}"#,
                "'fhirServer' is required"
            ),
            (
                #"{"hook": "patient-view", "hookInstance": "a", "context": {"userId": "u", "patientId": "p"}, "prefetch": {"k": 3}}"#,
                "must be a FHIR resource or null"
            ),
        ])
    func invalid(body: String, message: String) {
        do {
            _ = try CDSRequest.parse(Array(body.utf8), expectedHook: nil)
            Issue.record("accepted: \(body)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.operationOutcome["resourceType"]?.string == "OperationOutcome")
        }
    }

    @Test("a call for another hook than the service's is refused")
    func wrongHook() {
        #expect(throws: CDSRequestError.self) {
            try CDSRequest.parse(Array(Self.valid.utf8), expectedHook: .orderSelect)
        }
    }

    @Test("numbers keep their text, strings their escapes, and JSON round-trips")
    func jsonText() throws {
        let text = #"{"a":0.10,"b":[1e3,-2],"c":"\u00e9\ud83d\ude00\n\"","d":{}}"#
        let value = try json(text)
        #expect(value["a"].map { if case .number(let n) = $0 { n } else { "" } } == "0.10")
        #expect(value["c"]?.string == "é😀\n\"")
        #expect(value.jsonText == #"{"a":0.10,"b":[1e3,-2],"c":"é😀\n\"","d":{}}"#)
        #expect(throws: Error.self) { try json(#""\ud83d""#) }
        #expect(throws: Error.self) { try json("01") }
    }
}
