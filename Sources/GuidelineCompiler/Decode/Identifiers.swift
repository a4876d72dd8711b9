/// The lexical rules for names in rule files.
enum Identifiers {
    /// A rule, source, action, band or ruleset id: lowercase letters, digits and `-`, starting with a letter or digit.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowerOrDigit(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "-" } && !text.hasSuffix("-")
    }

    /// A fact, score, derived or table name: lowercase words of letters, digits and `_`, joined by dots.
    static func isDottedName(_ text: String) -> Bool {
        if let ascii = asciiDottedName(text) { return ascii }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
                return part.unicodeScalars.allSatisfy { isLowerOrDigit($0) || $0 == "_" }
            }
    }

    /// An enum value: letters, digits, `-` and `_`, starting with a letter (a value is written as a bare
    /// word in expressions, and a word there starts with a letter: `1` would be a number).
    static func isWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isAlphanumeric(first), !("0"..."9").contains(first) else {
            return false
        }
        return text.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" } && !text.hasSuffix("-")
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return false }
        for (index, part) in parts.enumerated() {
            guard part.count == widths[index], part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber) else {
                return false
            }
        }
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) { return false }
        if parts.count == 3, let day = Int(parts[2]), !(1...31).contains(day) { return false }
        return true
    }

    /// `isDottedName` over the UTF-8 bytes (every name is checked, so splitting into `Character`s would
    /// cost): nil when the text is not all ASCII.
    ///
    /// No non-ASCII character is allowed in a name, wherever it stands, so the general path gives false for those.
    private static func asciiDottedName(_ text: String) -> Bool? {
        var partStart = true
        for byte in text.utf8 {
            if byte >= 0x80 { return nil }
            if byte == UInt8(ascii: ".") {
                if partStart { return false }
                partStart = true
            } else if partStart {
                guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { return false }
                partStart = false
            } else {
                let allowed =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                if !allowed { return false }
            }
        }
        return !partStart
    }

    private static func isLowerOrDigit(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("0"..."9").contains(s)
    }
    private static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
