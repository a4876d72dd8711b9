/// Inputs too large or too binary to commit as fixtures, built by the corpus tests: each generator is
/// deterministic, so a location in it is as stable as one in a committed file.
enum GeneratedInput {
    /// Every byte value, in order, four times: not UTF-8 (0x80 is the first invalid byte, on line 3).
    static let binary: [UInt8] = Array(repeating: Array(0...255) as [UInt8], count: 4).flatMap { $0 }

    /// `text` in UTF-16 with its byte-order mark, little- or big-endian.
    static func utf16(_ text: String, bigEndian: Bool = false, byteOrderMark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    /// `depth` nested flow lists: `[[[...]]]`.
    static func nestedLists(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    /// A flow list of `count` zeros: `[0, 0, ...]`, one node each.
    static func flatList(_ count: Int) -> String {
        "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
    }

    /// A word of `count` letters `k`, for keys and values of 100 KB.
    static func word(_ count: Int) -> String { String(repeating: "k", count: count) }

    /// A comment line of `bytes` bytes and a line break: input over the size limit that is otherwise valid.
    static func comment(bytes: Int) -> String { "#" + String(repeating: "x", count: bytes - 2) + "\n" }

    /// 100 KB, the size of the long keys and values the issue asks about.
    static let hundredKB = 100 * 1024
}

/// A generated input of a corpus: its file name, its bytes and what it must give.
struct GeneratedFixture: Sendable, CustomStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    var expectation: CorpusExpectation
    var description: String { name }
}
