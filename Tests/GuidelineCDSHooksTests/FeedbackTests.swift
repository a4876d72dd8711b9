import Testing

@testable import GuidelineCDSHooks

/// The feedback endpoint's logic: parsing and idempotent storage.
@Suite struct FeedbackTests {
    static let body = """
        {"feedback": [
          {"card": "9368d37b-283f-44a0-93ea-547cebab93ed", "outcome": "accepted",
           "acceptedSuggestions": [{"id": "e56e1945-20b3-4393-8503-a1a20fd73152"}], "outcomeTimestamp": "2026-12-03T12:00:00Z"},
          {"card": "1111d37b-283f-44a0-93ea-547cebab93ed", "outcome": "overridden",
           "overrideReason": {"reason": {"system": "http://example.org/reasons", "code": "patient-declined", "display": "Patient declined"},
                              "userComment": "discussed"},
           "outcomeTimestamp": "2026-12-03T12:01:00.5+01:00"}
        ]}
        """

    @Test("accepted and overridden items are read with their suggestions and reasons")
    func parse() throws {
        let items = try Feedback.parse(Array(Self.body.utf8))
        #expect(items.map(\.outcome) == [.accepted, .overridden])
        #expect(items[0].acceptedSuggestions == ["e56e1945-20b3-4393-8503-a1a20fd73152"])
        #expect(
            items[1].overrideReason?.code == "patient-declined" && items[1].overrideReason?.userComment == "discussed")
    }

    @Test(
        "invalid feedback is refused",
        arguments: [
            #"{"feedback": []}"#,
            #"{"feedback": [{"outcome": "accepted", "outcomeTimestamp": "2026-12-03T12:00:00Z"}]}"#,
            #"{"feedback": [{"card": "c", "outcome": "ignored", "outcomeTimestamp": "2026-12-03T12:00:00Z"}]}"#,
            #"{"feedback": [{"card": "c", "outcome": "accepted", "outcomeTimestamp": "yesterday"}]}"#,
            #"{"feedback": [{"card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-12-03T12:00:00Z", "overrideReason": {"userComment": "x"}}]}"#,
            #"{"feedback": [{"card": "c", "outcome": "overridden", "outcomeTimestamp": "2026-12-03T12:00:00Z", "overrideReason": {}}]}"#,
            #"{"feedback": [{"card": "c", "outcome": "overridden", "outcomeTimestamp": "2026-12-03T12:00:00Z", "overrideReason": {"reason": {"display": "d"}}}]}"#,
        ])
    func invalid(body: String) {
        #expect(throws: CDSRequestError.self) { try Feedback.parse(Array(body.utf8)) }
    }

    @Test("storing is idempotent by card and outcome time; another time for the same card is new")
    func idempotent() async throws {
        let store = InMemoryFeedbackStore()
        let items = try Feedback.parse(Array(Self.body.utf8))
        #expect(try await store.store(items, service: "s") == 2)
        #expect(try await store.store(items, service: "s") == 0)
        var later = items[0]
        later.outcomeTimestamp = "2026-12-03T13:00:00Z"
        #expect(try await store.store([later], service: "s") == 1)
        #expect(try await store.store(items, service: "other") == 2)
        #expect(try await store.feedback(for: "s").count == 3)
    }

    @Test("RFC 3339 times are checked")
    func timestamps() {
        for good in ["2026-12-03T12:00:00Z", "2026-12-03t12:00:00.123z", "2026-12-03T12:00:00-05:00"] {
            #expect(Feedback.isRFC3339(good), "\(good)")
        }
        for bad in ["2026-12-03", "2026-12-03T12:00:00", "2026-12-03T12:00:00.Z", "2026-12-03T12:00:00+0500"] {
            #expect(!Feedback.isRFC3339(bad), "\(bad)")
        }
    }
}
