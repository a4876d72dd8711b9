import GuidelineDiagnostics

/// A node of a loaded YAML document: a scalar, a list or a mapping, with where it is written.
package struct YAMLNode: Hashable, Sendable {
    /// What a node holds.
    package enum Kind: Hashable, Sendable {
        /// Text, with its style and source map.
        case scalar(YAMLScalar)
        /// A list (YAML sequence), in file order.
        case sequence([YAMLNode])
        /// A mapping as ordered pairs, in file order; keys are unique scalars in a loaded tree.
        case mapping([YAMLPair])
    }

    /// The fields of a node that is not a plain scalar node, shared by every copy and never changed.
    final class Storage: Sendable {
        let kind: Kind
        let range: SourceRange
        let tag: String?

        init(kind: Kind, range: SourceRange, tag: String?) {
            self.kind = kind
            self.range = range
            self.tag = tag
        }
    }

    /// How a node is held: copying one (into a pair, a list, a dictionary) is one reference count, not one
    /// per string and array it holds.
    ///
    /// A scalar without a tag whose range is its scalar's (almost every scalar) is the scalar itself, with no storage
    /// of its own; setting a field makes fresh storage.
    enum Representation: Sendable {
        case scalar(YAMLScalar)
        case other(Storage)
    }

    private(set) var representation: Representation

    /// What the node holds.
    package var kind: Kind {
        get {
            switch representation {
            case .scalar(let scalar): .scalar(scalar)
            case .other(let storage): storage.kind
            }
        }
        set { self = YAMLNode(newValue, range: range, tag: tag) }
    }

    /// Where the node is written: 1-based line and column as an editor shows, end exclusive.
    ///
    /// A block collection ends where its last entry ends; a flow collection after its closing bracket; a
    /// quoted scalar after its closing quote; a block scalar after its last content character. A node reached
    /// through an alias has the alias's range (its children keep the anchored text's ranges).
    package var range: SourceRange {
        get {
            switch representation {
            case .scalar(let scalar): scalar.range
            case .other(let storage): storage.range
            }
        }
        set { self = YAMLNode(kind, range: newValue, tag: tag) }
    }

    /// The explicit tag as libyaml resolves it (`!!str` is `tag:yaml.org,2002:str`), `nil` when none is written.
    package var tag: String? {
        get {
            switch representation {
            case .scalar: nil
            case .other(let storage): storage.tag
            }
        }
        set { self = YAMLNode(kind, range: range, tag: newValue) }
    }

    /// Creates a node.
    package init(_ kind: Kind, range: SourceRange, tag: String? = nil) {
        if case .scalar(let scalar) = kind, tag == nil, scalar.range == range {
            representation = .scalar(scalar)
        } else {
            representation = .other(Storage(kind: kind, range: range, tag: tag))
        }
    }

    /// A scalar node written where its scalar is, with no tag.
    init(scalar: YAMLScalar) {
        representation = .scalar(scalar)
    }

    /// Nodes are equal when what they hold, their range and their tag are.
    package static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.kind == rhs.kind && lhs.range == rhs.range && lhs.tag == rhs.tag
    }

    /// Hashes what `==` compares.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(range)
        hasher.combine(tag)
    }

    /// The scalar, if this is one.
    package var scalar: YAMLScalar? {
        switch representation {
        case .scalar(let scalar): return scalar
        case .other(let storage):
            if case .scalar(let s) = storage.kind { return s }
            return nil
        }
    }

    /// Whether this is a scalar whose text is `text`, compared where it lies (no copy of the scalar).
    func isScalar(withValue text: String) -> Bool {
        switch representation {
        case .scalar(let scalar): return scalar.value == text
        case .other(let storage):
            if case .scalar(let scalar) = storage.kind { return scalar.value == text }
            return false
        }
    }

    /// The items, if this is a list.
    package var sequence: [YAMLNode]? {
        if case .other(let storage) = representation, case .sequence(let items) = storage.kind { return items }
        return nil
    }

    /// The pairs, if this is a mapping.
    package var mapping: [YAMLPair]? {
        if case .other(let storage) = representation, case .mapping(let pairs) = storage.kind { return pairs }
        return nil
    }

    /// The value of the pair whose scalar key is `key`, if this is a mapping holding it.
    package subscript(key: String) -> YAMLNode? { pair(forKey: key)?.value }

    /// The pair whose scalar key is `key`, if this is a mapping holding it (for the key's range).
    package func pair(forKey key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar?.value == key }
    }

    /// "a mapping", "a list" or "a scalar", for messages such as "expected a mapping, found a list".
    package var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The scalar's text, whatever it looks like (`no`, `08` stay words); `nil` for collections.
    package var asString: String? { scalar?.value }

    /// `true` or `false` for an untagged plain scalar written exactly `true` or `false`; `nil` otherwise.
    package func asBool() -> Bool? { tag == nil ? scalar?.asBool() : nil }

    /// The integer of an untagged plain scalar in strict decimal form (see `YAMLScalar.asInteger()`).
    package func asInteger() -> Int? { tag == nil ? scalar?.asInteger() : nil }

    /// The number of an untagged plain scalar in strict decimal form (see `YAMLScalar.asDecimal()`).
    package func asDecimal() -> Double? { tag == nil ? scalar?.asDecimal() : nil }
}
