import GuidelineYAML

/// Rewrites YAML text with the entries of its block mappings in another order, moving whole lines as the
/// parsed node ranges delimit them: nothing is re-typed or re-quoted, comments travel with the entry above
/// them, and nested mappings (facts, each fact's keys, each rule's keys, the manifest's sections) are
/// reordered too. Lists keep their order, except those under the keys in `reorderedLists` (the manifest's
/// `files`). The order is one of a few fixed permutations, chosen by `variant` and the depth.
struct YAMLReorderer {
    /// Which permutations to use; different variants give different orders.
    var variant: Int
    /// Keys whose block lists are reordered too.
    var reorderedLists: Set<String> = []

    private var lines: [Substring] = []

    init(variant: Int, reorderedLists: Set<String> = []) {
        self.variant = variant
        self.reorderedLists = reorderedLists
    }

    /// `text` reordered; nil when it does not load as YAML.
    mutating func reorder(_ text: String) -> String? {
        guard let root = YAMLLoader().load(text: text, file: "reorder.yaml").root else { return nil }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return render(root, from: 0, to: lines.count - 1, depth: 0, key: nil).joined(separator: "\n")
    }

    /// A permutation of `count` items: reversed, rotated, odd before even, or reversed and rotated.
    func permutation(_ count: Int, depth: Int) -> [Int] {
        let indices = Array(0..<count)
        switch (variant + depth) % 4 {
        case 0: return indices.reversed()
        case 1: return Array(indices[1...] + indices[..<1])
        case 2: return indices.filter { $0 % 2 == 1 } + indices.filter { $0 % 2 == 0 }
        default: return Array((indices[(count / 2)...] + indices[..<(count / 2)]).reversed())
        }
    }

    /// Lines `first...last` (0-based) that hold `node`, with its block collections reordered.
    private func render(_ node: YAMLNode, from first: Int, to last: Int, depth: Int, key: String?) -> [Substring] {
        guard first <= last, isBlock(node) else { return Array(lines[first...last]) }
        let starts: [Int]
        let children: [YAMLNode]
        if let pairs = node.mapping {
            starts = pairs.map { $0.key.range.start.line - 1 }
            children = pairs.map(\.value)
        } else if let items = node.sequence {
            starts = items.map { $0.range.start.line - 1 }
            children = items
        } else {
            return Array(lines[first...last])
        }
        // Entries that share a line cannot move as lines; leave such a collection as it is.
        guard !starts.isEmpty, Set(starts).count == starts.count, starts[0] >= first, starts.last! <= last else {
            return Array(lines[first...last])
        }
        let head = Array(lines[first..<starts[0]])
        var blocks: [[Substring]] = []
        for (index, child) in children.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : last
            let childKey = node.mapping?[index].key.scalar?.value
            blocks.append(renderEntry(child, from: starts[index], to: end, depth: depth + 1, key: childKey))
        }
        let reorder = node.mapping != nil || (key.map(reorderedLists.contains) ?? false)
        guard reorder, blocks.count > 1 else { return head + blocks.flatMap { $0 } }
        // The first entry's line may start with a `- ` of the list around the mapping: keep it first.
        let column = (node.mapping?[0].key.range.start.column ?? node.range.start.column) - 1
        let prefix = blocks[0][0].prefix(column)
        blocks[0][0] = Substring(String(repeating: " ", count: prefix.count) + blocks[0][0].dropFirst(prefix.count))
        var reordered = permutation(blocks.count, depth: depth).map { blocks[$0] }
        reordered[0][0] = prefix + reordered[0][0].dropFirst(prefix.count)
        return head + reordered.flatMap { $0 }
    }

    /// One entry's lines `first...last`, its value reordered inside when it is a block collection of its own.
    private func renderEntry(_ value: YAMLNode, from first: Int, to last: Int, depth: Int, key: String?) -> [Substring]
    {
        let start = value.range.start.line - 1
        let end = min(value.range.end.line - 1, last)
        guard isBlock(value), start >= first, start <= end else { return Array(lines[first...last]) }
        let tail = end < last ? Array(lines[(end + 1)...last]) : []
        return Array(lines[first..<start]) + render(value, from: start, to: end, depth: depth, key: key) + tail
    }

    /// Whether `node` is a block (not flow) mapping or list.
    private func isBlock(_ node: YAMLNode) -> Bool {
        guard node.mapping != nil || node.sequence != nil else { return false }
        let line = lines[node.range.start.line - 1]
        let character = line.unicodeScalars.dropFirst(node.range.start.column - 1).first
        return character != "{" && character != "["
    }
}
