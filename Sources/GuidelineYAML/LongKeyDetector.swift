/// Recognises libyaml's key-length limit behind its syntax errors.
///
/// libyaml scans a mapping key (a "simple key") only while it is at most `YAMLLimits.maxKeyLength` characters
/// long. A longer key is not an error of its own: libyaml reports "mapping values are not allowed in this
/// context", "could not find expected ':'" or, in JSON and other flow collections, "did not find expected ','
/// or '}'" (or ']') at the ':' after the key. This finds the key before that ':' so the error can name the limit.
enum LongKeyDetector {
    /// libyaml's problems that a too-long key produces, at the ':' after it.
    static let problems: Set<String> = [
        "mapping values are not allowed in this context",
        "could not find expected ':'",
        "did not find expected ',' or '}'",
        "did not find expected ',' or ']'",
    ]

    /// Where the key before the ':' at scalar offset `colon` starts (at its opening quote, if quoted), when
    /// the key as written, from its start to the ':', is longer than the limit; nil otherwise.
    static func longKeyStart(colonAt colon: Int, in source: SourceText) -> Int? {
        guard source[colon] == ":" else { return nil }
        let lineStart = source.lineStarts[source.location(ofScalar: colon).line - 1]
        var end = colon
        while end > lineStart, let c = source[end - 1], SourceText.isWhite(c) { end -= 1 }
        guard end > lineStart, let last = source[end - 1] else { return nil }
        let start: Int
        if last == "\"" || last == "'" {
            guard let open = openingQuote(last, closingAt: end - 1, lineStart: lineStart, in: source) else {
                return nil
            }
            start = open
        } else {
            start = plainStart(before: end, lineStart: lineStart, in: source)
        }
        // libyaml's test: a key is dropped once the scanner is more than the limit past its start.
        guard colon - start > YAMLLimits.maxKeyLength, startsKey(start, lineStart: lineStart, in: source) else {
            return nil
        }
        return start
    }

    /// The offset of the quote that opens the quoted scalar closed at `close`, on the same line.
    private static func openingQuote(
        _ quote: Unicode.Scalar, closingAt close: Int, lineStart: Int, in source: SourceText
    ) -> Int? {
        var i = close - 1
        while i >= lineStart {
            guard source[i] == quote else {
                i -= 1
                continue
            }
            if quote == "'" {
                // `''` is an escaped quote inside a single-quoted scalar.
                if i - 1 >= lineStart, source[i - 1] == "'" {
                    i -= 2
                    continue
                }
                return i
            }
            // A double quote is escaped by an odd number of backslashes before it.
            var backslashes = 0
            while i - 1 - backslashes >= lineStart, source[i - 1 - backslashes] == "\\" { backslashes += 1 }
            if backslashes % 2 == 0 { return i }
            i -= 1
        }
        return nil
    }

    /// Where a plain scalar ending at `end` starts: after the indentation, a `- ` or `? ` indicator, a `: `,
    /// or the last flow indicator (`{`, `[`, `,`) on the line.
    private static func plainStart(before end: Int, lineStart: Int, in source: SourceText) -> Int {
        var start = end
        while start > lineStart, let c = source[start - 1], c != "{", c != "[", c != "," {
            if SourceText.isWhite(c), start - 2 >= lineStart, source[start - 2] == ":" { break }  // after `key: `
            start -= 1
        }
        while start < end, let c = source[start] {
            let indicator = (c == "-" || c == "?") && (start + 1 == end || source[start + 1] == " ")
            guard SourceText.isWhite(c) || indicator else { break }
            start += 1
        }
        return start
    }

    /// Whether a scalar at `start` is in a key's place: only indentation, `- ` or `? ` indicators, or a flow
    /// indicator (`{`, `[`, `,`) before it on its line; after `key: ` it is a value, whatever its length.
    private static func startsKey(_ start: Int, lineStart: Int, in source: SourceText) -> Bool {
        var i = start - 1
        while i >= lineStart, let c = source[i] {
            if c == "{" || c == "[" || c == "," { return true }
            let indicator = (c == "-" || c == "?") && source[i + 1].map(SourceText.isWhite) == true
            guard SourceText.isWhite(c) || indicator else { return false }
            i -= 1
        }
        return true
    }
}
