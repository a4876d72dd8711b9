import GuidelineDiagnostics

/// Builds the node tree from libyaml events: source ranges, source maps, limits, duplicate keys, aliases.
struct YAMLTreeBuilder {
    /// An open list or mapping.
    private struct Frame {
        var isMapping: Bool
        /// Where the collection starts (1-based; the file is the document's).
        var startLine: Int
        var startColumn: Int
        var style: YAMLCollectionStyle
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        /// The key waiting for its value, and whether the pair is to be dropped (an error was reported).
        var pendingKey: YAMLNode?
        var dropPending = false
        /// The accepted keys by text, once the mapping is large; smaller ones search `pairs`.
        var keyIndex: [String: YAMLNode]?
        /// Where the last node completed in this collection ends (for where a block collection ends); line 0
        /// before the first.
        var lastEndLine = 0
        var lastEndColumn = 0
        /// Nodes in this subtree so far, itself included.
        var size = 1
        /// Height of the tallest child (scalars are 0).
        var childHeight = 0

        /// Mappings up to this many keys find duplicates by comparing with each key (no hashing).
        static let keyListLimit = 16

        /// The accepted key whose text is `text` (compared as Swift strings, as a dictionary would), read where
        /// the keys lie.
        func firstKey(_ text: String) -> YAMLNode? {
            if let keyIndex { return keyIndex[text] }
            for index in pairs.indices where pairs[index].key.isScalar(withValue: text) { return pairs[index].key }
            return nil
        }

        /// Registers an accepted key; its pair joins `pairs` when its value is complete.
        mutating func accept(_ key: YAMLNode, text: String) {
            if keyIndex != nil {
                keyIndex?[text] = key
            } else if pairs.count >= Self.keyListLimit {
                var index: [String: YAMLNode] = [:]
                for pair in pairs { if let text = pair.key.scalar?.value { index[text] = pair.key } }
                index[text] = key
                keyIndex = index
            }
        }
    }

    /// What an anchor names, with what expanding it costs.
    private struct Anchored {
        var node: YAMLNode
        var size: Int
        var height: Int
    }

    /// The entries a new collection has room for before it grows.
    static let initialCapacity = 8

    let source: SourceText
    let limits: YAMLLimits
    private(set) var bag = DiagnosticBag()
    /// The document's root, once complete.
    private(set) var root: YAMLNode?
    /// Set when loading stopped on an error that leaves no usable tree.
    private(set) var fatal = false

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var nodeCount = 0
    private var aliasCount = 0
    private var documents = 0

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// Handles one event; returns `false` to stop parsing.
    ///
    /// Locations are made only where they are kept or reported: each holds the file name, and counting
    /// its references for every event costs more than the rest of the event.
    mutating func handle(_ event: YAMLEvent, start: YAMLMark, end: YAMLMark) -> Bool {
        var startLocation: SourceLocation { source.location(of: start) }
        switch event {
        case .streamStart, .streamEnd, .documentEnd:
            return true
        case .documentStart:
            documents += 1
            if documents > 1 {
                bag.error(
                    YAMLDiagnosticCode.multipleDocuments, "a file holds one yaml document, found a second one",
                    at: SourceRange(start: startLocation, end: source.location(of: end)),
                    help: ["remove the '---' line and everything after it, or move it to its own file"])
                return false
            }
            return true
        case .scalar(let value, let anchor, let tag, let style):
            guard count(nodes: 1, at: start) else { return false }
            if tag != nil { tagError(at: start, anchored: anchor != nil) }
            let (node, endLine, endColumn) = scalarNode(value: value, tag: tag, style: style, start: start, end: end)
            return complete(node, endLine: endLine, endColumn: endColumn, size: 1, height: 0, anchor: anchor)
        case .alias(let name):
            return alias(name, range: SourceRange(start: startLocation, end: source.location(of: end)))
        case .sequenceStart(let anchor, let tag, let style), .mappingStart(let anchor, let tag, let style):
            var isMapping = false
            if case .mappingStart = event { isMapping = true }
            guard count(nodes: 1, at: start) else { return false }
            if tag != nil { tagError(at: start, anchored: anchor != nil) }
            if stack.count + 1 > limits.maxDepth {
                depthError(at: SourceRange(start: startLocation))
                return false
            }
            stack.append(
                Frame(
                    isMapping: isMapping, startLine: start.line + 1, startColumn: start.column + 1, style: style,
                    tag: tag, anchor: anchor))
            // Room for a typical collection at once, rather than growing it 1, 2, 4, 8 (changed where it lies).
            if isMapping {
                stack[stack.count - 1].pairs.reserveCapacity(Self.initialCapacity)
            } else {
                stack[stack.count - 1].items.reserveCapacity(Self.initialCapacity)
            }
            return true
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return true }
            var (endLine, endColumn) = (end.line + 1, end.column + 1)
            if frame.style != .flow {
                (endLine, endColumn) =
                    frame.lastEndLine > 0
                    ? (frame.lastEndLine, frame.lastEndColumn) : (frame.startLine, frame.startColumn)
            }
            let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let range = SourceRange(
                start: SourceLocation(file: source.file, line: frame.startLine, column: frame.startColumn),
                end: SourceLocation(file: source.file, line: endLine, column: endColumn))
            let node = YAMLNode(kind, range: range, tag: frame.tag)
            return complete(
                node, endLine: endLine, endColumn: endColumn, size: frame.size, height: frame.childHeight + 1,
                anchor: frame.anchor)
        }
    }

    /// Reports the explicit tag (`!!null`, `!!str`, `!local`) of the node starting at `start` (after its anchor,
    /// when it has one): tags are not honoured, each field reads its value by the type it expects, so a tag is
    /// an error rather than silently ignored.
    private mutating func tagError(at start: YAMLMark, anchored: Bool) {
        func isEnd(_ c: Unicode.Scalar) -> Bool {
            SourceText.isWhite(c) || SourceText.isBreak(c) || c == "," || c == "]" || c == "}"
        }
        var p = start.index
        if anchored, source[p] == "&" {
            while let c = source[p], !isEnd(c) { p += 1 }
            while let c = source[p], SourceText.isWhite(c) || SourceText.isBreak(c) { p += 1 }
        }
        var q = p
        if source[q] == "!", source[q + 1] == "<" {
            while let c = source[q], c != ">" { q += 1 }
            q += 1
        } else {
            while let c = source[q], !isEnd(c) { q += 1 }
        }
        var written = ""
        for offset in p..<max(p, q) { if let c = source[offset] { written.unicodeScalars.append(c) } }
        bag.error(
            YAMLDiagnosticCode.tagNotAllowed, "tag \(quoted: written) is not allowed",
            at: SourceRange(start: source.location(ofScalar: p), end: source.location(ofScalar: q)),
            help: [
                "remove it: each value is read as the type its field expects (leave an unknown fact out, or write null)"
            ])
    }

    /// The root, with an empty plain untagged document (`---` alone) counted as no document.
    var documentRoot: YAMLNode? {
        guard let root, !fatal else { return nil }
        if let scalar = root.scalar, scalar.isPlain, scalar.value.isEmpty, root.tag == nil { return nil }
        return root
    }

    /// The node of a scalar event, and the line and column where it ends.
    private func scalarNode(
        value: String, tag: String?, style: YAMLScalar.Style, start: YAMLMark, end: YAMLMark
    ) -> (node: YAMLNode, endLine: Int, endColumn: Int) {
        var endOffset = end.index
        var (endLine, endColumn) = (end.line + 1, end.column + 1)
        if style == .literal || style == .folded {
            // libyaml ends a block scalar after its trailing line breaks; end it after its last character.
            while endOffset > start.index, let c = source[endOffset - 1], SourceText.isWhite(c) || SourceText.isBreak(c)
            {
                endOffset -= 1
            }
            (endLine, endColumn) = source.lineAndColumn(ofScalar: endOffset)
        }
        let file = source.file
        let range = SourceRange(
            start: SourceLocation(file: file, line: start.line + 1, column: start.column + 1),
            end: SourceLocation(file: file, line: endLine, column: endColumn))
        let scalar: YAMLScalar
        if let map = ScalarSourceMap.immediate(
            value: value, style: style, source: source, start: start.index, end: end.index, startLine: start.line,
            endLine: end.line)
        {
            scalar = YAMLScalar(value: value, style: style, range: range, segments: map.segments, length: map.length)
        } else {
            let deferred = DeferredSourceMap(
                value: value, style: style, source: source, start: start.index, end: end.index)
            scalar = YAMLScalar(value: value, style: style, range: range, deferred: deferred)
        }
        let node = tag == nil ? YAMLNode(scalar: scalar) : YAMLNode(.scalar(scalar), range: range, tag: tag)
        return (node, endLine, endColumn)
    }

    private mutating func alias(_ name: String, range: SourceRange) -> Bool {
        aliasCount += 1
        if aliasCount > limits.maxAliases {
            fail(
                YAMLDiagnosticCode.aliasLimit, "more than \(limits.maxAliases) aliases, the limit for one file",
                at: range)
            return false
        }
        guard let anchored = anchors[name] else {
            fail(
                YAMLDiagnosticCode.unknownAnchor, "unknown anchor \(quoted: name)", at: range,
                help: ["define '&\(name)' on a node before this alias, outside the node that uses it"])
            return false
        }
        guard count(nodes: anchored.size, at: range) else { return false }
        if stack.count + anchored.height > limits.maxDepth {
            depthError(at: range)
            return false
        }
        var node = anchored.node
        node.range = range
        return complete(
            node, endLine: range.end.line, endColumn: range.end.column, size: anchored.size, height: anchored.height,
            anchor: nil)
    }

    /// Registers the anchor and adds the node, which ends at `endLine`:`endColumn`, to its parent (or makes
    /// it the root).
    private mutating func complete(
        _ node: YAMLNode, endLine: Int, endColumn: Int, size: Int, height: Int, anchor: String?
    ) -> Bool {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        Self.add(
            node, endLine: endLine, endColumn: endColumn, size: size, height: height, to: &stack[stack.count - 1],
            bag: &bag)
        return true
    }

    /// Adds a completed node to the open collection `frame`: an item, a key or the value of the pending key.
    ///
    /// The frame is changed where it lies on the stack, in one access: copying a frame out and back would
    /// count every string and array it holds twice per node.
    private static func add(
        _ node: YAMLNode, endLine: Int, endColumn: Int, size: Int, height: Int, to frame: inout Frame,
        bag: inout DiagnosticBag
    ) {
        frame.size += size
        frame.childHeight = max(frame.childHeight, height)
        frame.lastEndLine = endLine
        frame.lastEndColumn = endColumn
        if !frame.isMapping {
            frame.items.append(node)
        } else if let key = frame.pendingKey {
            if !frame.dropPending { frame.pairs.append(YAMLPair(key: key, value: node)) }
            frame.pendingKey = nil
            frame.dropPending = false
        } else {
            frame.dropPending = !acceptKey(node, in: &frame, bag: &bag)
            frame.pendingKey = node
        }
    }

    /// Checks a mapping key: a scalar, not a merge key, not a duplicate.
    ///
    /// Reports and returns `false` if not.
    private static func acceptKey(_ key: YAMLNode, in frame: inout Frame, bag: inout DiagnosticBag) -> Bool {
        guard let scalar = key.scalar else {
            bag.error(
                YAMLDiagnosticCode.complexKey, "a mapping key must be a scalar, found \(key.kindName)", at: key.range,
                help: ["write the key as plain text"])
            return false
        }
        let text = scalar.value
        if scalar.isPlain, text == "<<", key.tag == nil {
            bag.error(
                YAMLDiagnosticCode.mergeKey, "merge keys ('<<') are not supported", at: key.range,
                help: ["write the entries out, or use an alias ('*name') as a whole value"])
            return false
        }
        if let first = frame.firstKey(text) {
            bag.error(
                YAMLDiagnosticCode.duplicateKey, "key \(quoted: text) is already defined", at: key.range,
                notes: [DiagnosticNote("first defined here", at: first.range)])
            return false
        }
        if frame.keyIndex != nil || frame.pairs.count >= Frame.keyListLimit { frame.accept(key, text: text) }
        return true
    }

    /// Counts nodes against the node limit; reports and returns `false` when it is exceeded.
    private mutating func count(nodes: Int, at mark: YAMLMark) -> Bool {
        nodeCount += nodes
        guard nodeCount > limits.maxNodes else { return true }
        return count(nodes: 0, at: SourceRange(start: source.location(of: mark)))
    }

    private mutating func count(nodes: Int, at range: SourceRange) -> Bool {
        nodeCount += nodes
        guard nodeCount > limits.maxNodes else { return true }
        fail(
            YAMLDiagnosticCode.nodeLimit, "the file has more than \(limits.maxNodes) nodes, the limit", at: range,
            help: aliasCount > 0 ? ["each alias counts every node it repeats"] : [])
        return false
    }

    private mutating func depthError(at range: SourceRange) {
        fail(YAMLDiagnosticCode.depthLimit, "nesting is deeper than the limit of \(limits.maxDepth) levels", at: range)
    }

    private mutating func fail(
        _ code: YAMLDiagnosticCode, _ message: String, at range: SourceRange, help: [String] = []
    ) {
        bag.error(code, message, at: range, help: help)
        fatal = true
    }

    /// Marks the tree unusable (after a libyaml error).
    mutating func markFatal() { fatal = true }
}
