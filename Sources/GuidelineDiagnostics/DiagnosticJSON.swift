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
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
