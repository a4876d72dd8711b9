import Foundation
import GuidelineDiagnostics

/// A JSON value of a decision record, written in one canonical form: object keys sorted by their UTF-8 bytes, no
/// whitespace, strings escaped minimally (`"`, `\`, control characters as `\u00XX` or their short escapes), numbers
/// only as integers.
///
/// Two equal values always give the same bytes, so the bytes can be hashed (the chain) and compared (replay).
package indirect enum AuditJSON: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A string.
    case string(String)
    /// An array, in order.
    case array([AuditJSON])
    /// An object; written with its keys sorted.
    case object([String: AuditJSON])

    /// The canonical bytes.
    package var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    /// Appends the canonical bytes to `out`.
    package func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): DiagnosticJSON.appendQuoted(value, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                DiagnosticJSON.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]?.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Parses JSON bytes (as a record's body was written); nil when they are not JSON of this form.
    package static func parse(_ bytes: [UInt8]) -> AuditJSON? {
        var parser = AuditJSONParser(bytes)
        return parser.parse()
    }

    /// The member `key` of an object.
    package subscript(key: String) -> AuditJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The string, if this is one.
    package var string: String? { if case .string(let value) = self { value } else { nil } }
    /// The integer, if this is one.
    package var int: Int? { if case .int(let value) = self { value } else { nil } }
    /// The items, if this is an array.
    package var array: [AuditJSON]? { if case .array(let items) = self { items } else { nil } }
    /// The members, if this is an object.
    package var object: [String: AuditJSON]? { if case .object(let members) = self { members } else { nil } }
}

extension AuditJSON {
    /// A string, or null for nil.
    package static func optional(_ text: String?) -> AuditJSON { text.map(AuditJSON.string) ?? .null }
}

extension AuditJSON: Decodable {
    /// Decodes any JSON value whose numbers are integers.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode([AuditJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AuditJSON].self))
        }
    }
}
