/// A person who may log in to the clinician's page: a name and the bcrypt hash of the password (the password itself
/// is never stored).
package struct WebUser: Sendable, Equatable {
    /// The name typed at the login.
    package var name: String
    /// The bcrypt hash (`$2a$`, `$2b$` or `$2y$`, 60 characters).
    package var bcrypt: String

    /// Creates a user.
    package init(name: String, bcrypt: String) {
        self.name = name
        self.bcrypt = bcrypt
    }

    /// Whether `text` has the form of a bcrypt hash: `$2a$`, `$2b$` or `$2y$`, a two-digit cost from 04 to 31, `$`,
    /// then 53 characters of bcrypt's base-64 alphabet.
    package static func isBcryptHash(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$") else {
            return false
        }
        guard let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)), (4...31).contains(cost), bytes[6] == 36
        else { return false }
        return bytes[7...].allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 46
                || byte == 47
        }
    }
}
