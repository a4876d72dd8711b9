/// Fast conversions between strings and Unicode scalars for the lexer and text templates.
///
/// Rule texts are nearly all ASCII. Going through the string's UTF-8 bytes (one scalar per byte when they
/// are ASCII) is much cheaper than iterating `String.UnicodeScalarView` or appending to one scalar at a time.
enum ScalarText {
    /// The Unicode scalars of `text`, as `Array(text.unicodeScalars)` gives them.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        let ascii = text.withUTF8 { bytes -> [Unicode.Scalar]? in
            for byte in bytes where byte >= 0x80 { return nil }
            return bytes.map { Unicode.Scalar($0) }
        }
        return ascii ?? Array(text.unicodeScalars)
    }

    /// `text.unicodeScalars.count`: the UTF-8 bytes that start a scalar.
    static func count(of text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The string of `scalars`.
    static func string(_ scalars: some Collection<Unicode.Scalar>) -> String {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
                    index += 1
                } else {
                    UTF8.encode(scalar) { unit in
                        buffer[index] = unit
                        index += 1
                    }
                }
            }
            return index
        }
    }
}
