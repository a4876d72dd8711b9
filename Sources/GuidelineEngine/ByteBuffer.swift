import GuidelineExpression

/// A growable byte buffer that appends by plain memory copies: the batch writer's output.
///
/// Owned by one thread at a time (a batch worker keeps one and reuses it for every block), it grows
/// geometrically and never shrinks, so writing a line allocates nothing once it is large enough.
package final class ByteBuffer: @unchecked Sendable {
    /// Where the bytes are, how many are written and how many fit.
    private struct State {
        var base: UnsafeMutablePointer<UInt8>
        var count: Int
        var capacity: Int
    }

    /// The state lives behind a constant pointer: appends then need no dynamic exclusivity checks, which a
    /// class's variable properties would cost on every append.
    private let state: UnsafeMutablePointer<State>

    /// An empty buffer with room for `capacity` bytes.
    package init(capacity: Int = 1 << 16) {
        let capacity = max(16, capacity)
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: capacity), count: 0, capacity: capacity))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deallocate()
    }

    /// The number of bytes written.
    package var count: Int { state.pointee.count }

    private var base: UnsafeMutablePointer<UInt8> { state.pointee.base }

    /// The bytes written, valid until the next append or `removeAll`.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// A copy of the bytes written.
    package var array: [UInt8] { Array(bytes) }

    /// Forgets the bytes written, keeping the memory.
    package func removeAll() { state.pointee.count = 0 }

    /// Forgets the bytes written after the first `count`.
    func truncate(to count: Int) { state.pointee.count = min(self.count, max(0, count)) }

    /// Makes room for `extra` (>= 0) more bytes; returns where they go and the count once they are written
    /// (set it with `state.pointee.count = end`: the stores between cannot change it, and the caller need not
    /// read it again).
    ///
    /// Counts are sizes of memory, far from overflowing.
    @inline(__always)
    private func reserve(_ extra: Int) -> (target: UnsafeMutablePointer<UInt8>, end: Int) {
        let count = state.pointee.count
        let end = count &+ extra
        if end > state.pointee.capacity { grow(to: end) }
        return (state.pointee.base + count, end)
    }

    private func grow(to needed: Int) {
        var capacity = state.pointee.capacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: state.pointee.base, count: state.pointee.count)
        state.pointee.base.deallocate()
        state.pointee.base = grown
        state.pointee.capacity = capacity
    }

    /// Appends one byte.
    @inline(__always)
    package func append(_ byte: UInt8) {
        let (target, end) = reserve(1)
        target.pointee = byte
        state.pointee.count = end
    }

    /// Appends bytes; pieces of up to 64 bytes (nearly all of a batch line's) are copied inline, without a call.
    @inline(__always)
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let (target, end) = reserve(bytes.count)
        Self.copy(UnsafeRawPointer(source), to: UnsafeMutableRawPointer(target), count: bytes.count)
        state.pointee.count = end
    }

    /// Copies `count` (> 0) bytes from `source` to `target` (which do not overlap): up to 64 bytes by
    /// overlapping loads and stores of the largest width that fits (never reading or writing outside the
    /// `count` bytes), longer runs by `memcpy`.
    @inline(__always)
    static func copy(_ source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int) {
        assert(count > 0)
        if count >= 8 {
            if count <= 16 {
                let head = source.loadUnaligned(as: UInt64.self)
                let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                target.storeBytes(of: head, as: UInt64.self)
                target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            } else if count <= 32 {
                let head = source.loadUnaligned(as: SIMD16<UInt8>.self)
                let tail = source.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
                target.storeBytes(of: head, as: SIMD16<UInt8>.self)
                target.storeBytes(of: tail, toByteOffset: count - 16, as: SIMD16<UInt8>.self)
            } else if count <= 64 {
                let first = source.loadUnaligned(as: SIMD16<UInt8>.self)
                let second = source.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
                let third = source.loadUnaligned(fromByteOffset: count - 32, as: SIMD16<UInt8>.self)
                let fourth = source.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
                target.storeBytes(of: first, as: SIMD16<UInt8>.self)
                target.storeBytes(of: second, toByteOffset: 16, as: SIMD16<UInt8>.self)
                target.storeBytes(of: third, toByteOffset: count - 32, as: SIMD16<UInt8>.self)
                target.storeBytes(of: fourth, toByteOffset: count - 16, as: SIMD16<UInt8>.self)
            } else {
                target.copyMemory(from: source, byteCount: count)
            }
        } else if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else {
            // 1 to 3 bytes: the first, the middle and the last (some the same byte).
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: count >> 1, as: UInt8.self)
            let last = source.load(fromByteOffset: count - 1, as: UInt8.self)
            target.storeBytes(of: first, as: UInt8.self)
            target.storeBytes(of: middle, toByteOffset: count >> 1, as: UInt8.self)
            target.storeBytes(of: last, toByteOffset: count - 1, as: UInt8.self)
        }
    }

    /// Appends a literal's UTF-8.
    @inline(__always)
    package func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8, unescaped.
    package func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a number's canonical digits (`14`, `0.5`, `-3.25`).
    func append(_ number: Number) {
        let (target, end) = reserve(Number.maximumDigits)
        state.pointee.count = end &- Number.maximumDigits &+ number.writeDigits(to: target)
    }

    /// Appends a non-negative integer's digits.
    func append(integer: Int) {
        Number(exactly: integer).map(append)
    }

    /// Appends UTF-8 bytes as the content of a JSON string literal (without the quotes), escaped as
    /// `DiagnosticJSON.quote` does.
    ///
    /// Eight bytes at a time are checked at once for anything to escape.
    func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var position = 0
        while position < count {
            if position + 8 <= count,
                !Self.mayNeedEscaping(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            {
                position += 8
                continue
            }
            let byte = base[position]
            position += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(start: base + runStart, count: position - 1 - runStart))
            runStart = position
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
        append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }

    /// Whether any of the eight bytes of `word` is a control character, a quote or a backslash (exact: no
    /// byte is missed; bytes of multi-byte UTF-8 characters never match).
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote & highs
        let backslashes = (backslash &- ones) & ~backslash & highs
        return control | quotes | backslashes != 0
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
        case .quantity(let q):
            append(q.value)
            append(UInt8(ascii: " "))
            var symbol = q.unit.symbol
            symbol.withUTF8 { appendEscaped($0) }
        default:
            var text: [UInt8] = []
            value.writeText(into: &text)
            text.withUnsafeBufferPointer { appendEscaped($0) }
        }
    }
}
