import GuidelineExpression

extension JSONCaseReader {
    /// Bytes of a line up to a `"`: where they start, how many, and the first sixteen as two little-endian
    /// words, zero past the end.
    struct Text {
        var start: Int
        var count: Int
        var first: UInt64
        var second: UInt64
    }

    /// A cursor over one line's bytes, with the byte-level steps of the reader: whitespace, single bytes,
    /// literals, the end of a string and strict decimal numbers.
    ///
    /// Loads of eight bytes never pass the line's end.
    struct Cursor {
        let base: UnsafePointer<UInt8>
        let end: Int
        var position = 0

        init(_ line: UnsafeBufferPointer<UInt8>) {
            // An empty line has no base address; any address will do, as nothing is read from it.
            // Never nil: the bit pattern is not zero.
            // swift-format-ignore: NeverForceUnwrap
            base = line.baseAddress ?? UnsafePointer(bitPattern: 1)!
            end = line.count
        }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return position == end
            }
        }

        /// Skips the whitespace the reader allows between tokens (space, tab, carriage return).
        @inline(__always)
        mutating func skipSpace() {
            while position < end, base[position] == 32 || base[position] == 9 || base[position] == 13 { position += 1 }
        }

        /// Consumes `byte` after optional whitespace.
        @inline(__always)
        mutating func consume(_ byte: UInt8) -> Bool {
            if position < end, base[position] == byte {
                position += 1
                return true
            }
            guard let after = position(after: byte) else { return false }
            position = after
            return true
        }

        /// The position after `byte` and whitespace before it, or nil (not mutating, so that a cursor held in
        /// a local stays in registers).
        @inline(never)
        private func position(after byte: UInt8) -> Int? {
            var index = position
            while index < end, base[index] == 32 || base[index] == 9 || base[index] == 13 { index += 1 }
            guard index < end, base[index] == byte else { return nil }
            return index + 1
        }

        /// Consumes the four bytes of `word` (little-endian) when they are next.
        ///
        /// A literal followed by a word byte (`nullx`) is taken, but what follows a value must be `,`, `}` or
        /// whitespace, so the line is rejected all the same.
        @inline(__always)
        mutating func consume(word: UInt32) -> Bool {
            guard position + 4 <= end, load32(position) == word else { return false }
            position += 4
            return true
        }

        /// `true` or `false` when next.
        @inline(__always)
        mutating func boolean() -> Bool? {
            if consume(word: Words.true) { return true }
            guard position + 5 <= end, load32(position) == Words.fals, base[position + 4] == UInt8(ascii: "e") else {
                return nil
            }
            position += 5
            return false
        }

        /// The position of the first `"` at or after `start`, or nil.
        ///
        /// The bytes before it are not checked: callers compare them with names and values that hold no quote,
        /// backslash or control character, so a string with an escape never matches.
        @inline(__always)
        func closingQuote(from start: Int) -> Int? {
            var index = start
            while index + 8 <= end {
                let quotes = Self.quotes(load64(index))
                if quotes != 0 { return index + quotes.trailingZeroBitCount >> 3 }
                index += 8
            }
            while index < end {
                if base[index] == UInt8(ascii: "\"") { return index }
                index += 1
            }
            return nil
        }

        /// The bytes from `start` to the next `"` (exclusive), with their first sixteen bytes as `Key` holds
        /// them, found in one pass; nil when no `"` follows.
        ///
        /// As for `closingQuote`, the bytes are not checked.
        @inline(__always)
        func text(from start: Int) -> Text? {
            guard start + 16 <= end else { return shortText(from: start) }
            let first = load64(start)
            let quotes = Self.quotes(first)
            if quotes != 0 {
                return Text(
                    start: start, count: quotes.trailingZeroBitCount >> 3, first: first & Self.below(quotes), second: 0)
            }
            let second = load64(start + 8)
            let more = Self.quotes(second)
            if more != 0 {
                return Text(
                    start: start, count: 8 + more.trailingZeroBitCount >> 3, first: first,
                    second: second & Self.below(more))
            }
            guard let close = closingQuote(from: start + 16) else { return nil }
            return Text(start: start, count: close - start, first: first, second: second)
        }

        /// `text(from:)` within sixteen bytes of the line's end.
        @inline(never)
        func shortText(from start: Int) -> Text? {
            guard let close = closingQuote(from: start) else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            for index in 0..<min(close - start, 16) {
                let byte = UInt64(base[start + index]) << (8 * UInt64(index & 7))
                if index < 8 { words.0 |= byte } else { words.1 |= byte }
            }
            return Text(start: start, count: close - start, first: words.0, second: words.1)
        }

        /// The high bit of each byte of `word` that is a `"`, and maybe of bytes above the first one (the
        /// trick's false positives lie above a real match, so the lowest bit set is always right).
        @inline(__always)
        static func quotes(_ word: UInt64) -> UInt64 {
            let quotes = word ^ 0x2222_2222_2222_2222
            return (quotes &- 0x0101_0101_0101_0101) & ~quotes & 0x8080_8080_8080_8080
        }

        /// A mask of the bytes below the lowest flagged byte of `flags` (nonzero).
        @inline(__always)
        static func below(_ flags: UInt64) -> UInt64 {
            ((flags & (0 &- flags)) &>> 7) &- 1
        }

        /// A number in strict decimal form (optional `-`, `0` or digits not starting with `0`, optional `.`
        /// and 1 to 6 digits), as `Number.scaled`; nil when the bytes there are not one or it does not fit.
        ///
        /// A number followed by more number-like bytes (`1e5`, `1.5.3`) stops before them, and the line is
        /// then rejected because a `,` or `}` does not follow.
        @inline(__always)
        mutating func number() -> Int64? {
            var index = position
            let negative = index < end && base[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let wholeStart = index
            var whole: Int64 = 0
            while index < end, case let digit = base[index] &- UInt8(ascii: "0"), digit < 10 {
                whole = whole &* 10 &+ Int64(digit)
                index += 1
            }
            let wholeDigits = index - wholeStart
            // Over 18 digits cannot fit once scaled (and would overflow `whole`).
            guard wholeDigits > 0, wholeDigits <= 18, wholeDigits == 1 || base[wholeStart] != UInt8(ascii: "0") else {
                return nil
            }
            var fraction: Int64 = 0
            if index < end, base[index] == UInt8(ascii: ".") {
                index += 1
                let fractionStart = index
                while index < end, case let digit = base[index] &- UInt8(ascii: "0"), digit < 10 {
                    fraction = fraction &* 10 &+ Int64(digit)
                    index += 1
                }
                let fractionDigits = index - fractionStart
                guard fractionDigits > 0, fractionDigits <= Number.decimalPlaces else { return nil }
                for _ in fractionDigits..<Number.decimalPlaces { fraction &*= 10 }
            }
            let (product, overflow) = whole.multipliedReportingOverflow(by: Number.scale)
            let (scaled, carry) = product.addingReportingOverflow(fraction)
            guard !overflow, !carry else { return nil }
            position = index
            return negative ? -scaled : scaled
        }

        @inline(__always)
        func load64(_ index: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        }

        @inline(__always)
        func load32(_ index: Int) -> UInt32 {
            UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self))
        }
    }

    /// Four-byte words as little-endian integers, to compare with four bytes of a line at once (constants, not
    /// lazily initialized statics; a test checks them against their text).
    enum Words {
        static var `true`: UInt32 { 0x6575_7274 }
        static var fals: UInt32 { 0x736C_6166 }
        static var null: UInt32 { 0x6C6C_756E }
        static var `case`: UInt32 { 0x6573_6163 }
        static var fact: UInt32 { 0x7463_6166 }
    }
}
