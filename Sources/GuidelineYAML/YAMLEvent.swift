/// A position reported by libyaml: 0-based Unicode-scalar offset, 0-based line and column.
struct YAMLMark: Hashable, Sendable {
    /// Offset in Unicode scalars from the start of the (BOM-less) input.
    var index: Int
    /// 0-based line.
    var line: Int
    /// 0-based column, in Unicode scalars.
    var column: Int
}

/// The presentation style of a collection.
enum YAMLCollectionStyle: Sendable {
    case block
    case flow
}

/// One libyaml parse event, translated into Swift values (no C types).
enum YAMLEvent: Sendable {
    case streamStart
    case streamEnd
    case documentStart(implicit: Bool)
    case documentEnd
    case alias(anchor: String)
    case scalar(value: String, anchor: String?, tag: String?, style: YAMLScalar.Style)
    case sequenceStart(anchor: String?, tag: String?, style: YAMLCollectionStyle)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?, style: YAMLCollectionStyle)
    case mappingEnd
}
