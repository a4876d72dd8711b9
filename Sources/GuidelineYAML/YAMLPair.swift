/// One entry of a mapping: a key node and its value node, in file order.
package struct YAMLPair: Hashable, Sendable {
    /// The key; always a scalar in a loaded tree (other keys are reported and dropped).
    package var key: YAMLNode
    /// The value.
    package var value: YAMLNode

    /// Creates a pair.
    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text when the key is a scalar.
    package var keyString: String? { key.scalar?.value }
}
