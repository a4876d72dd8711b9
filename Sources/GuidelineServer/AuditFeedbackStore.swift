import Foundation
import GuidelineAudit
import GuidelineCDSHooks

/// CDS Hooks feedback appended to the audit trail, each item chained after the decision whose card it names.
///
/// Idempotent as ``FeedbackStore`` asks: an item whose card, service and outcome time are already in the trail is
/// not appended again. The items of one request are appended in one transaction, durably, before the answer; a
/// failure to append is thrown, and the route answers 503. Each item names who sent it (``RequestAgent/current``:
/// the client token's `iss` and `sub`). The look-up and the append are one step under a lock, so the same item
/// sent twice at once is appended once by this process (several server instances sharing a PostgreSQL trail can
/// still each append it once: the store has no unique key on feedback items).
struct AuditFeedbackStore: FeedbackStore {
    let recorder: AuditRecorder
    /// Makes the look-up of what is stored and the append one step.
    private let serial = NSLock()
    /// The items stored by this process, for ``feedback(for:)``.
    let mirror = InMemoryFeedbackStore()

    @discardableResult
    func store(_ feedback: [Feedback], service: String) async throws -> Int {
        let count = try serial.withLock { try append(feedback, service: service) }
        try await mirror.store(feedback, service: service)
        return count
    }

    /// Appends the items of `feedback` not yet in the trail; how many.
    private func append(_ feedback: [Feedback], service: String) throws -> Int {
        var seen = Set<String>()
        for entry in try recorder.store.entries(referringTo: feedback.map(\.card)) {
            guard let body = AuditJSON.parse(entry.body), body["service"]?.string == service else { continue }
            seen.insert("\(body["card"]?.string ?? "")\u{0}\(body["outcomeTimestamp"]?.string ?? "")")
        }
        var records: [AuditEntry] = []
        for item in feedback where seen.insert(item.identity).inserted {
            var reason: [String: AuditJSON] = [:]
            if let given = item.overrideReason {
                reason["system"] = .optional(given.system)
                reason["code"] = .optional(given.code)
                reason["display"] = .optional(given.display)
                reason["userComment"] = .optional(given.userComment)
            }
            records.append(
                FeedbackRecord(
                    id: UUID().uuidString.lowercased(), recorded: AuditClock.now(), who: RequestAgent.current,
                    service: service,
                    card: item.card, outcome: item.outcome.rawValue, acceptedSuggestions: item.acceptedSuggestions,
                    overrideReason: item.overrideReason == nil ? .null : .object(reason),
                    outcomeTimestamp: item.outcomeTimestamp
                ).entry)
        }
        try recorder.store.append(records)
        return records.count
    }

    /// What this process stored, as the in-memory store keeps it (the trail holds everything).
    func feedback(for service: String) async throws -> [Feedback] {
        try await mirror.feedback(for: service)
    }
}
