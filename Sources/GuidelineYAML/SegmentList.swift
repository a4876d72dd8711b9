/// A scalar's source map (`YAMLScalar.Segment`s sorted by value offset), with the first segment held
/// inline: most scalars are written verbatim on one line and have exactly one segment, which then needs no
/// array of its own.
struct SegmentList: Hashable, Sendable {
    private let first: YAMLScalar.Segment?
    private let rest: [YAMLScalar.Segment]

    /// No segments (an empty value).
    static let empty = SegmentList(first: nil, rest: [])

    private init(first: YAMLScalar.Segment?, rest: [YAMLScalar.Segment]) {
        self.first = first
        self.rest = rest
    }

    /// Exactly one segment.
    init(_ segment: YAMLScalar.Segment) {
        self.init(first: segment, rest: [])
    }

    /// The segments of `segments`, in order.
    init(_ segments: [YAMLScalar.Segment]) {
        self.init(first: segments.first, rest: Array(segments.dropFirst()))
    }

    /// The number of segments.
    var count: Int { first == nil ? 0 : 1 + rest.count }

    /// True for an empty value.
    var isEmpty: Bool { first == nil }

    /// The segment at `index` (0 ..< count).
    subscript(index: Int) -> YAMLScalar.Segment {
        if index == 0, let first { return first }
        return rest[index - 1]
    }
}
