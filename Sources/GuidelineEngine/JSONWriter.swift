import GuidelineExpression

/// A small, fast JSON writer with deterministic output (keys in the order written).
///
/// Results are written with it directly, with no intermediate dictionaries, so that two runs of the same
/// case produce byte-identical output and batch evaluation stays cheap. It writes UTF-8 bytes into a
/// `ByteBuffer` (keys and strings escaped in place, numbers formatted in place, indentation copied from a
/// constant), so that writing allocates only when the buffer grows. A writer owns its buffer: it is not copied
/// while in use (pass it `inout`).
package struct JSONWriter: Sendable {
    /// The bytes written so far.
    let buffer: ByteBuffer
    /// Whether the innermost open object or array has an item (and the next needs a comma).
    private var needsComma = false
    /// `needsComma` of each enclosing level, outermost first.
    private var outer: [Bool] = []
    private let pretty: Bool
    /// The number of open objects and arrays.
    var depth: Int { outer.count }

    /// Creates a writer; `pretty` indents by two spaces per level; `capacity` is the bytes to make room for.
    package init(pretty: Bool = false, capacity: Int = 2048) {
        self.pretty = pretty
        buffer = ByteBuffer(capacity: capacity)
        outer.reserveCapacity(16)
    }

    /// Creates a writer that indents as if `depth` objects were open, to prepare a piece written at that depth.
    init(pretty: Bool, depth: Int) {
        self.init(pretty: pretty, capacity: 256)
        outer = Array(repeating: false, count: depth)
    }

    /// The text written so far.
    package var output: String { String(decoding: buffer.bytes, as: UTF8.self) }

    /// Starts an object (as a value, or as the value of `key`).
    package mutating func beginObject(_ key: String? = nil) { open(key, UInt8(ascii: "{")) }
    /// Ends the current object.
    package mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Starts an array.
    package mutating func beginArray(_ key: String? = nil) { open(key, UInt8(ascii: "[")) }
    /// Ends the current array.
    package mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes a string (or null).
    package mutating func string(_ key: String? = nil, _ value: String?) {
        prefix(key)
        if let value { buffer.appendQuoted(value) } else { buffer.append("null") }
    }

    /// Writes an integer (or null).
    package mutating func integer(_ key: String? = nil, _ value: Int?) {
        prefix(key)
        guard let value else { return buffer.append("null") }
        if let number = Number(exactly: value) { buffer.append(number) } else { buffer.append(utf8: String(value)) }
    }

    /// Writes a boolean (or null).
    package mutating func bool(_ key: String? = nil, _ value: Bool?) {
        prefix(key)
        guard let value else { return buffer.append("null") }
        buffer.append(value ? "true" : "false")
    }

    /// Writes a value as `ResultJSON.value` gives it.
    package mutating func value(_ key: String? = nil, _ value: Value) {
        prefix(key)
        buffer.appendJSON(value)
    }

    /// Writes pre-encoded JSON text as a value (a number's canonical text, a nested document).
    package mutating func raw(_ key: String? = nil, _ json: String) {
        prefix(key)
        buffer.append(utf8: json)
    }

    /// Starts a value of `key` that the caller then writes into `buffer` itself, as one compact JSON value.
    mutating func rawValue(_ key: String? = nil) { prefix(key) }

    /// Writes null.
    package mutating func null(_ key: String? = nil) { raw(key, "null") }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        prefix(key)
        buffer.append(bracket)
        outer.append(needsComma)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma
        needsComma = outer.popLast() ?? false
        if pretty && hadItems { newline() }
        buffer.append(bracket)
    }

    private mutating func prefix(_ key: String?) {
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        needsComma = true
        if pretty && depth > 0 { newline() }
        if let key {
            buffer.appendQuoted(key)
            if pretty { buffer.append(": ") } else { buffer.append(UInt8(ascii: ":")) }
        }
    }

    /// Sixty-four spaces, copied in pieces for indentation.
    private static let spaces: StaticString = "                                                                "

    private func newline() {
        buffer.append(UInt8(ascii: "\n"))
        var left = 2 * depth
        let spaces = Self.spaces
        while left > 0 {
            let count = min(left, spaces.utf8CodeUnitCount)
            buffer.append(UnsafeBufferPointer(start: spaces.utf8Start, count: count))
            left -= count
        }
    }
}
