import Crypto
import Foundation

/// An API key of the REST API as the configuration stores it: a name, the SHA-256 hash of the key (never the
/// key itself) and the roles it grants.
package struct APIKey: Sendable, Equatable {
    /// What a key may do.
    package enum Role: String, Sendable, CaseIterable {
        /// Read rulesets and evaluate cases and batches.
        case evaluate
        /// Read the metrics (and, later, the audit trail).
        case audit
    }

    /// The key's name, for the configuration and the request log (never the key).
    package var name: String
    /// The SHA-256 hash of the key, 32 bytes.
    package var hash: [UInt8]
    /// The roles it grants.
    package var roles: Set<Role>

    /// Creates a key entry from its hash.
    package init(name: String, hash: [UInt8], roles: Set<Role>) {
        self.name = name
        self.hash = hash
        self.roles = roles
    }

    /// The SHA-256 hash of a key as sent (its UTF-8 bytes).
    package static func hash(of key: some StringProtocol) -> [UInt8] {
        Array(SHA256.hash(data: Array(key.utf8)))
    }

    /// The hash as lowercase hexadecimal, as the configuration writes it.
    package static func hex(_ hash: [UInt8]) -> String {
        hash.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    /// The bytes of 64 hexadecimal digits, or nil.
    package static func bytes(ofHex text: String) -> [UInt8]? {
        let digits = Array(text.lowercased().utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    /// The key among `keys` whose hash is the hash of `presented`, compared in constant time per key (every
    /// key is compared, so the time does not tell which one matched).
    package static func match(_ presented: some StringProtocol, in keys: [APIKey]) -> APIKey? {
        let hash = hash(of: presented)
        var found: APIKey?
        for key in keys {
            var difference: UInt8 = key.hash.count == hash.count ? 0 : 1
            for (a, b) in zip(key.hash, hash) { difference |= a ^ b }
            if difference == 0, found == nil { found = key }
        }
        return found
    }

    /// What checking a request's credentials gave.
    package enum Decision: Equatable, Sendable {
        /// The key is known and has the role (``allowedKey`` names it).
        case allowed
        /// No key, or an unknown one (401).
        case unauthenticated
        /// A known key without the role (403).
        case forbidden
    }

    /// Checks the credentials (an `Authorization: Bearer` header or an `X-API-Key` header) against `keys` for `role`.
    package static func decide(authorization: String?, apiKey: String?, keys: [APIKey], role: APIKey.Role?) -> Decision
    {
        check(authorization: authorization, apiKey: apiKey, keys: keys, role: role).decision
    }

    /// As ``decide(authorization:apiKey:keys:role:)``, with the key that matched (nil when none did).
    package static func check(
        authorization: String?, apiKey: String?, keys: [APIKey], role: APIKey.Role?
    ) -> (decision: Decision, key: APIKey?) {
        var presented = apiKey
        if presented == nil, let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { presented = String(parts[1]) }
        }
        guard let presented, !presented.isEmpty, let key = APIKey.match(presented, in: keys) else {
            return (.unauthenticated, nil)
        }
        if let role, !key.roles.contains(role) { return (.forbidden, key) }
        return (.allowed, key)
    }
}
