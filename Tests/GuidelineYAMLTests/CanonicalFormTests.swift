import Foundation
import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// The canonical form (for fingerprints) is written by `CanonicalWriter`; these tests compare it with a plain
/// reference implementation of the documented form, on the bundled rules and on trees that reach its
/// special cases (unsorted and large mappings, non-ASCII keys, sorted lists, long values).
@Suite struct CanonicalFormTests {
    /// The documented form, written the simple way.
    static func reference(_ node: YAMLNode, sortedLists: Set<String>, key: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        switch node.kind {
        case .scalar(let scalar):
            out += Array("s\(scalar.isPlain ? "p" : "q")\(scalar.value.utf8.count):".utf8) + Array(scalar.value.utf8)
        case .sequence(let items):
            var parts = items.map { reference($0, sortedLists: []) }
            if let key, sortedLists.contains(key) {
                parts = parts.map { String(decoding: $0, as: UTF8.self) }.sorted().map { Array($0.utf8) }
            }
            out +=
                Array("[\(items.count)".utf8) + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [
                    UInt8(ascii: "]")
                ]
        case .mapping(let pairs):
            let sorted = pairs.map { ($0.key.scalar?.value ?? "", $0.value) }.sorted { $0.0 < $1.0 }
            let entries = sorted.map { name, value in
                Array("\(name.utf8.count):\(name)=".utf8) + reference(value, sortedLists: sortedLists, key: name)
            }
            out +=
                Array("{\(pairs.count)".utf8) + Array(entries.joined(separator: [UInt8(ascii: ",")])) + [
                    UInt8(ascii: "}")
                ]
        }
        return out
    }

    static func form(_ node: YAMLNode, sortedLists: Set<String> = []) -> [UInt8] {
        var out: [UInt8] = Array("prefix".utf8)
        node.appendCanonicalForm(to: &out, sortedLists: sortedLists)
        return Array(out.dropFirst(6))
    }

    static func yamlFiles() -> [String] {
        let root = "Rules"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.map { "\(root)/\($0)" }.sorted()
    }

    @Test func bundledRulesMatchTheReference() throws {
        let files = Self.yamlFiles()
        #expect(files.count > 10)
        for path in files {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            guard let root = YAMLLoader().load(bytes: Array(bytes), file: path).root else { continue }
            #expect(Self.form(root) == Self.reference(root, sortedLists: []), "\(path)")
            let lists: Set<String> = ["files", "tests", "values", "recommend"]
            #expect(Self.form(root, sortedLists: lists) == Self.reference(root, sortedLists: lists), "\(path)")
        }
    }

    @Test func specialCasesMatchTheReference() throws {
        // 40 keys in reverse order (more than the insertion limit), 12 shuffled ones, non-ASCII and
        // prefix keys, a long value (a length of three digits) and a sorted list below a mapping.
        let many = (0..<40).reversed().map { "k\($0): v\($0)" }.joined(separator: "\n")
        let few = [7, 3, 11, 0, 5, 9, 1, 10, 2, 8, 6, 4].map { "key\($0): [b, a, '\($0)']" }.joined(separator: "\n")
        let texts = [
            many,
            few,
            "zeta: 1\nÉcole: 2\nalpha: 3\nécole: 4\nab: 5\na: 6\n\"e\\u0301\": 7\nB: 8\n",
            "long: \(String(repeating: "x", count: 345))\nshort: ''\n",
            "outer:\n  files: [c.yaml, a.yaml, b.yaml]\n  inner: {tests: [z, y], other: [q, p]}\nfiles: [[b], [a]]\nlist: [{files: [b, a]}]\n",
        ]
        for text in texts {
            let root = try #require(load(text).root, "\(text)")
            for lists in [Set<String>(), ["files", "tests"]] {
                #expect(Self.form(root, sortedLists: lists) == Self.reference(root, sortedLists: lists), "\(text)")
            }
        }
    }
}
