import Synchronization

/// Where feedback is kept.
///
/// Storing is idempotent: the same card and outcome time reported again is stored once
/// (clients may send a card's feedback more than once). The audit store will implement this protocol.
package protocol FeedbackStore: Sendable {
    /// Stores `feedback` for `service`; returns how many items were new.
    @discardableResult
    func store(_ feedback: [Feedback], service: String) async throws -> Int

    /// Everything stored for `service`, in the order first stored.
    func feedback(for service: String) async throws -> [Feedback]
}

/// A ``FeedbackStore`` in memory, for tests and for a server without an audit store.
package final class InMemoryFeedbackStore: FeedbackStore {
    private struct State {
        var items: [String: [Feedback]] = [:]
        var seen: Set<String> = []
    }

    private let state = Mutex(State())

    /// An empty store.
    package init() {}

    /// Stores what is new; returns how many items were.
    @discardableResult
    package func store(_ feedback: [Feedback], service: String) async throws -> Int {
        state.withLock { state in
            var added = 0
            for item in feedback where state.seen.insert("\(service)\u{0}\(item.identity)").inserted {
                state.items[service, default: []].append(item)
                added += 1
            }
            return added
        }
    }

    /// Everything stored for `service`.
    package func feedback(for service: String) async throws -> [Feedback] {
        state.withLock { $0.items[service] ?? [] }
    }
}
