import GuidelineDiagnostics

/// A small, fast JSON writer with deterministic output (keys in the order written).
///
/// Results are written with it directly, with no intermediate dictionaries, so that two runs of the same
/// case produce byte-identical output and batch evaluation stays cheap.
package struct JSONWriter: Sendable {
    /// The text written so far.
    package private(set) var output: String = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth: Int { needsComma.count - 1 }

    /// Creates a writer; `pretty` indents by two spaces per level.
    package init(pretty: Bool = false) {
        self.pretty = pretty
        output.reserveCapacity(2048)
    }

    /// Starts an object (as a value, or as the value of `key`).
    package mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    /// Ends the current object.
    package mutating func endObject() { close("}") }
    /// Starts an array.
    package mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    /// Ends the current array.
    package mutating func endArray() { close("]") }

    /// Writes a string (or null).
    package mutating func string(_ key: String? = nil, _ value: String?) {
        prefix(key)
        if let value { output += DiagnosticJSON.quote(value) } else { output += "null" }
    }

    /// Writes an integer (or null).
    package mutating func integer(_ key: String? = nil, _ value: Int?) {
        prefix(key)
        output += value.map(String.init) ?? "null"
    }

    /// Writes a boolean (or null).
    package mutating func bool(_ key: String? = nil, _ value: Bool?) {
        prefix(key)
        output += value.map { $0 ? "true" : "false" } ?? "null"
    }

    /// Writes pre-encoded JSON text as a value (a number's canonical text, a nested document).
    package mutating func raw(_ key: String? = nil, _ json: String) {
        prefix(key)
        output += json
    }

    /// Writes null.
    package mutating func null(_ key: String? = nil) { raw(key, "null") }

    private mutating func open(_ key: String?, _ bracket: String) {
        prefix(key)
        output += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { newline() }
        output += bracket
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && depth > 0 { newline() }
        if let key {
            output += DiagnosticJSON.quote(key)
            output += pretty ? ": " : ":"
        }
    }

    private mutating func newline() {
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }
}
