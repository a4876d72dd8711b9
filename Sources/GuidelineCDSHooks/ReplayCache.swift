import Foundation
import Synchronization

/// The `jti` values of the client tokens seen, each kept until its token expires.
///
/// At most the longest token lifetime (one hour), so that a token can be used once. Thread-safe; bounded in size: when full even after
/// forgetting expired entries, a new token is refused (fail closed) rather than an unexpired entry forgotten.
package final class ReplayCache: Sendable {
    private struct State {
        var expiry: [String: Date] = [:]
        var lastPrune = Date.distantPast
    }

    private let state = Mutex(State())
    /// The most entries held.
    package let capacity: Int

    /// A cache holding at most `capacity` unexpired token ids.
    package init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// Records `id` (unique per issuer) until `expires`; false when it was already recorded and has not
    /// expired (a replay), or when the cache is full.
    package func insert(_ id: String, expires: Date, now: Date) -> Bool {
        state.withLock { state in
            if let seen = state.expiry[id], seen > now { return false }
            if state.expiry.count >= capacity || now.timeIntervalSince(state.lastPrune) > 60 {
                state.expiry = state.expiry.filter { $0.value > now }
                state.lastPrune = now
            }
            guard state.expiry.count < capacity else { return false }
            state.expiry[id] = expires
            return true
        }
    }

    /// The number of entries held (expired ones included until the next prune).
    package var count: Int { state.withLock { $0.expiry.count } }
}
