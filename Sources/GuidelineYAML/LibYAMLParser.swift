internal import CYAML

/// The only place that talks to libyaml: runs its event parser over UTF-8 bytes and hands each event,
/// translated into Swift values, to a handler.
enum LibYAMLParser {
    /// Parses `bytes` (UTF-8, no BOM) and calls `handler` for each event with its start and end marks.
    ///
    /// The handler returns `false` to stop early. Returns libyaml's error if parsing failed, `nil` when the
    /// stream ended or the handler stopped. Every libyaml resource is freed on every path.
    static func parse(
        _ bytes: [UInt8], handler: (YAMLEvent, YAMLMark, YAMLMark) -> Bool
    ) -> LibYAMLError? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            return LibYAMLError(kind: .memory, problem: "cannot initialise the yaml parser")
        }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        return bytes.withUnsafeBufferPointer { buffer -> LibYAMLError? in
            // libyaml never reads past `size`; an empty buffer still needs a valid pointer.
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) { emptyPointer -> LibYAMLError? in
                yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
                yaml_parser_set_input_string(parser, buffer.baseAddress ?? emptyPointer, buffer.count)
                while true {
                    guard yaml_parser_parse(parser, event) == 1 else { return error(of: parser) }
                    defer { yaml_event_delete(event) }
                    let start = mark(event.pointee.start_mark)
                    let end = mark(event.pointee.end_mark)
                    let translated = translate(event.pointee)
                    guard let translated else { return nil }
                    if !handler(translated, start, end) { return nil }
                    if case .streamEnd = translated { return nil }
                }
            }
        }
    }

    private static func translate(_ event: yaml_event_t) -> YAMLEvent? {
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_STREAM_END_EVENT:
            return .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart(implicit: event.data.document_start.implicit != 0)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: string(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = string(scalar.value, length: scalar.length) ?? ""
            return .scalar(
                value: value, anchor: string(scalar.anchor), tag: string(scalar.tag), style: style(scalar.style))
        case YAML_SEQUENCE_START_EVENT:
            let sequence = event.data.sequence_start
            let flow = sequence.style == YAML_FLOW_SEQUENCE_STYLE
            return .sequenceStart(
                anchor: string(sequence.anchor), tag: string(sequence.tag), style: flow ? .flow : .block)
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let mapping = event.data.mapping_start
            let flow = mapping.style == YAML_FLOW_MAPPING_STYLE
            return .mappingStart(anchor: string(mapping.anchor), tag: string(mapping.tag), style: flow ? .flow : .block)
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // YAML_NO_EVENT: libyaml produced nothing more.
            return nil
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(index: Int(mark.index), line: Int(mark.line), column: Int(mark.column))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        guard let pointer else { return nil }
        // The value may hold NUL characters (the `\0` escape), so use the length, not the terminator.
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func cText(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func error(of parser: UnsafeMutablePointer<yaml_parser_t>) -> LibYAMLError {
        let p = parser.pointee
        let kind: LibYAMLError.Kind
        switch p.error {
        case YAML_MEMORY_ERROR: kind = .memory
        case YAML_READER_ERROR: kind = .reader
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_PARSER_ERROR: kind = .parser
        default: kind = .other
        }
        let problem = cText(p.problem) ?? "unknown yaml error"
        let context = cText(p.context)
        if kind == .reader {
            return LibYAMLError(
                kind: kind, problem: problem, context: context,
                byteOffset: Int(p.problem_offset), problemValue: Int(p.problem_value))
        }
        return LibYAMLError(
            kind: kind, problem: problem, problemMark: mark(p.problem_mark),
            context: context, contextMark: context == nil ? nil : mark(p.context_mark))
    }
}
