/// Strict, schema-directed readers: a field that expects a boolean or a number asks for one; nothing is
/// typed implicitly (no YAML 1.1 `yes`/`on`, no octal `08`, no `1e3`, no `0x1F`, no `_` separators).
extension YAMLScalar {
    /// `true` or `false` for a plain scalar written exactly `true` or `false` (lowercase); `nil` otherwise.
    ///
    /// A quoted `"true"` is a string, and `yes`, `on`, `True`, `TRUE` are not booleans.
    package func asBool() -> Bool? {
        guard isPlain else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The integer of a plain scalar in strict decimal form: an optional `-`, then `0` or digits not
    /// starting with `0`; no `+`, `_`, exponent, fraction or overflow.
    ///
    /// `nil` otherwise.
    package func asInteger() -> Int? {
        guard isPlain, Self.isStrictInteger(value.utf8) else { return nil }
        return Int(value)
    }

    /// The number of a plain scalar in strict decimal form: a strict integer, optionally followed by `.` and
    /// at least one digit (`-2.5`, `0.25`).
    ///
    /// No exponent, `+`, `.5`, `5.`, `inf` or `nan`. `nil` otherwise.
    package func asDecimal() -> Double? {
        guard isPlain else { return nil }
        let utf8 = Array(value.utf8)
        let dot = utf8.firstIndex(of: UInt8(ascii: "."))
        let whole = utf8[..<(dot ?? utf8.endIndex)]
        guard Self.isStrictInteger(whole) else { return nil }
        if let dot {
            let fraction = utf8[(dot + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy(Self.isDigit) else { return nil }
        }
        return Double(value)
    }

    /// Whether this is a plain scalar written as a strict integer, however large (`12`, `-3`, 400 nines).
    package var isIntegerText: Bool { isPlain && Self.isStrictInteger(value.utf8) }

    /// Whether `text` is written as a strict integer, however large: `-`? then `0` or digits not starting with `0`.
    package static func isIntegerText(_ text: String) -> Bool { isStrictInteger(text.utf8) }

    /// Whether `text` is `-`? then `0` or a digit run not starting with `0`.
    static func isStrictInteger(_ text: some Collection<UInt8>) -> Bool {
        var digits = text[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(isDigit) else { return false }
        return first != UInt8(ascii: "0") || digits.count == 1
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
