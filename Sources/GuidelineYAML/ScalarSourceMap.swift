/// Builds a scalar's source map: which source character each value character came from.
///
/// The raw text between libyaml's start and end marks is re-scanned the way YAML reads it (quotes, escapes,
/// line folding, block indentation), producing `(character, source offset)` pairs; the value is then aligned
/// with them greedily, so a small disagreement never derails the rest of the map.
enum ScalarSourceMap {
    /// A character YAML reads from the source: what it is, where it starts and how many source characters
    /// wrote it (2 for `''` or `\"`, 6 for `\u00e9`).
    struct Produced {
        var character: Unicode.Scalar
        var offset: Int
        var width = 1
    }

    /// How far ahead the aligner looks for a matching character before giving up on one value character.
    private static let window = 32

    /// The segments mapping `value` onto `source[start..<end]`, written in `style`, and the value's length
    /// in Unicode scalars (found on the way).
    static func segments(
        value: String, style: YAMLScalar.Style, source: SourceText, start: Int, end: Int, startLine: Int? = nil
    ) -> (segments: SegmentList, length: Int) {
        guard !value.isEmpty else { return (.empty, 0) }
        let start = max(0, min(start, source.count))
        let end = max(start, min(end, source.count))
        if let verbatim = verbatim(
            value: value, style: style, source: source, start: start, end: end, startLine: startLine)
        {
            return verbatim
        }
        let produced: [Produced]
        switch style {
        case .plain: produced = flow(source, start, end, style: style)
        case .singleQuoted, .doubleQuoted: produced = flow(source, start + 1, max(start + 1, end - 1), style: style)
        case .literal, .folded:
            // The spaces the value keeps at the start of its first non-empty line.
            let kept = value.unicodeScalars.drop(while: { $0 == "\n" }).prefix(while: { $0 == " " }).count
            produced = block(source, start, end, kept: kept)
        }
        if let direct = sequential(value, produced, source: source) { return direct }
        let chars = scalars(of: value)
        let offsets = align(chars, produced, fallback: start)
        return (SegmentList(compress(offsets, source: source)), chars.count)
    }

    /// The map of a scalar written verbatim on one line (or empty), built at once because it is cheap; nil
    /// for any other, whose map `DeferredSourceMap` builds when it is needed.
    ///
    /// Decided from the marks and the value alone, without reading the source: a plain scalar on one line is
    /// its source text, and a quoted one is its content unless it holds an escape or a doubled quote, each of
    /// which writes one character with two or more. So an ASCII value on one line (`startLine == endLine`)
    /// with as many bytes as the text between the marks (inside the quotes) has characters is written
    /// verbatim, and its one segment is what `verbatim` would find by comparing the characters.
    static func immediate(
        value: String, style: YAMLScalar.Style, source: SourceText, start: Int, end: Int, startLine: Int, endLine: Int
    ) -> (segments: SegmentList, length: Int)? {
        guard !value.isEmpty else { return (.empty, 0) }
        guard startLine == endLine else { return nil }
        let start = max(0, min(start, source.count))
        let end = max(start, min(end, source.count))
        let from: Int
        let to: Int
        switch style {
        case .plain: (from, to) = (start, end)
        case .singleQuoted, .doubleQuoted: (from, to) = (start + 1, max(start + 1, end - 1))
        case .literal, .folded: return nil
        }
        // A plain scalar on one line is its content, so as many bytes as characters means ASCII; a quoted
        // value is checked: `'é'''` has three characters between its quotes and its value three bytes.
        guard value.utf8.count == to - from, style == .plain || isASCII(value) else { return nil }
        // The content starts on the scalar's first line (a quote is no line break).
        let (line, column) = source.lineAndColumn(ofScalar: from, lineHint: startLine)
        return (SegmentList(YAMLScalar.Segment(valueOffset: 0, line: line, column: column)), to - from)
    }

    /// Whether every character of `text` is ASCII.
    private static func isASCII(_ text: String) -> Bool {
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var any: UInt8 = 0
            for byte in bytes { any |= byte }
            return any < 0x80
        }
        return ascii ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The one segment of a plain or quoted scalar written verbatim on one line (the common case), or nil.
    ///
    /// When the content between the marks (inside the quotes) is exactly the value, holds no line break and
    /// no escape or doubled quote, every value character maps to the source character at the same distance
    /// from the start: what `flow`, `align` and `compress` compute, without building their arrays.
    private static func verbatim(
        value: String, style: YAMLScalar.Style, source: SourceText, start: Int, end: Int, startLine: Int?
    ) -> (segments: SegmentList, length: Int)? {
        let from: Int
        let to: Int
        let special: Unicode.Scalar?
        switch style {
        case .plain: (from, to, special) = (start, end, nil)
        case .singleQuoted: (from, to, special) = (start + 1, max(start + 1, end - 1), "'")
        case .doubleQuoted: (from, to, special) = (start + 1, max(start + 1, end - 1), "\\")
        case .literal, .folded: return nil
        }
        guard value.utf8.count == to - from else { return nil }
        let avoid = special.map { UInt8($0.value) } ?? 0x0A
        var p = from
        for byte in value.utf8 {
            // ASCII only (as many bytes as characters): a multi-byte character takes the general path.
            guard byte < 0x80, source[p]?.value == UInt32(byte), byte != 0x0A, byte != 0x0D, byte != avoid else {
                return nil
            }
            p += 1
        }
        // The content starts on the scalar's first line (a quote is no line break).
        let (line, column) = source.lineAndColumn(ofScalar: from, lineHint: startLine)
        return (SegmentList(YAMLScalar.Segment(valueOffset: 0, line: line, column: column)), to - from)
    }

    /// `Array(value.unicodeScalars)`, from the UTF-8 bytes when they are all ASCII (much faster).
    private static func scalars(of value: String) -> [Unicode.Scalar] {
        var text = value
        let ascii = text.withUTF8 { bytes -> [Unicode.Scalar]? in
            for byte in bytes where byte >= 0x80 { return nil }
            return bytes.map { Unicode.Scalar($0) }
        }
        return ascii ?? Array(value.unicodeScalars)
    }

    /// Re-reads a plain or quoted scalar's content, folding lines and decoding escapes.
    private static func flow(
        _ s: SourceText, _ start: Int, _ end: Int, style: YAMLScalar.Style
    ) -> [Produced] {
        var out: [Produced] = []
        out.reserveCapacity(end - start)
        var p = start
        while p < end, let c = s[p] {
            if SourceText.isWhite(c) || SourceText.isBreak(c) {
                var q = p
                while q < end, let w = s[q], SourceText.isWhite(w) { q += 1 }
                if q < end, let b = s[q], SourceText.isBreak(b) {
                    // Trailing white space, line breaks and leading white space fold together.
                    var breaks: [Int] = []
                    while q < end, let w = s[q], SourceText.isWhite(w) || SourceText.isBreak(w) {
                        if SourceText.isBreak(w) {
                            breaks.append(q)
                            q = skipBreak(s, q)
                        } else {
                            q += 1
                        }
                    }
                    if breaks.count == 1 {
                        out.append(Produced(character: " ", offset: breaks[0]))
                    } else {
                        for b in breaks.dropFirst() { out.append(Produced(character: "\n", offset: b)) }
                    }
                    p = q
                } else {
                    while p < q, let w = s[p] {
                        out.append(Produced(character: w, offset: p))
                        p += 1
                    }
                }
                continue
            }
            if style == .doubleQuoted, c == "\\", let next = s[p + 1] {
                if SourceText.isBreak(next) {
                    // An escaped line break joins the lines without a space; leading white space is dropped.
                    var q = skipBreak(s, p + 1)
                    while q < end, let w = s[q], SourceText.isWhite(w) { q += 1 }
                    p = q
                    continue
                }
                let (decoded, length) = escape(s, p)
                out.append(Produced(character: decoded, offset: p, width: length))
                p += length
                continue
            }
            if style == .singleQuoted, c == "'", s[p + 1] == "'" {
                out.append(Produced(character: "'", offset: p, width: 2))
                p += 2
                continue
            }
            out.append(Produced(character: c, offset: p))
            p += 1
        }
        return out
    }

    /// The one-character escapes of double-quoted scalars and what they stand for.
    private static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{B}",
        "f": "\u{C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
        "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]

    /// Decodes the escape sequence starting with the backslash at `p`: the character and the sequence length.
    private static func escape(_ s: SourceText, _ p: Int) -> (Unicode.Scalar, Int) {
        guard let code = s[p + 1] else { return ("\\", 1) }
        let hexDigits: Int
        switch code {
        case "x": hexDigits = 2
        case "u": hexDigits = 4
        case "U": hexDigits = 8
        default:
            return (simpleEscapes[code] ?? code, 2)
        }
        var value: UInt32 = 0
        for i in 0..<hexDigits {
            guard let digit = s[p + 2 + i], let d = UInt32(String(digit), radix: 16) else { return ("?", 2 + i) }
            value = value &* 16 &+ d
        }
        // A surrogate pair of `\u` escapes (valid JSON) writes one character with twelve (`SurrogateEscapes`).
        if code == "u", (0xD800...0xDBFF).contains(value), s[p + 6] == "\\", s[p + 7] == "u" {
            var low: UInt32 = 0
            for i in 0..<4 {
                guard let digit = s[p + 8 + i], let d = UInt32(String(digit), radix: 16) else { return ("?", 6) }
                low = low &* 16 &+ d
            }
            if (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00))
            {
                return (scalar, 12)
            }
        }
        return (Unicode.Scalar(value) ?? "?", 2 + hexDigits)
    }

    /// Re-reads a literal or folded block scalar as literal text: each content line without its indentation,
    /// then its line break as `\n`.
    ///
    /// Folded spaces align to those breaks.
    private static func block(_ s: SourceText, _ start: Int, _ end: Int, kept: Int) -> [Produced] {
        var p = start
        // Skip the header: indicators, an optional comment, and its line break.
        while p < end, let c = s[p], !SourceText.isBreak(c) { p += 1 }
        p = skipBreak(s, p)
        let indent = indentation(s, p, end, kept: kept)
        var out: [Produced] = []
        out.reserveCapacity(end - p)
        while p < end {
            var skipped = 0
            while skipped < indent, p < end, s[p] == " " {
                p += 1
                skipped += 1
            }
            while p < end, let c = s[p], !SourceText.isBreak(c) {
                out.append(Produced(character: c, offset: p))
                p += 1
            }
            if p < end {
                out.append(Produced(character: "\n", offset: p))
                p = skipBreak(s, p)
            }
        }
        return out
    }

    /// The block's content indentation: spaces before the first non-blank source line, less the spaces the
    /// value keeps at the start of its first non-empty line (works for explicit and detected indentation).
    private static func indentation(_ s: SourceText, _ from: Int, _ end: Int, kept: Int) -> Int {
        var p = from
        while p < end {
            var spaces = 0
            while p < end, s[p] == " " {
                p += 1
                spaces += 1
            }
            guard p < end, let c = s[p] else { return spaces }
            if SourceText.isBreak(c) {
                p = skipBreak(s, p)
                continue
            }
            return max(0, spaces - kept)
        }
        return 0
    }

    /// The offset after the line break at `p` (`\r\n` counts as one).
    private static func skipBreak(_ s: SourceText, _ p: Int) -> Int {
        guard let c = s[p], SourceText.isBreak(c) else { return p }
        return c == "\r" && s[p + 1] == "\n" ? p + 2 : p + 1
    }

    /// `align` and `compress` in one pass, for the usual case: an ASCII value whose every character is the
    /// next produced one (or a space for a produced line break), which `align` would match one to one.
    ///
    /// Nil when that is not so; the general path then decides.
    private static func sequential(
        _ value: String, _ produced: [Produced], source: SourceText
    ) -> (segments: SegmentList, length: Int)? {
        guard value.utf8.count <= produced.count else { return nil }
        let result = value.utf8.withContiguousStorageIfAvailable { bytes -> (SegmentList, Int)? in
            produced.withUnsafeBufferPointer { produced -> (SegmentList, Int)? in
                var segments: [YAMLScalar.Segment] = []
                var previous = Produced(character: "\n", offset: -2, width: 0)
                var line = 0
                for (i, byte) in bytes.enumerated() {
                    let current = produced[i]
                    guard byte < 0x80, compatible(current.character, Unicode.Scalar(byte)) else { return nil }
                    let previousIsBreak = source[previous.offset].map(SourceText.isBreak) ?? true
                    let continues =
                        current.offset == previous.offset + 1 && previous.width == 1 && current.width == 1
                        && !previousIsBreak
                    if !continues {
                        // A new segment mostly starts on the line after the last one.
                        let found = source.lineAndColumn(ofScalar: current.offset, lineHint: line)
                        line = found.line
                        segments.append(
                            YAMLScalar.Segment(
                                valueOffset: i, line: found.line, column: found.column, width: current.width))
                    }
                    previous = current
                }
                return (SegmentList(segments), bytes.count)
            }
        }
        return result ?? nil
    }

    /// Aligns each value character with the first compatible produced character ahead of the last match.
    private static func align(_ value: [Unicode.Scalar], _ produced: [Produced], fallback: Int) -> [Produced] {
        var offsets: [Produced] = []
        offsets.reserveCapacity(value.count)
        var j = 0
        for v in value {
            var match: Int?
            var k = j
            while k < produced.count, k < j + window {
                if compatible(produced[k].character, v) {
                    match = k
                    break
                }
                k += 1
            }
            if let match {
                offsets.append(produced[match])
                j = match + 1
            } else if j < produced.count {
                offsets.append(produced[j])
            } else {
                offsets.append(Produced(character: v, offset: produced.last.map { $0.offset + $0.width } ?? fallback))
            }
        }
        return offsets
    }

    private static func compatible(_ source: Unicode.Scalar, _ value: Unicode.Scalar) -> Bool {
        source == value || (source == "\n" && value == " ")
    }

    /// Turns per-character source offsets into runs of consecutive characters on one line.
    ///
    /// Characters written with more than one source character (escapes) get a segment of their own.
    private static func compress(_ aligned: [Produced], source: SourceText) -> [YAMLScalar.Segment] {
        var segments: [YAMLScalar.Segment] = []
        var previous = Produced(character: "\n", offset: -2, width: 0)
        for (i, current) in aligned.enumerated() {
            let continues =
                current.offset == previous.offset + 1 && previous.width == 1 && current.width == 1
                && !(source[previous.offset].map(SourceText.isBreak) ?? true)
            if !continues {
                let location = source.location(ofScalar: current.offset)
                segments.append(
                    YAMLScalar.Segment(
                        valueOffset: i, line: location.line, column: location.column, width: current.width))
            }
            previous = current
        }
        return segments
    }
}
