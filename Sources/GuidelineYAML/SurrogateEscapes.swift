/// Valid JSON writes a character above U+FFFF in a string as a surrogate pair of escapes (`"\ud83d\ude00"`),
/// which libyaml rejects ("found invalid Unicode character escape code").
///
/// When libyaml stops at such an escape (so it is surely inside a double-quoted scalar), every valid pair of that
/// scalar is rewritten to the one escape libyaml reads (`\U0001F600`, two characters shorter) and the text parsed
/// again; marks of the rewritten text are mapped back to the original, so every position stays that of the file as
/// written. A file without such an escape is parsed once, untouched.
struct SurrogateEscapes {
    /// The most double-quoted scalars with surrogate pairs in one file (each costs one more parse).
    static let maxRewrittenScalars = 64

    /// One rewritten pair: where its `\U` escape starts and where its line starts, in characters of the
    /// rewritten text (later rewrites lie after earlier ones, so these stay valid).
    private struct Rewrite {
        var index: Int
        var lineStart: Int
    }

    /// The characters each rewrite removes (12 written as 10).
    private static let saved = 2

    private var rewrites: [Rewrite] = []
    /// How many scalars were rewritten.
    private(set) var scalars = 0

    /// Whether nothing was rewritten (marks need no mapping).
    var isEmpty: Bool { rewrites.isEmpty }

    /// `mark` of the rewritten text as a mark of the original text.
    func original(_ mark: YAMLMark) -> YAMLMark {
        guard !rewrites.isEmpty else { return mark }
        // Rewrites before the mark (binary search: they are sorted by index).
        var low = 0
        var high = rewrites.count
        while low < high {
            let middle = (low + high) / 2
            if rewrites[middle].index < mark.index { low = middle + 1 } else { high = middle }
        }
        // Of those, the ones on the mark's line (line starts grow with the index: binary search again).
        let lineStart = mark.index - mark.column
        var first = 0
        var last = low
        while first < last {
            let middle = (first + last) / 2
            if rewrites[middle].lineStart < lineStart { first = middle + 1 } else { last = middle }
        }
        return YAMLMark(
            index: mark.index + Self.saved * low, line: mark.line, column: mark.column + Self.saved * (low - first))
    }

    /// What an escape libyaml rejected turned out to be.
    enum Outcome {
        /// Pairs of the scalar were rewritten: parse again.
        case rewritten
        /// The escape at `escape` (characters of the rewritten text) is no character: `text` as written.
        case invalid(text: String, escape: Int, length: Int, reason: String)
    }

    /// Handles libyaml's invalid-escape error: `quote` is the mark of the scalar's opening quote (libyaml's
    /// context mark) and `escape` the character index of the rejected escape's backslash, in `bytes` as
    /// parsed.
    ///
    /// Rewrites every valid pair of the scalar in `bytes`, or says why the escape is invalid.
    mutating func handle(bytes: inout [UInt8], quote: YAMLMark, escape: Int) -> Outcome? {
        guard let quoteByte = Self.byteOffset(ofCharacter: quote.index, in: bytes), quoteByte < bytes.count,
            bytes[quoteByte] == 0x22
        else { return nil }
        var p = quoteByte + 1
        var character = quote.index + 1
        var lineStart = quote.index - quote.column
        // Characters the pairs so far remove, and as many as when the current line started: the new
        // rewrites are recorded in the coordinates of the text once this scalar is rewritten.
        var shift = 0
        var shiftAtLineStart = 0
        var found = false
        var output: [UInt8] = []
        var copied = 0
        var pending: [Rewrite] = []
        while p < bytes.count, bytes[p] != 0x22 {
            let byte = bytes[p]
            if byte == 0x5C {
                if let code = Self.pair(at: p, in: bytes) {
                    if character == escape { found = true }
                    if output.isEmpty { output.reserveCapacity(bytes.count) }
                    output.append(contentsOf: bytes[copied..<p])
                    var hex = String(code, radix: 16, uppercase: true)
                    hex = String(repeating: "0", count: 8 - hex.count) + hex
                    output.append(contentsOf: Array("\\U\(hex)".utf8))
                    copied = p + 12
                    pending.append(Rewrite(index: character - shift, lineStart: lineStart - shiftAtLineStart))
                    shift += Self.saved
                    p += 12
                    character += 12
                    continue
                }
                if character == escape {
                    let (text, value) = Self.escapeText(at: p, in: bytes)
                    return .invalid(
                        text: text, escape: escape, length: text.unicodeScalars.count, reason: Self.reason(value))
                }
                // Any other escape: the backslash and the character after it (a line break included).
                p += 1
                character += 1
                if p < bytes.count, bytes[p] == 0x0D || bytes[p] == 0x0A || bytes[p] == 0x22 || bytes[p] == 0x5C {
                    if bytes[p] == 0x0D && p + 1 < bytes.count && bytes[p + 1] == 0x0A { p += 1; character += 1 }
                    if bytes[p] == 0x0D || bytes[p] == 0x0A { lineStart = character + 1; shiftAtLineStart = shift }
                    p += 1
                    character += 1
                }
                continue
            }
            // Line breaks as libyaml counts them: LF, CR (CR LF once), NEL, LS and PS.
            let next = p + 1 < bytes.count ? bytes[p + 1] : 0
            let third = p + 2 < bytes.count ? bytes[p + 2] : 0
            if byte == 0x0A || (byte == 0x0D && next != 0x0A) || (byte == 0xC2 && next == 0x85)
                || (byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9))
            {
                lineStart = character + 1
                shiftAtLineStart = shift
            }
            if byte & 0xC0 != 0x80 { character += 1 }
            p += 1
        }
        guard found, !pending.isEmpty else { return nil }
        output.append(contentsOf: bytes[copied...])
        bytes = output
        rewrites += pending
        scalars += 1
        return .rewritten
    }

    /// The code point of a valid surrogate pair of `\u` escapes starting at byte `p`, or nil.
    private static func pair(at p: Int, in bytes: [UInt8]) -> UInt32? {
        guard p + 12 <= bytes.count, bytes[p + 1] == 0x75, bytes[p + 6] == 0x5C, bytes[p + 7] == 0x75,
            let high = hex(bytes, p + 2, 4), let low = hex(bytes, p + 8, 4),
            (0xD800...0xDBFF).contains(high), (0xDC00...0xDFFF).contains(low)
        else { return nil }
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    /// The value of `count` hex digits at `p`, or nil.
    private static func hex(_ bytes: [UInt8], _ p: Int, _ count: Int) -> UInt32? {
        guard p + count <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[p..<(p + count)] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// The escape at byte `p` as written (`\ud83d`, `\U00110000`) and its value.
    private static func escapeText(at p: Int, in bytes: [UInt8]) -> (String, UInt32) {
        let digits = p + 1 < bytes.count && bytes[p + 1] == 0x55 ? 8 : 4
        let end = min(bytes.count, p + 2 + digits)
        return (String(decoding: bytes[p..<end], as: UTF8.self), hex(bytes, p + 2, digits) ?? 0)
    }

    private static func reason(_ value: UInt32) -> String {
        switch value {
        case 0xD800...0xDBFF: "the first half of a surrogate pair, with no second half after it"
        case 0xDC00...0xDFFF: "the second half of a surrogate pair, with no first half before it"
        default: "beyond the last unicode character U+10FFFF"
        }
    }

    /// The byte offset of character `index` in UTF-8 `bytes`.
    private static func byteOffset(ofCharacter index: Int, in bytes: [UInt8]) -> Int? {
        var character = 0
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if character == index { return offset }
            character += 1
        }
        return character == index ? bytes.count : nil
    }
}
