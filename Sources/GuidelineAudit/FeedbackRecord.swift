/// Feedback on a decision's card, as the trail keeps it: a CDS Hooks client's `accepted` or `overridden`, with
/// the suggestions accepted or the override reason.
package struct FeedbackRecord: Sendable, Hashable {
    /// The entry's own id.
    package var id: String
    /// When it was recorded.
    package var recorded: String
    /// Who sent it.
    package var who: String
    /// The CDS service it was sent to.
    package var service: String
    /// The card's uuid (its decision's record lists it).
    package var card: String
    /// `accepted` or `overridden`.
    package var outcome: String
    /// The uuids of the suggestions accepted.
    package var acceptedSuggestions: [String]
    /// The override reason's code and display and the user's comment, as given.
    package var overrideReason: AuditJSON
    /// When the clinician acted (the client's `outcomeTimestamp`).
    package var outcomeTimestamp: String

    /// Creates a record.
    package init(
        id: String, recorded: String, who: String, service: String, card: String, outcome: String,
        acceptedSuggestions: [String], overrideReason: AuditJSON, outcomeTimestamp: String
    ) {
        self.id = id
        self.recorded = recorded
        self.who = who
        self.service = service
        self.card = card
        self.outcome = outcome
        self.acceptedSuggestions = acceptedSuggestions
        self.overrideReason = overrideReason
        self.outcomeTimestamp = outcomeTimestamp
    }

    /// The record as an entry of the trail.
    package var entry: AuditEntry {
        AuditEntry(
            kind: .feedback, id: id, recorded: recorded, fingerprint: nil, refs: [card],
            body: .object([
                "kind": .string(AuditEntry.Kind.feedback.rawValue), "id": .string(id), "recorded": .string(recorded),
                "who": .string(who), "channel": .string("cds-hooks"), "service": .string(service),
                "card": .string(card), "outcome": .string(outcome),
                "acceptedSuggestions": .array(acceptedSuggestions.map(AuditJSON.string)),
                "overrideReason": overrideReason, "outcomeTimestamp": .string(outcomeTimestamp),
            ]))
    }
}
