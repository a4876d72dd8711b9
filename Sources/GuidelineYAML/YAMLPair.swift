/// One entry of a mapping: a key node and its value node, in file order.
public struct YAMLPair: Hashable, Sendable {
    /// The key; always a scalar in a loaded tree (other keys are reported and dropped).
    public var key: YAMLNode
    /// The value.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    public var keyString: String? { key.scalar?.value }
}
