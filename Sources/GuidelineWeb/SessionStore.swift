import Foundation
import Synchronization

/// The page's sessions, in memory: a random token (the cookie) to the person logged in (nil before a login, and
/// always without a configuration file) and the session's CSRF token.
///
/// A session lasts ``lifetime`` from its last use; at most ``capacity`` are kept (the least recently used goes first),
/// so that anonymous visits cannot grow it without bound.
final class SessionStore: Sendable {
    /// One session.
    struct Session: Sendable {
        /// The cookie's value.
        var token: String
        /// Who logged in, or nil.
        var user: String?
        /// The token every form post and page request must carry.
        var csrf: String
        /// When it was last used.
        var used: Date
    }

    /// How long an unused session lasts.
    let lifetime: TimeInterval
    /// The most sessions kept.
    let capacity: Int
    private let sessions = Mutex<[String: Session]>([:])

    /// Creates a store.
    init(lifetime: TimeInterval = 8 * 3600, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// 32 random bytes as 64 hexadecimal digits (the system's cryptographic generator).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// The live session of `token`, its last use now; nil when there is none or it expired.
    func session(_ token: String?) -> Session? {
        guard let token, !token.isEmpty else { return nil }
        let now = Date()
        return sessions.withLock { sessions in
            guard var session = sessions[token] else { return nil }
            guard now.timeIntervalSince(session.used) < lifetime else {
                sessions[token] = nil
                return nil
            }
            session.used = now
            sessions[token] = session
            return session
        }
    }

    /// A new session for `user` (nil: not logged in).
    func create(user: String?) -> Session {
        let session = Session(token: Self.randomToken(), user: user, csrf: Self.randomToken(), used: Date())
        sessions.withLock { sessions in
            if sessions.count >= capacity {
                let now = Date()
                sessions = sessions.filter { now.timeIntervalSince($0.value.used) < lifetime }
                while sessions.count >= capacity, let oldest = sessions.min(by: { $0.value.used < $1.value.used }) {
                    sessions[oldest.key] = nil
                }
            }
            sessions[session.token] = session
        }
        return session
    }

    /// Ends a session.
    func remove(_ token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    /// Whether `given` is the session's CSRF token (compared in constant time).
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
