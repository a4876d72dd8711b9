import Foundation
import GuidelineAudit
import Testing

/// The canonical form, its parser, and feedback chained after a decision and shown with it.
@Suite("Audit record form")
struct RecordFormTests {
    @Test("canonical bytes sort keys, escape minimally and parse back to the same value")
    func canonicalRoundTrip() throws {
        let value = AuditJSON.object([
            "b": .array([.int(-12), .bool(true), .null, .string("tab\there \"quoted\" \\ é 🦴 \u{1}")]),
            "a": .object(["z": .string(""), "y": .int(0)]),
        ])
        let bytes = value.canonicalBytes
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"a":{"y":0,"z":""},"b":[-12,true,null,"tab\there \"quoted\" \\ é 🦴 \u0001"]}"#)
        #expect(AuditJSON.parse(bytes) == value)
        #expect(AuditJSON.parse(Array(#"{"s": "\ud83e\uddb4 \u00e9", "n": [ 1 , 2 ] }"#.utf8))?["s"]?.string == "🦴 é")
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "\"\\ud83e\"", "1.5", "tru", "{} x"] {
            #expect(AuditJSON.parse(Array(bad.utf8)) == nil, "parsed \(bad)")
        }
    }

    @Test("feedback is chained after its decision, found by card and listed by show", arguments: StoreBackend.all)
    func feedback(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store)
        let opened = try backend.open(store)
        let hasher = try #require(IdentifierHasher(key: testKey))
        let recorder = AuditRecorder(store: opened, hasher: hasher)
        var record = DecisionRecord(
            who: "cds-client", channel: "cds-hooks",
            ruleset: RecordedRuleset(id: "x", version: "1", fingerprint: "sha256:none", engine: "0"), facts: [:],
            patientHMAC: hasher.hash("patient-1", field: "patient"), hookInstance: "hook-1",
            cards: ["card-1", "card-2"], result: .object([:]))
        record.id = "decision-with-cards"
        try recorder.store.append([record.entry])
        let item = FeedbackRecord(
            id: "feedback-1", recorded: AuditClock.now(), who: "cds-client", service: "svc", card: "card-2",
            outcome: "overridden", acceptedSuggestions: [],
            overrideReason: .object(["display": .string("patient declined")]),
            outcomeTimestamp: "2026-12-03T10:00:00Z")
        try recorder.store.append([item.entry])
        let found = try opened.entries(referringTo: ["card-1", "card-2"])
        #expect(found.map(\.id) == ["feedback-1"])
        #expect(verify(store).stdout == "7 records verified: the chain is intact\n")
        // The decision's ruleset is not archived: show says so instead of inventing an explanation.
        let shown = show(store, id: "decision-with-cards")
        #expect(shown.exitCode == 1)
        #expect(shown.stderr.contains("[audit.ruleset-not-archived]"))
    }
}
