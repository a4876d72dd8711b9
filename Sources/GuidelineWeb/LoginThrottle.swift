import Foundation
import Synchronization

/// Limits failed logins per name: after ``limit`` failures within ``window``, that name is refused (429, whatever
/// the password) until the oldest of them is ``window`` old.
///
/// Counted per name asked for, whether or not a user has it, so that the answer does not tell which names exist;
/// checked before the password, so that a locked name costs no bcrypt check. A good login clears the name's
/// failures. At most ``capacity`` names are followed (those whose last failure is oldest are forgotten first), so a
/// flood of made-up names cannot grow it without bound. Kept in memory: a restart forgets it. A per-address limit
/// belongs to the proxy in front of the server, which sees the client's address.
final class LoginThrottle: Sendable {
    /// The failures a name may have within ``window``.
    let limit: Int
    /// How long a failure counts.
    let window: TimeInterval
    /// The most names followed.
    let capacity: Int
    /// The time now (the tests move it).
    private let clock: @Sendable () -> Date
    private let failures = Mutex<[String: [Date]]>([:])

    /// Creates a throttle: by default 5 failures within 15 minutes, 10,000 names.
    init(
        limit: Int = 5, window: TimeInterval = 15 * 60, capacity: Int = 10_000,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
        self.clock = clock
    }

    /// The seconds until `name` may try again, or nil when it may try now.
    func retryAfter(_ name: String) -> Int? {
        let now = clock()
        return failures.withLock { failures in
            let recent = (failures[name] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[name] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    /// Counts a failed login for `name`.
    func failed(_ name: String) {
        let now = clock()
        failures.withLock { failures in
            var recent = (failures[name] ?? []).filter { now.timeIntervalSince($0) < window }
            recent.append(now)
            // Only the last `limit` failures decide when the name may try again.
            failures[name] = Array(recent.suffix(limit))
            if failures.count > capacity,
                let stalest = failures.min(by: { ($0.value.last ?? now) < ($1.value.last ?? now) })?.key
            {
                failures[stalest] = nil
            }
        }
    }

    /// Clears `name`'s failures after a good login.
    func succeeded(_ name: String) {
        _ = failures.withLock { $0.removeValue(forKey: name) }
    }
}
