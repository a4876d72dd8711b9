/// Encodes diagnostics as JSON for editors and CI, with no dependency on Foundation's encoders.
package enum DiagnosticJSON {
    /// A JSON array of diagnostic objects: `severity`, `code`, `message`, `file`, `line`, `column`,
    /// `endLine`, `endColumn`, `help`, `notes`.
    package static func encode(_ diagnostics: [Diagnostic]) -> String {
        "[" + diagnostics.map(object).joined(separator: ",") + "]"
    }

    /// One diagnostic as a JSON object.
    package static func object(_ d: Diagnostic) -> String {
        var fields = [
            "\"severity\":\(quote(d.severity.rawValue))",
            "\"code\":\(quote(d.code))",
            "\"message\":\(quote(d.message))",
        ]
        if let r = d.range {
            fields.append("\"file\":\(quote(r.start.file))")
            fields.append("\"line\":\(r.start.line),\"column\":\(r.start.column)")
            fields.append("\"endLine\":\(r.end.line),\"endColumn\":\(r.end.column)")
        } else {
            fields.append("\"file\":null,\"line\":null,\"column\":null,\"endLine\":null,\"endColumn\":null")
        }
        fields.append("\"help\":[" + d.help.map(quote).joined(separator: ",") + "]")
        let notes = d.notes.map { note -> String in
            var parts = ["\"message\":\(quote(note.message))"]
            if let r = note.range {
                parts.append("\"file\":\(quote(r.start.file)),\"line\":\(r.start.line),\"column\":\(r.start.column)")
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        fields.append("\"notes\":[" + notes.joined(separator: ",") + "]")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A JSON string literal with the required escapes.
    package static func quote(_ s: String) -> String {
        // Most strings need no escape: copy them whole (appending scalar by scalar cost a batch header ~7 ms).
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            return "\"" + s + "\""
        }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `out` as a JSON string: quotes, backslashes and control characters escaped (`\n`, `\r`,
    /// `\t`, else `\u00xx` in lowercase hex), nothing else; the one string escape of every JSON writer that works on
    /// bytes (CDS Hooks responses, audit records).
    package static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied at once.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [
                    92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)],
                ])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
