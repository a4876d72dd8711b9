import Foundation
import Testing

/// Who each channel's decision records name, through the live server on loopback: the API key's name (REST), the
/// client token's `iss` and `sub` (CDS Hooks, feedback included), the person logged in (the page); and the
/// `Guideline-Decision-Id` header that names the record of an answer.
@Suite struct AuditWhoTests {
    static let patient = "PATIENT-WHO-0042"

    /// A patient-view call whose prefetch gives two facts (a QuestionnaireResponse).
    static let call = """
        {"hook":"patient-view","hookInstance":"\(UUID().uuidString.lowercased())",
        "context":{"userId":"Practitioner/1","patientId":"\(patient)"},
        "prefetch":{"observation-777-3":{"resourceType":"Bundle","type":"searchset","entry":[]},
        "questionnaire-responses":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":
        {"resourceType":"QuestionnaireResponse","id":"qr-1","status":"completed",
        "questionnaire":"https://guideline.example.org/Questionnaire/spine-metastases",
        "subject":{"reference":"Patient/\(patient)"},"authored":"2026-11-02T09:00:00Z","item":[
        {"linkId":"spine.level","answer":[{"valueCoding":{"code":"T12"}}]},
        {"linkId":"neuro.presentation","answer":[{"valueCoding":{"code":"suspected-mescc"}}]}]}}]}}}
        """

    @Test func eachChannelRecordsWhoAskedAndAnswersNameTheirRecord() throws {
        let trail = try AuditTrailServer()
        let server = try trail.start()
        let client = server.client

        // REST, with the key as a bearer token and as X-API-Key.
        var restDecisions: [String] = []
        for headers in [
            AuthenticationAndLimitTests.bearer(AuditTrailServer.apiKey), ["X-API-Key": AuditTrailServer.apiKey],
        ] {
            let answer = try client.request(
                "POST", AuditTrailServer.evaluatePath, headers: headers, text: #"{"facts":{"spine.level":"T12"}}"#)
            #expect(answer.status == 200)
            restDecisions.append(try #require(answer.headers["guideline-decision-id"]))
        }
        #expect(Set(restDecisions).count == 2)
        let invalid = try client.request(
            "POST", AuditTrailServer.evaluatePath, headers: AuthenticationAndLimitTests.bearer(AuditTrailServer.apiKey),
            text: #"{"facts":{"spine.level":"T99"}}"#)
        #expect(invalid.status == 422)
        #expect(invalid.headers["guideline-decision-id"] == nil, "no record, no decision id")

        // CDS Hooks: a call and feedback on its first card, each with its own client token.
        let service = "/cds-services/spine-metastases-patient-view"
        let cds = try client.request(
            "POST", service,
            headers: ["Authorization": "Bearer \(try trail.token(for: service))", "Content-Type": "application/json"],
            text: Self.call)
        #expect(cds.status == 200, "\(cds.text)")
        let cdsDecision = try #require(cds.headers["guideline-decision-id"])
        let cards = try #require(try cds.json()["cards"] as? [[String: Any]])
        let card = try #require(cards.first?["uuid"] as? String)
        let feedback = try client.request(
            "POST", service + "/feedback",
            headers: ["Authorization": "Bearer \(try trail.token(for: service + "/feedback"))"],
            text: #"{"feedback":[{"card":"\#(card)","outcome":"accepted","outcomeTimestamp":"2026-12-03T10:00:00Z"}]}"#)
        #expect(feedback.status == 200, "\(feedback.text)")

        // The page: log in, then post the form.
        let login = try client.request("GET", "/login")
        let anonymous = try #require(ClinicianPageHTTPTests.cookie(login))
        let loginToken = try #require(ClinicianPageHTTPTests.csrf(login.text))
        let loggedIn = try client.request(
            "POST", "/login", headers: ClinicianPageHTTPTests.form.merging(["Cookie": anonymous]) { $1 },
            text: "csrf=\(loginToken)&user=dr-lee&password=correct+horse")
        #expect(loggedIn.status == 303)
        let session = try #require(ClinicianPageHTTPTests.cookie(loggedIn))
        let page = try client.request("GET", "/rulesets/spine-metastases", headers: ["Cookie": session])
        let token = try #require(ClinicianPageHTTPTests.csrf(page.text))
        let result = try client.request(
            "POST", "/rulesets/spine-metastases/result",
            headers: ClinicianPageHTTPTests.form.merging(["Cookie": session, "X-CSRF-Token": token]) { $1 },
            text: "spine.level=L4")
        #expect(result.status == 200)
        server.stop()

        let entries = try trail.entries()
        for id in restDecisions {
            #expect(entries[id]?["who"]?.string == "api-key:ehr")
            #expect(entries[id]?["channel"]?.string == "rest")
        }
        #expect(entries[cdsDecision]?["who"]?.string == "jwt:https://ehr.example.org|client-7")
        #expect(entries[cdsDecision]?["channel"]?.string == "cds-hooks")
        #expect(entries[cdsDecision]?["cards"]?.array?.compactMap(\.string) == cards.compactMap { $0["uuid"] as? String })
        let feedbackEntries = entries.values.filter { $0["kind"]?.string == "feedback" }
        #expect(feedbackEntries.count == 1)
        #expect(feedbackEntries.first?["who"]?.string == "jwt:https://ehr.example.org|client-7")
        #expect(feedbackEntries.first?["card"]?.string == card)
        let pageEntries = entries.values.filter { $0["channel"]?.string == "page" }
        #expect(pageEntries.contains { $0["facts"]?["spine.level"]?.string == "L4" }, "the posted form is recorded")
        #expect(pageEntries.allSatisfy { $0["who"]?.string == "page-user:dr-lee" })
        // The empty form the page showed first is no decision: only the posted one is recorded.
        #expect(pageEntries.count == 1)
        // Neither the key, the token nor the patient id is in the trail.
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += FileManager.default.contents(atPath: trail.store + suffix) ?? Data() }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains(AuditTrailServer.apiKey))
        #expect(!text.contains(Self.patient))
    }
}
