/// Quoting user input in messages: every name, key, value or word an author or a case wrote is shown as
/// `'text'`, shortened to `maxQuotedLength` characters with an ellipsis, on one line.
///
/// A message is one line that a person reads; a 100 KB key or a 400-digit number must not end up whole in
/// it (the source line, shown under the message, already windows long lines around the caret).
///
/// ```swift
/// bag.error(RulesDiagnosticCode.unknownKey, "unknown key \(quoted: key) in \(what)", at: range)
/// ```
package enum UserText {
    /// The most characters of user input a message quotes; longer text is cut and ends in `…`.
    package static let maxQuotedLength = 64

    /// `text` in single quotes, shortened and made one line (see `shortened`).
    package static func quoted(_ text: some StringProtocol) -> String {
        "'" + shortened(text) + "'"
    }

    /// `text` on one line (line breaks, tabs and other control characters written as escapes such as `\n`)
    /// and at most `limit` characters long: longer text keeps its first `limit - 1` characters and ends in `…`.
    package static func shortened(_ text: some StringProtocol, limit: Int = maxQuotedLength) -> String {
        let limit = max(1, limit)
        // Nearly every name is printable ASCII within the limit: then it is shown as it is. (Decoders build
        // such quoted names for every fact and rule they read, error or not.)
        if isPlain(text, limit: limit) { return String(text) }
        var out = ""
        var count = 0
        for character in text {
            let piece = escaped(character)
            out += piece
            count += piece.count
            if count > limit { return String(out.prefix(limit - 1)) + "…" }
        }
        return out
    }

    /// Whether `text` is printable ASCII of at most `limit` characters: shown as it is.
    static func isPlain(_ text: some StringProtocol, limit: Int = maxQuotedLength) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= limit else { return false }
        let plain = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
            return true
        }
        return plain ?? utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The character as it appears in a one-line message: control characters as escapes.
    private static func escaped(_ character: Character) -> String {
        guard character.unicodeScalars.contains(where: isControl) else { return String(character) }
        return character.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case _ where isControl(scalar): return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: return String(scalar)
            }
        }.joined()
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension DefaultStringInterpolation {
    /// Interpolates user input (text, or anything printable) quoted and shortened: `"unknown key \(quoted: key)"` gives
    /// `unknown key 'descripton'` (see `UserText.quoted`).
    package mutating func appendInterpolation(quoted value: some CustomStringConvertible) {
        appendInterpolation(quoted: value.description)
    }

    /// Interpolates text quoted and shortened (see `UserText.quoted`); plain text is appended where it is,
    /// with no quoted copy made first (decoders quote the name of every fact and rule they read).
    package mutating func appendInterpolation(quoted text: String) {
        guard UserText.isPlain(text) else { return appendLiteral(UserText.quoted(text)) }
        appendLiteral("'")
        appendLiteral(text)
        appendLiteral("'")
    }
}
