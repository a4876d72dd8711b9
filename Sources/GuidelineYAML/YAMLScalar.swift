import GuidelineDiagnostics

/// A scalar's text, its style and a source map from offsets in the text to positions in the file.
///
/// The value is always the text as written (after YAML's quoting, escaping and folding): no implicit typing.
/// `no`, `on`, `08`, `1e3` and `~` are those words. Use the strict readers (`asBool()`, `asInteger()`,
/// `asDecimal()`) where a field expects a typed value.
package struct YAMLScalar: Hashable, Sendable {
    /// How a scalar was written.
    package enum Style: String, Hashable, Sendable {
        /// Unquoted: `word`.
        case plain
        /// Single-quoted: `'it''s'`.
        case singleQuoted
        /// Double-quoted with escapes: `"a\tb"`.
        case doubleQuoted
        /// Literal block: `|`.
        case literal
        /// Folded block: `>`.
        case folded
    }

    /// A run of value characters that sit side by side on one source line.
    struct Segment: Hashable, Sendable {
        /// Offset (in Unicode scalars) of the run's first character in `value`.
        var valueOffset: Int
        /// 1-based line of that character in the file.
        var line: Int
        /// 1-based column of that character in the file.
        var column: Int
        /// Source characters per value character: 1, or an escape's length in a one-character segment.
        var width: Int = 1
    }

    /// The fields, shared by every copy: copying a scalar is one reference count, not one per string and array.
    private final class Storage: Sendable {
        let value: String
        let style: Style
        let range: SourceRange
        /// The source map and length, when known from the start; otherwise `deferred` works them out.
        let given: (segments: SegmentList, length: Int)?
        let deferred: DeferredSourceMap?

        init(value: String, style: Style, range: SourceRange, given: (SegmentList, Int)?, deferred: DeferredSourceMap?)
        {
            self.value = value
            self.style = style
            self.range = range
            self.given = given
            self.deferred = deferred
        }

        var map: (segments: SegmentList, length: Int) {
            if let given { return given }
            if let deferred { return deferred.map }
            return (.empty, value.unicodeScalars.count)
        }
    }

    private let storage: Storage

    /// The text of the scalar.
    package var value: String { storage.value }
    /// How the scalar was written.
    package var style: Style { storage.style }
    /// Where the whole scalar is written, quotes and block headers included.
    package var range: SourceRange { storage.range }
    /// The source map, sorted by `valueOffset`; empty for an empty value.
    var segments: SegmentList { storage.map.segments }
    /// `value.unicodeScalars.count`.
    var length: Int { storage.map.length }

    /// Creates a scalar with a source map; `length` is `value.unicodeScalars.count` when the caller knows it.
    init(value: String, style: Style, range: SourceRange, segments: SegmentList, length: Int? = nil) {
        storage = Storage(
            value: value, style: style, range: range, given: (segments, length ?? value.unicodeScalars.count),
            deferred: nil)
    }

    /// Creates a scalar whose source map is worked out when first needed.
    init(value: String, style: Style, range: SourceRange, deferred: DeferredSourceMap) {
        storage = Storage(value: value, style: style, range: range, given: nil, deferred: deferred)
    }

    /// Scalars are equal when their text, style, range and source map are.
    package static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.value == rhs.value && lhs.style == rhs.style && lhs.range == rhs.range
                && lhs.segments == rhs.segments)
    }

    /// Hashes what `==` compares.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(style)
        hasher.combine(range)
        hasher.combine(segments)
    }

    /// Creates a scalar whose characters all sit on one line, starting at `start` (for tests and synthesis).
    package init(value: String, style: Style = .plain, at start: SourceLocation) {
        let length = value.unicodeScalars.count
        let contentColumn = start.column + (style == .singleQuoted || style == .doubleQuoted ? 1 : 0)
        let quotes = style == .singleQuoted || style == .doubleQuoted ? 2 : 0
        let end = SourceLocation(file: start.file, line: start.line, column: start.column + length + quotes)
        self.init(
            value: value, style: style, range: SourceRange(start: start, end: end),
            segments: length == 0
                ? .empty : SegmentList(Segment(valueOffset: 0, line: start.line, column: contentColumn)))
    }

    /// True for unquoted, non-block scalars: the only ones `asBool()`, `asInteger()` and `asDecimal()` accept.
    package var isPlain: Bool { style == .plain }

    /// True for a plain scalar that YAML would read as null: empty, `~` or `null`.
    ///
    /// Only for fields that allow "no value"; elsewhere these stay the strings `~` and `null`.
    package var isNull: Bool { isPlain && (value.isEmpty || value == "~" || value == "null") }

    /// The text, whatever it looks like: `no`, `on`, `08`, `1e3` stay exactly those words.
    package var asString: String { value }

    /// The file location of the character at `offset` (a Unicode-scalar offset into `value`).
    ///
    /// `offset == value.unicodeScalars.count` gives the position just past the last character. Offsets
    /// outside the value are clamped.
    package func location(at offset: Int) -> SourceLocation {
        let (segments, length) = storage.map
        guard !segments.isEmpty, length > 0 else { return contentStart }
        if offset >= length { return end(of: length - 1, in: segments) }
        return position(of: max(0, offset), in: segments)
    }

    /// The exact file range of the characters `span` (Unicode-scalar offsets into `value`), end exclusive.
    ///
    /// Works for every style: quotes, escapes (`\"`, `''`, `\u00e9`), folded line breaks and block scalars
    /// map back to the characters that produced them. An empty span gives an empty range at its position.
    /// Out-of-range spans are clamped, never trapping.
    package func range(of span: Range<Int>) -> SourceRange {
        let (segments, length) = storage.map
        let lower = max(0, min(span.lowerBound, length))
        let upper = max(lower, min(span.upperBound, length))
        let start = location(at: lower)
        guard upper > lower else { return SourceRange(start: start) }
        return SourceRange(start: start, end: end(of: upper - 1, in: segments))
    }

    /// The range of the whole value (without quotes or block headers).
    package var valueRange: SourceRange { range(of: 0..<length) }

    private var contentStart: SourceLocation {
        var start = range.start
        if style == .singleQuoted || style == .doubleQuoted { start.column += 1 }
        return start
    }

    /// The position just past the source text of the character at `offset`.
    private func end(of offset: Int, in segments: SegmentList) -> SourceLocation {
        guard !segments.isEmpty else { return contentStart }
        var location = position(of: offset, in: segments)
        location.column += segments[segmentIndex(of: offset, in: segments)].width
        return location
    }

    private func segmentIndex(of offset: Int, in segments: SegmentList) -> Int {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].valueOffset <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private func position(of offset: Int, in segments: SegmentList) -> SourceLocation {
        guard !segments.isEmpty else { return contentStart }
        let segment = segments[segmentIndex(of: offset, in: segments)]
        return SourceLocation(
            file: range.start.file, line: segment.line, column: segment.column + max(0, offset - segment.valueOffset))
    }
}
