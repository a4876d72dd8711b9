import GuidelineExpression

/// Appends JSON pieces to a byte buffer: the batch writer's fast path (no intermediate strings).
enum ByteJSON {
    /// A JSON string literal, escaped as `DiagnosticJSON.quote` does.
    static func quoted(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        appendQuoted(text, into: &out)
        return out
    }

    /// Appends `text` as a JSON string literal.
    static func appendQuoted(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped(UnsafeBufferPointer(rebasing: $0[...]), into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 bytes as the content of a JSON string literal (without the quotes).
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var runStart = 0
        for (position, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            runStart = position + 1
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: "\\n".utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: "\\t".utf8)
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Appends a value as `ResultJSON.value` writes it.
    static func appendValue(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .unknown: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): n.write(into: &out)
        case .interval(let lo, let hi):
            out.append(contentsOf: "{\"min\":".utf8)
            lo.write(into: &out)
            out.append(contentsOf: ",\"max\":".utf8)
            hi.write(into: &out)
            out.append(UInt8(ascii: "}"))
        case .quantity(let q):
            out.append(contentsOf: "{\"value\":".utf8)
            q.value.write(into: &out)
            out.append(contentsOf: ",\"unit\":".utf8)
            appendQuoted(q.unit.symbol, into: &out)
            out.append(UInt8(ascii: "}"))
        case .symbol(let type, let index): appendQuoted(type.value(at: index) ?? "unknown", into: &out)
        case .string(let s): appendQuoted(s, into: &out)
        case .list, .range: out.append(contentsOf: ResultJSON.value(value).utf8)
        }
    }

    /// Appends `["a","b"]`.
    static func appendStrings(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (position, value) in values.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendQuoted(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
