/// An explanation node in its reported form, `{"expr", "value", "children"}` (`Schemas/result.schema.json`).
/// The node id is the engine's and is not reported: a decoded node has id 0.
extension ExplanationNode: Codable {
    private enum CodingKeys: String, CodingKey {
        case expr, value, children
    }

    /// Writes the node and its operands.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(text, forKey: .expr)
        try keyed.encode(value, forKey: .value)
        try keyed.encode(children, forKey: .children)
    }

    /// Reads a node and its operands.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            node: 0, text: try keyed.decode(String.self, forKey: .expr),
            value: try keyed.decodeIfPresent(Value.self, forKey: .value) ?? .unknown,
            children: try keyed.decode([ExplanationNode].self, forKey: .children))
    }
}
