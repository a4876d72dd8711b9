/// A canonical byte form of a node tree, for content fingerprints: the same for the same content
/// whatever the layout, comments, quoting style of keys or order of mapping keys.
extension YAMLNode {
    /// Appends the canonical form of this node to `out`.
    ///
    /// A scalar is `s` + `p` (plain) or `q` (any other style) + its UTF-8 length + `:` + its text; a list is
    /// `[` + its count + its items joined by `,` + `]`; a mapping is `{` + its count + `len:key=value`
    /// entries sorted by key (as Swift strings) and joined by `,` + `}`. Lists that are the value of a key
    /// in `sortedLists` (at any depth of mappings, not inside a list) are sorted by their items' forms, read
    /// as strings: for lists whose order does not matter, such as a manifest's file list.
    package func appendCanonicalForm(to out: inout [UInt8], sortedLists: Set<String> = []) {
        var writer = CanonicalWriter(sortedLists: sortedLists)
        defer { writer.deallocate() }
        writer.write(self)
        writer.withBytes { out.append(contentsOf: $0) }
    }
}

/// Writes the canonical form (`YAMLNode.appendCanonicalForm`) into a growing buffer of its own (one
/// store per byte, no uniqueness checks), reading each node where it lies (no copies of lists or key texts)
/// and ordering the keys of small mappings in place.
///
/// Call `deallocate()` when done.
struct CanonicalWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Keys whose list values are sorted (none inside a list).
    private var sortedLists: Set<String>

    /// Mappings up to this many keys are put in order by insertion, larger ones by the standard sort.
    private static let insertionLimit = 16

    init(sortedLists: Set<String>, capacity: Int = 4096) {
        self.sortedLists = sortedLists
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Frees the buffer; the writer is not used after.
    func deallocate() { base.deallocate() }

    /// Calls `body` with the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    private mutating func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(capacity * 2, count + more)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = grown
    }

    @inline(__always)
    private mutating func byte(_ byte: UInt8) {
        if count == capacity { reserve(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let start = bytes.baseAddress { (base + count).update(from: start, count: bytes.count) }
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    private mutating func text(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            for byte in text.utf8 { self.byte(byte) }
        }
    }

    /// Writes `node`; `sortItems` when it is the value of a key in `sortedLists`.
    mutating func write(_ node: YAMLNode, sortItems: Bool = false) {
        switch node.representation {
        case .scalar(let scalar):
            write(scalar)
        case .other(let storage):
            switch storage.kind {
            case .scalar(let scalar): write(scalar)
            case .sequence(let items): write(items, sorted: sortItems)
            case .mapping(let pairs): write(pairs)
            }
        }
    }

    private mutating func write(_ scalar: YAMLScalar) {
        let value = scalar.value
        byte(UInt8(ascii: "s"))
        byte(UInt8(ascii: scalar.isPlain ? "p" : "q"))
        decimal(value.utf8.count)
        byte(UInt8(ascii: ":"))
        text(value)
    }

    private mutating func write(_ items: [YAMLNode], sorted: Bool) {
        byte(UInt8(ascii: "["))
        decimal(items.count)
        if sorted {
            let parts = items.map { item -> String in
                var part = CanonicalWriter(sortedLists: [], capacity: 256)
                defer { part.deallocate() }
                part.write(item)
                return part.withBytes { String(decoding: $0, as: UTF8.self) }
            }.sorted()
            for (index, part) in parts.enumerated() {
                if index > 0 { byte(UInt8(ascii: ",")) }
                text(part)
            }
        } else {
            // Nothing inside a list is sorted.
            let outer = sortedLists
            sortedLists = []
            for index in items.indices {
                if index > 0 { byte(UInt8(ascii: ",")) }
                write(items[index])
            }
            sortedLists = outer
        }
        byte(UInt8(ascii: "]"))
    }

    private mutating func write(_ pairs: [YAMLPair]) {
        byte(UInt8(ascii: "{"))
        decimal(pairs.count)
        // Each key's text is read once, into a scratch list; the order is found on it.
        withUnsafeTemporaryAllocation(of: String.self, capacity: pairs.count) { names in
            for index in pairs.indices { names.initializeElement(at: index, to: pairs[index].key.scalar?.value ?? "") }
            defer { names.deinitialize() }
            if Self.isSorted(names) {
                for index in pairs.indices { entry(names[index], pairs[index].value, first: index == 0) }
                return
            }
            if pairs.count > Self.insertionLimit {
                let order = pairs.indices.sorted { names[$0] < names[$1] }
                for (position, index) in order.enumerated() {
                    entry(names[index], pairs[index].value, first: position == 0)
                }
                return
            }
            // Stable, as the standard sort is: the same order of the same keys.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: pairs.count) { order in
                for index in pairs.indices {
                    var position = index
                    while position > 0, names[index] < names[order[position - 1]] {
                        order[position] = order[position - 1]
                        position -= 1
                    }
                    order[position] = index
                }
                for position in pairs.indices {
                    entry(names[order[position]], pairs[order[position]].value, first: position == 0)
                }
            }
        }
        byte(UInt8(ascii: "}"))
    }

    private mutating func entry(_ name: String, _ value: YAMLNode, first: Bool) {
        if !first { byte(UInt8(ascii: ",")) }
        decimal(name.utf8.count)
        byte(UInt8(ascii: ":"))
        text(name)
        byte(UInt8(ascii: "="))
        write(value, sortItems: !sortedLists.isEmpty && sortedLists.contains(name))
    }

    /// Whether `names` are in order (then sorting would leave them as they are).
    private static func isSorted(_ names: UnsafeMutableBufferPointer<String>) -> Bool {
        guard names.count > 1 else { return true }
        for index in 1..<names.count where names[index] < names[index - 1] { return false }
        return true
    }

    /// Appends the decimal digits of `value` (not negative).
    @inline(__always)
    private mutating func decimal(_ value: Int) {
        if value < 10 {
            byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
        } else if value < 100 {
            byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10))
            byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
        } else {
            var divisor = 100
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
    }
}
