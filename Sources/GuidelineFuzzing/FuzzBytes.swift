/// A deterministic stream of choices drawn from fuzz input bytes, so that libFuzzer's mutations steer them.
///
/// Reads bytes in order and starts over at the end; an empty source gives zeros.
struct FuzzBytes {
    private let bytes: [UInt8]
    private var index = 0

    /// A stream over `bytes`.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next byte.
    mutating func byte() -> UInt8 {
        guard !bytes.isEmpty else { return 0 }
        defer { index = (index + 1) % bytes.count }
        return bytes[index]
    }

    /// A choice in `0..<count` (0 when `count` is not positive).
    mutating func choose(_ count: Int) -> Int {
        count > 0 ? Int(byte()) % count : 0
    }

    /// A 64-bit integer from the next eight bytes.
    mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int64(bitPattern: value)
    }
}
