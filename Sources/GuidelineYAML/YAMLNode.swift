import GuidelineDiagnostics

/// A node of a loaded YAML document: a scalar, a list or a mapping, with where it is written.
public struct YAMLNode: Hashable, Sendable {
    /// What a node holds.
    public enum Kind: Hashable, Sendable {
        /// Text, with its style and source map.
        case scalar(YAMLScalar)
        /// A list (YAML sequence), in file order.
        case sequence([YAMLNode])
        /// A mapping as ordered pairs, in file order; keys are unique scalars in a loaded tree.
        case mapping([YAMLPair])
    }

    /// What the node holds.
    public var kind: Kind
    /// Where the node is written: 1-based line and column as an editor shows, end exclusive.
    ///
    /// A block collection ends where its last entry ends; a flow collection after its closing bracket; a
    /// quoted scalar after its closing quote; a block scalar after its last content character. A node reached
    /// through an alias has the alias's range (its children keep the anchored text's ranges).
    public var range: SourceRange
    /// The explicit tag as libyaml resolves it (`!!str` is `tag:yaml.org,2002:str`), `nil` when none is written.
    public var tag: String?

    /// Creates a node.
    public init(_ kind: Kind, range: SourceRange, tag: String? = nil) {
        self.kind = kind
        self.range = range
        self.tag = tag
    }

    /// The scalar, if this is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    /// The items, if this is a list.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The pairs, if this is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value of the pair whose scalar key is `key`, if this is a mapping holding it.
    public subscript(key: String) -> YAMLNode? { pair(forKey: key)?.value }

    /// The pair whose scalar key is `key`, if this is a mapping holding it (for the key's range).
    public func pair(forKey key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar?.value == key }
    }

    /// "a mapping", "a list" or "a scalar", for messages such as "expected a mapping, found a list".
    public var kindName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// The scalar's text, whatever it looks like (`no`, `08` stay words); `nil` for collections.
    public var asString: String? { scalar?.value }

    /// `true` or `false` for an untagged plain scalar written exactly `true` or `false`; `nil` otherwise.
    public func asBool() -> Bool? { tag == nil ? scalar?.asBool() : nil }

    /// The integer of an untagged plain scalar in strict decimal form (see `YAMLScalar.asInteger()`).
    public func asInteger() -> Int? { tag == nil ? scalar?.asInteger() : nil }

    /// The number of an untagged plain scalar in strict decimal form (see `YAMLScalar.asDecimal()`).
    public func asDecimal() -> Double? { tag == nil ? scalar?.asDecimal() : nil }
}
