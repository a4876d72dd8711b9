import GuidelineCompiler
import GuidelineExpression

/// The fixed pieces of every rule's `because` in a full JSON result, and every recommendation's citations,
/// prepared once per ruleset as JSON-ready bytes: the readable line cut around its values (as `ExplanationTemplate` cuts it, escaped) and the
/// explanation tree cut around its node values (each node's `{"expr":"...","value":` with its source text
/// escaped, the children's brackets and commas), so that a reason is written by copying pieces and formatting
/// the traced values, with no `ExplanationNode` tree or string built.
///
/// The bytes are those `ResultJSON` writes for the `Reason` that `Explanation.because` and `Explanation.tree`
/// give for the same trace. The tables hold only plain values, so reading them counts no references.
final class ReasonPieces: @unchecked Sendable {
    /// Fixed bytes of the arena, then the value of node `node` of the rule's trace if `node >= 0`.
    struct Segment {
        let start: Int
        let count: Int
        let node: Int
    }

    private let arena: UnsafeMutableBufferPointer<UInt8>
    private let base: UnsafePointer<UInt8>
    /// Every rule's line segments, then every rule's tree segments; rule `i`'s line is from `lineStarts[i]` to
    /// `lineStarts[i + 1]`, its tree from `treeStarts[i]` to `treeStarts[i + 1]`.
    private let segments: UnsafeMutableBufferPointer<Segment>
    private let lineStarts: UnsafeMutableBufferPointer<Int>
    private let treeStarts: UnsafeMutableBufferPointer<Int>
    /// Where each rule's trace starts in a record's trace, and how many nodes it has.
    private let traces: UnsafeMutableBufferPointer<(offset: Int, count: Int)>
    /// Each recommendation's rule, by flat index (`EvaluationPlan.recommendations`).
    private let recommendationRules: [Int]
    /// Each recommendation's `citations` array as `ResultJSON` writes it at depth `citationsDepth` (from `[` to
    /// `]`), by flat index: the citations and their sources' details are the same in every result.
    let citations: [[UInt8]]
    /// The depth of a recommendation's keys in a full result (top object, list, recommendation).
    static let citationsDepth = 3

    /// Prepares the pieces of every rule of `plan`'s ruleset.
    init(plan: EvaluationPlan) {
        let rules = plan.ruleset.rules
        var arena: [UInt8] = []
        var segments: [Segment] = []
        var pending: [UInt8] = []
        func cut(before node: Int) {
            segments.append(Segment(start: arena.count, count: pending.count, node: node))
            arena += pending
            pending = []
        }
        func escaped(_ bytes: [UInt8]) -> [UInt8] {
            let buffer = ByteBuffer(capacity: bytes.count + 16)
            bytes.withUnsafeBufferPointer { buffer.appendEscaped($0) }
            return buffer.array
        }
        func quoted(_ text: String) -> [UInt8] {
            let buffer = ByteBuffer(capacity: text.utf8.count + 16)
            buffer.appendQuoted(text)
            return buffer.array
        }
        var lineStarts: [Int] = []
        for rule in rules {
            lineStarts.append(segments.count)
            for segment in ExplanationTemplate(rule.condition).segments {
                switch segment {
                case .text(let bytes): pending += escaped(bytes)
                case .value(let node, let prefix):
                    pending += escaped(prefix)
                    // A node the template could not name reads as unknown there: `Int.max` is past any trace.
                    cut(before: node >= 0 ? node : Int.max)
                }
            }
            cut(before: -1)
        }
        lineStarts.append(segments.count)
        var treeStarts: [Int] = []
        for rule in rules {
            treeStarts.append(segments.count)
            let parsed = rule.condition.parsed
            // As `Explanation.tree` walks it: the node's source text and value, then its children.
            func node(_ id: Int) {
                pending += Array("{\"expr\":".utf8) + quoted(parsed.source(of: id)) + Array(",\"value\":".utf8)
                cut(before: id)
                pending += Array(",\"children\":[".utf8)
                for (position, child) in (parsed.node(id)?.children ?? []).enumerated() {
                    if position > 0 { pending.append(UInt8(ascii: ",")) }
                    node(child)
                }
                pending += Array("]}".utf8)
            }
            node(rule.condition.root)
            cut(before: -1)
        }
        treeStarts.append(segments.count)

        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, arena.count))
        _ = storage.initialize(from: arena)
        self.arena = storage
        // Never nil: allocated with at least one byte just above.
        // swift-format-ignore: NeverForceUnwrap
        base = UnsafePointer(storage.baseAddress!)
        self.segments = .allocate(capacity: max(1, segments.count))
        _ = self.segments.initialize(from: segments)
        self.lineStarts = .allocate(capacity: lineStarts.count)
        _ = self.lineStarts.initialize(from: lineStarts)
        self.treeStarts = .allocate(capacity: treeStarts.count)
        _ = self.treeStarts.initialize(from: treeStarts)
        recommendationRules = plan.recommendations.map(\.rule)
        citations = plan.recommendations.map { recommendation in
            var w = JSONWriter(pretty: true, depth: Self.citationsDepth)
            w.beginArray()
            for citation in rules[recommendation.rule].recommendations[recommendation.index].citations {
                ResultJSON.write(citation, into: &w)
            }
            w.endArray()
            // Without the line break and indentation the writer puts before a value at that depth.
            return Array(w.buffer.bytes.dropFirst(1 + 2 * Self.citationsDepth))
        }
        self.traces = .allocate(capacity: max(1, rules.count))
        _ = self.traces.initialize(
            from: rules.indices.map { (plan.traceOffsets[$0], rules[$0].condition.nodeCount) })
    }

    deinit {
        arena.deallocate()
        segments.deallocate()
        lineStarts.deallocate()
        treeStarts.deallocate()
        traces.deallocate()
    }

    /// The number of rules.
    var ruleCount: Int { traces.count }

    /// What a deferred reason (`ResultRenderer.defersReasons`) is the reason of, from the id of its tree's single
    /// node: `-1 - rule` for a rule's, `-1 - (rules + flat index)` for a recommendation's; nil for any other.
    func deferred(_ node: Int) -> (rule: Int, recommendation: Int?)? {
        let position = -1 - node
        guard position >= 0 else { return nil }
        if position < ruleCount { return (position, nil) }
        let flat = position - ruleCount
        guard flat < recommendationRules.count else { return nil }
        return (recommendationRules[flat], flat)
    }

    /// Appends rule `rule`'s readable line for the case traced in `trace` (a record's whole trace), quoted.
    func appendLine(ofRule rule: Int, trace: UnsafeBufferPointer<Value>, into out: ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        let values = Self.region(traces[rule], of: trace)
        for segment in segments[lineStarts[rule]..<lineStarts[rule + 1]] {
            out.append(UnsafeBufferPointer(start: base + segment.start, count: segment.count))
            if segment.node >= 0 { out.appendEscapedText(Self.value(segment.node, values)) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends rule `rule`'s explanation tree for the case traced in `trace`, as one compact JSON object.
    func appendTree(ofRule rule: Int, trace: UnsafeBufferPointer<Value>, into out: ByteBuffer) {
        let values = Self.region(traces[rule], of: trace)
        for segment in segments[treeStarts[rule]..<treeStarts[rule + 1]] {
            out.append(UnsafeBufferPointer(start: base + segment.start, count: segment.count))
            if segment.node >= 0 { out.appendJSON(Self.value(segment.node, values)) }
        }
    }

    /// A rule's values in the whole trace: empty when the trace does not hold them (as `EvaluationPlan.trace`).
    @inline(__always)
    private static func region(
        _ place: (offset: Int, count: Int), of trace: UnsafeBufferPointer<Value>
    ) -> UnsafeBufferPointer<Value> {
        guard place.offset >= 0, place.offset + place.count <= trace.count else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(rebasing: trace[place.offset..<(place.offset + place.count)])
    }

    /// Node `node`'s value, unknown when the region does not hold it.
    @inline(__always)
    private static func value(_ node: Int, _ values: UnsafeBufferPointer<Value>) -> Value {
        node < values.count ? values[node] : .unknown
    }
}
