/// One sub-expression with the value it had in an evaluation, for showing why a result came out as it did.
public struct ExplanationNode: Sendable, Hashable {
    /// The node id in the expression.
    package var node: Int
    /// The sub-expression's source text.
    public var text: String
    /// Its value in the evaluation.
    public var value: Value
    /// Its operands.
    public var children: [ExplanationNode]

    /// Creates a node.
    package init(node: Int, text: String, value: Value, children: [ExplanationNode]) {
        self.node = node
        self.text = text
        self.value = value
        self.children = children
    }

    /// `text = value`, for example `sins >= 13 = true`.
    package var line: String { "\(text) = \(value)" }

    /// The tree as indented lines, two spaces per level.
    package func outline(indent: Int = 0) -> String {
        var out = String(repeating: "  ", count: indent) + line + "\n"
        for child in children { out += child.outline(indent: indent + 1) }
        return out
    }
}
