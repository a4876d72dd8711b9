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

    /// Inputs malformed the same way, at the same place, as a rule file and as a case: the loader rejects them
    /// before either language reads them. Both corpora run them.
    static let shared: [GeneratedFixture] = [
        .init(
            "binary.yaml", { binary },
            .init("yaml.invalid-utf8", at: 3, 115, "every byte value: 0x80 after the breaks 0x0A, 0x0D")),
        .init(
            "utf16-le.yaml", { utf16("facts:\n  spine.level: T1\n") },
            .init("yaml.invalid-utf8", at: 1, 1, "UTF-16 with a mark")),
        .init(
            "utf16-be.json", { utf16("{\"facts\": {}}", bigEndian: true) },
            .init("yaml.invalid-utf8", at: 1, 1, "UTF-16, big-endian")),
        .init(
            "utf16-no-mark.yaml", { utf16("facts: {}\n", byteOrderMark: false) },
            .init("yaml.control-character", at: 1, 2, "NULs")),
        .init(
            "key-100kb.yaml", { text("facts:\n  \(word(hundredKB)): 1\n") },
            .init("yaml.key-limit", at: 2, 3, "a key of 100 KB")),
        .init(
            "key-100kb.json", { text("{\"facts\": {\"\(word(hundredKB))\": 1}}") },
            .init("yaml.key-limit", at: 1, 12, "a JSON key")),
        .init(
            "lists-10000.yaml", { text("facts: \(nestedLists(10_000))\n") },
            .init("yaml.depth-limit", at: 1, 71, "10,000 nested lists")),
        .init(
            "lists-10000.json", { text("{\"facts\": {\"spine.level\": \(nestedLists(10_000))}}") },
            .init("yaml.depth-limit", at: 1, 89, "10,000 nested lists in JSON: the 64th is one too deep")),
        .init(
            "nodes-100001.yaml", { text("facts: {}\nlist: \(flatList(100_001))\n") },
            .init("yaml.node-limit", at: 2, 199_998, "100,001 list items, more than the limit of 100,000 nodes")),
        .init(
            "size-4mib.yaml", { text(comment(bytes: 4 * 1024 * 1024) + "facts: {}\n") },
            .init("yaml.size-limit", at: 1, 1, "4 MiB")),
    ]

    /// The UTF-8 bytes of `text`.
    static func text(_ text: String) -> [UInt8] { Array(text.utf8) }
}

/// A generated input of a corpus: its file name, its bytes and what it must give.
struct GeneratedFixture: Sendable, CustomStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    var expectation: CorpusExpectation
    var description: String { name }

    init(_ name: String, _ bytes: @escaping @Sendable () -> [UInt8], _ expectation: CorpusExpectation) {
        self.name = name
        self.bytes = bytes
        self.expectation = expectation
    }
}
