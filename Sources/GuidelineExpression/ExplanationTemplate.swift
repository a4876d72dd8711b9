/// The readable "because" line of one expression, prepared once: the printed expression cut into fixed text and
/// the places where a name's value goes, in parentheses after the name (`sins (14) >= 13 and not spine.stabilized
/// (false)`), so that a value is never read as an operator's result; each evaluation only fills values in.
///
/// `Explanation.because` renders through it, and batch writers append it straight into a byte buffer.
package struct ExplanationTemplate: Sendable {
    /// A piece of the line.
    package enum Segment: Sendable {
        /// Fixed text, as UTF-8.
        case text([UInt8])
        /// `name (` followed by the traced value of node `node` (the closing `)` is the next text).
        case value(node: Int, prefix: [UInt8])
    }

    /// The pieces of the line, in order; writers that keep their own form of the template read them.
    package let segments: [Segment]

    /// Prepares the template of `checked`.
    package init(_ checked: CheckedExpression) {
        // Print once with a marker for each name that reads a slot, then cut at the markers. The markers are
        // control characters, which expressions cannot contain.
        var names: [Int: String] = [:]
        let printed = ExpressionPrinter.print(checked.parsed) { id, node in
            guard case .name(let name) = node.kind, checked.slot(of: id) != nil else { return nil }
            names[id] = name
            return "\u{1}\(id)\u{2}"
        }
        var segments: [Segment] = []
        var text: [UInt8] = []
        var bytes = Array(printed.utf8)[...]
        while let start = bytes.firstIndex(of: 1) {
            text.append(contentsOf: bytes[..<start])
            guard let end = bytes[start...].firstIndex(of: 2) else { break }
            let id = Int(String(decoding: bytes[(start + 1)..<end], as: UTF8.self)) ?? -1
            if !text.isEmpty { segments.append(.text(text)) }
            text = Array(")".utf8)
            segments.append(.value(node: id, prefix: Array("\(names[id] ?? "") (".utf8)))
            bytes = bytes[(end + 1)...]
        }
        text.append(contentsOf: bytes)
        if !text.isEmpty { segments.append(.text(text)) }
        self.segments = segments
    }

    /// Appends the line for `trace` (values indexed by node id) to `out`.
    package func write(trace: UnsafeBufferPointer<Value>, into out: inout [UInt8]) {
        for segment in segments {
            switch segment {
            case .text(let bytes): out.append(contentsOf: bytes)
            case .value(let node, let prefix):
                out.append(contentsOf: prefix)
                (node >= 0 && node < trace.count ? trace[node] : .unknown).writeText(into: &out)
            }
        }
    }

    /// The line for `trace`.
    package func render(trace: [Value]) -> String {
        var out: [UInt8] = []
        trace.withUnsafeBufferPointer { write(trace: $0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
