import GuidelineDiagnostics

/// The input as libyaml reads it: its UTF-8 bytes and where each line starts, to turn offsets (in Unicode
/// scalars, as libyaml counts them) into locations.
///
/// A class: every deferred source map refers to it, and one reference counts less than its arrays.
///
/// The bytes are kept as they are, not decoded: a scalar offset is the byte offset when every earlier
/// character is ASCII, and `wide` lists the few characters that are not, to find the rest.
///
/// Lines break where libyaml breaks them (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029), so locations computed
/// here agree with libyaml's marks.
final class SourceText: Sendable {
    /// A character written with more than one UTF-8 byte.
    struct Wide: Sendable {
        /// Its offset in Unicode scalars.
        var offset: Int
        /// The UTF-8 bytes before it that are not the first byte of a character (so its byte offset is
        /// `offset + extraBefore`).
        var extraBefore: Int
    }

    /// The file name used in locations.
    let file: String
    /// The input's UTF-8 bytes (after a byte-order mark, if any).
    let bytes: [UInt8]
    /// The number of Unicode scalars in the text.
    let count: Int
    /// The scalar offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]
    /// Every character of more than one byte, in order; empty for ASCII text.
    let wide: [Wide]

    /// The result of decoding bytes: the text, or the byte offset of the first invalid UTF-8 sequence.
    enum Decoded {
        case text(SourceText)
        case invalid(byteOffset: Int, byte: UInt8, location: SourceLocation)
    }

    /// Checks UTF-8 `bytes` (already stripped of a BOM), stopping at the first invalid sequence.
    ///
    /// One pass finds the line starts and the multi-byte characters; runs of eight ASCII bytes without a
    /// line break (most of any rule file) are passed over at once, and only multi-byte sequences go through
    /// the UTF-8 parser.
    static func decode(_ bytes: [UInt8], file: String) -> Decoded {
        var lineStarts = [0]
        var wide: [Wide] = []
        var failure: (offset: Int, byte: UInt8)?
        var extra = 0
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var offset = 0
            while offset < input.count {
                if offset + 8 <= input.count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
                    if word & 0x8080_8080_8080_8080 == 0, matches(in: word, of: 0x0D) == 0 {
                        // Eight ASCII bytes without `\r`: each `\n` among them starts a line.
                        var breaks = matches(in: word, of: 0x0A)
                        while breaks != 0 {
                            lineStarts.append(offset + breaks.trailingZeroBitCount / 8 + 1 - extra)
                            breaks &= breaks - 1
                        }
                        offset += 8
                        continue
                    }
                }
                let byte = input[offset]
                if byte < 0x80 {
                    // ASCII: one byte, one scalar; `\r\n` is one line break.
                    offset += 1
                    if byte == 0x0A || (byte == 0x0D && !(offset < input.count && input[offset] == 0x0A)) {
                        lineStarts.append(offset - extra)
                    }
                    continue
                }
                // A multi-byte sequence starts here, at a scalar boundary: decode just it.
                var iterator = input[offset...].makeIterator()
                var parser = Unicode.UTF8.ForwardParser()
                guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else {
                    failure = (offset, byte)
                    break
                }
                wide.append(Wide(offset: offset - extra, extraBefore: extra))
                offset += encoded.count
                extra += encoded.count - 1
                // U+0085, U+2028 and U+2029 break lines too.
                if isBreak(Unicode.UTF8.decode(encoded)) { lineStarts.append(offset - extra) }
            }
        }
        if let failure {
            let valid = Array(bytes[..<failure.offset])
            let partial = SourceText(
                file: file, bytes: valid, count: valid.count - extra, lineStarts: lineStarts, wide: wide)
            return .invalid(
                byteOffset: failure.offset, byte: failure.byte, location: partial.location(ofScalar: partial.count))
        }
        return .text(
            SourceText(file: file, bytes: bytes, count: bytes.count - extra, lineStarts: lineStarts, wide: wide))
    }

    /// The bytes of `word` (eight ASCII bytes) that are `byte`: the high bit of each such byte set, no other.
    private static func matches(in word: UInt64, of byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        // Below 0x80, x + 0x7F carries into the high bit (and never into the next byte) unless x is 0.
        return ~((x &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
    }

    private init(file: String, bytes: [UInt8], count: Int, lineStarts: [Int], wide: [Wide]) {
        self.file = file
        self.bytes = bytes
        self.count = count
        self.lineStarts = lineStarts
        self.wide = wide
    }

    /// Whether `c` breaks a line, as libyaml decides.
    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Whether `c` is a space or a tab.
    static func isWhite(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    /// The scalar at `offset`, or `nil` outside the text.
    subscript(offset: Int) -> Unicode.Scalar? {
        guard offset >= 0 && offset < count else { return nil }
        if wide.isEmpty { return Unicode.Scalar(bytes[offset]) }
        // The last wide character at or before `offset`.
        var low = 0
        var high = wide.count
        while low < high {
            let mid = (low + high) / 2
            if wide[mid].offset <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return Unicode.Scalar(bytes[offset]) }
        let previous = wide[low - 1]
        if previous.offset < offset {
            // After the wide character: ASCII, shifted by its extra bytes and all before it.
            let extra = low < wide.count ? wide[low].extraBefore : bytes.count - count
            return Unicode.Scalar(bytes[offset + extra])
        }
        return bytes.withUnsafeBufferPointer { input in
            var iterator = input[(offset + previous.extraBefore)...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return nil }
            return Unicode.UTF8.decode(encoded)
        }
    }

    /// The 1-based location of the scalar at `offset` (clamped to the text).
    func location(ofScalar offset: Int) -> SourceLocation {
        let (line, column) = lineAndColumn(ofScalar: offset)
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The 1-based line and column of the scalar at `offset` (clamped), as `location(ofScalar:)` gives them.
    ///
    /// `lineHint` is the 0-based line the caller expects the scalar on (from a libyaml mark): when it is
    /// right, no search is needed.
    func lineAndColumn(ofScalar offset: Int, lineHint: Int? = nil) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, count))
        if let line = lineHint, line >= 0, line < lineStarts.count, lineStarts[line] <= clamped,
            line + 1 == lineStarts.count || clamped < lineStarts[line + 1]
        {
            return (line + 1, clamped - lineStarts[line] + 1)
        }
        // Binary search for the last line start <= clamped.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return (low + 1, clamped - lineStarts[low] + 1)
    }

    /// The scalar offset of the UTF-8 byte at `byteOffset` (clamped): the scalar whose bytes hold it, or the
    /// end.
    ///
    /// Only reader errors need it.
    func scalarOffset(ofByte byteOffset: Int) -> Int {
        guard byteOffset > 0 else { return 0 }
        guard byteOffset < bytes.count else { return count }
        var extra = 0
        for character in wide {
            let start = character.offset + character.extraBefore
            guard start <= byteOffset else { break }
            let width = UTF8.width(self[character.offset] ?? " ")
            if byteOffset < start + width { return character.offset }
            extra = character.extraBefore + width - 1
        }
        return byteOffset - extra
    }

    /// The 1-based location of a libyaml mark; a mark at the end of the text (libyaml moves it to a line
    /// after the last one, as if a line break followed) is the end of the last line that holds anything.
    func location(of mark: YAMLMark) -> SourceLocation {
        guard mark.index >= count else {
            return SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
        }
        return endLocation
    }

    /// Just after the last character that is not a line break: where a truncated file ends, on a line that
    /// exists (line 1, column 1 for an empty text or one of line breaks only).
    var endLocation: SourceLocation {
        var end = count
        while end > 0, let c = self[end - 1], Self.isBreak(c) { end -= 1 }
        return location(ofScalar: end)
    }
}
