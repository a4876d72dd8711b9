import GuidelineDiagnostics

/// The source map of a scalar that is not written verbatim on one line (folded, block, escaped, with
/// doubled quotes), worked out from the file the first time a position inside the scalar is asked for, and
/// then kept.
///
/// Such scalars are mostly descriptions, notes and quotations that no diagnostic ever points into, and their
/// maps cost more to build than the rest of reading them. The map is the one `ScalarSourceMap.segments` gives
/// from the same inputs, so every position is the same as if it had been built at once. It keeps the file's
/// text (`SourceText`) alive as long as the scalar.
final class DeferredSourceMap: @unchecked Sendable {
    private let value: String
    private let style: YAMLScalar.Style
    private let source: SourceText
    private let start: Int
    private let end: Int
    /// Guards `computed`: scalars are shared across threads (a compiled ruleset is).
    private let mutex = PThreadMutex()
    private var computed: (segments: SegmentList, length: Int)?

    /// A map of `value`, written in `style` between the libyaml marks `start` and `end` of `source`.
    init(value: String, style: YAMLScalar.Style, source: SourceText, start: Int, end: Int) {
        self.value = value
        self.style = style
        self.source = source
        self.start = start
        self.end = end
    }

    deinit { mutex.destroy() }

    /// The segments and the value's length in Unicode scalars.
    var map: (segments: SegmentList, length: Int) {
        mutex.withLock {
            if let computed { return computed }
            let result = ScalarSourceMap.segments(value: value, style: style, source: source, start: start, end: end)
            computed = result
            return result
        }
    }
}
