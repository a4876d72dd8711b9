import GuidelineExpression

/// A growable byte buffer that appends by plain memory copies: the batch writer's output.
///
/// Owned by one thread at a time (a batch worker keeps one and reuses it for every block), it grows
/// geometrically and never shrinks, so writing a line allocates nothing once it is large enough.
public final class ByteBuffer: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    public private(set) var count = 0

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 1 << 16) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, valid until the next append or `removeAll`.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// A copy of the bytes written.
    public var array: [UInt8] { Array(bytes) }

    /// Forgets the bytes written, keeping the memory.
    public func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends bytes.
    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends a literal's UTF-8.
    @inline(__always)
    public func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a byte array.
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends a string's UTF-8, unescaped.
    public func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a number's canonical digits (`14`, `0.5`, `-3.25`).
    func append(_ number: Number) {
        number.withDigits { append($0) }
    }

    /// Appends a non-negative integer's digits.
    func append(integer: Int) {
        Number(exactly: integer).map(append)
    }

    /// Appends UTF-8 bytes as the content of a JSON string literal (without the quotes), escaped as
    /// `DiagnosticJSON.quote` does.
    func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for position in 0..<bytes.count {
            let byte = bytes[position]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            runStart = position + 1
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            default:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                append(hex.utf8Start[Int(byte >> 4)])
                append(hex.utf8Start[Int(byte & 15)])
            }
        }
        append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    /// Appends `text` as a JSON string literal.
    func appendQuoted(_ text: String) {
        append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0) }
        append(UInt8(ascii: "\""))
    }

    /// Appends a value as `ResultJSON.value` writes it.
    func appendJSON(_ value: Value) {
        switch value {
        case .unknown: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n)
        case .interval(let lo, let hi):
            append("{\"min\":")
            append(lo)
            append(",\"max\":")
            append(hi)
            append(UInt8(ascii: "}"))
        case .quantity(let q):
            append("{\"value\":")
            append(q.value)
            append(",\"unit\":")
            appendQuoted(q.unit.symbol)
            append(UInt8(ascii: "}"))
        case .symbol(let type, let index): appendQuoted(type.value(at: index) ?? "unknown")
        case .string(let s): appendQuoted(s)
        case .list, .range: append(utf8: ResultJSON.value(value))
        }
    }

    /// Appends a value's display text (`Value.description`) escaped for a JSON string.
    func appendEscapedText(_ value: Value) {
        switch value {
        case .unknown: append("unknown")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n)
        case .interval(let lo, let hi):
            append(lo)
            append("..")
            append(hi)
        default:
            var text: [UInt8] = []
            value.writeText(into: &text)
            text.withUnsafeBufferPointer { appendEscaped($0) }
        }
    }
}
