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
    public func appendCanonicalForm(to out: inout [UInt8], sortedLists: Set<String> = []) {
        appendCanonicalForm(to: &out, sortedLists: sortedLists, key: nil)
    }

    private func appendCanonicalForm(to out: inout [UInt8], sortedLists: Set<String>, key: String?) {
        switch representation {
        case .scalar(let scalar):
            Self.appendCanonical(scalar, to: &out)
        case .other(let storage):
            switch storage.kind {
            case .scalar(let scalar):
                Self.appendCanonical(scalar, to: &out)
            case .sequence(let items):
                out.append(UInt8(ascii: "["))
                Self.appendDecimal(items.count, to: &out)
                if let key, sortedLists.contains(key) {
                    let parts = items.map { item -> String in
                        var part: [UInt8] = []
                        item.appendCanonicalForm(to: &part, sortedLists: [], key: nil)
                        return String(decoding: part, as: UTF8.self)
                    }.sorted()
                    for (index, part) in parts.enumerated() {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        out.append(contentsOf: part.utf8)
                    }
                } else {
                    for index in items.indices {
                        if index > 0 { out.append(UInt8(ascii: ",")) }
                        items[index].appendCanonicalForm(to: &out, sortedLists: [], key: nil)
                    }
                }
                out.append(UInt8(ascii: "]"))
            case .mapping(let pairs):
                out.append(UInt8(ascii: "{"))
                Self.appendDecimal(pairs.count, to: &out)
                if Self.keysAreSorted(pairs) {
                    for index in pairs.indices { Self.appendEntry(pairs[index], first: index == 0, to: &out, sortedLists: sortedLists) }
                } else {
                    let names = pairs.map { $0.key.scalarText ?? "" }
                    let order = names.indices.sorted { names[$0] < names[$1] }
                    for (position, index) in order.enumerated() {
                        Self.appendEntry(pairs[index], first: position == 0, to: &out, sortedLists: sortedLists)
                    }
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    private static func appendCanonical(_ scalar: YAMLScalar, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "s"))
        out.append(UInt8(ascii: scalar.isPlain ? "p" : "q"))
        let value = scalar.value
        appendDecimal(value.utf8.count, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: value.utf8)
    }

    private static func appendEntry(_ pair: YAMLPair, first: Bool, to out: inout [UInt8], sortedLists: Set<String>) {
        if !first { out.append(UInt8(ascii: ",")) }
        let name = pair.key.scalarText ?? ""
        appendDecimal(name.utf8.count, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: "="))
        pair.value.appendCanonicalForm(to: &out, sortedLists: sortedLists, key: name)
    }

    /// The text of a scalar node, read where it lies.
    private var scalarText: String? {
        switch representation {
        case .scalar(let scalar): return scalar.value
        case .other(let storage):
            if case .scalar(let scalar) = storage.kind { return scalar.value }
            return nil
        }
    }

    /// Whether the keys of `pairs` are already in order (then sorting would leave them as they are).
    private static func keysAreSorted(_ pairs: [YAMLPair]) -> Bool {
        guard pairs.count > 1 else { return true }
        var previous = pairs[0].key.scalarText ?? ""
        for index in pairs.indices.dropFirst() {
            let name = pairs[index].key.scalarText ?? ""
            if name < previous { return false }
            previous = name
        }
        return true
    }

    /// Appends the decimal digits of `value` (not negative).
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
