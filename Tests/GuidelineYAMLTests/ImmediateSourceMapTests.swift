import Foundation
import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// `ScalarSourceMap.immediate` decides from the marks and the value alone that a scalar is written verbatim;
/// its map must be the one the general path (`ScalarSourceMap.segments`, which compares the characters)
/// gives, for every scalar of the bundled rules, the test fixtures and scalars of every style.
@Suite struct ImmediateSourceMapTests {
    static func corpus() -> [String] {
        var texts = SourceMapPropertyTests.documents
        texts += [
            "a: 'it''s'\nb: \"tab\\there\"\nc: 'plain'\nd: \"x\"\ne: ''\nf: \"\"\ng: é\nh: 'é'\ni: [a b, 'c d', \"e\\\\f\"]\n",
            "k: \"\\x41\\x42\"\nl: 'x''y''z'\nm: \"a\\ b\"\nn: {p: q, 'r': \"s\"}\no: -1.5\n",
            // Non-ASCII values as long in bytes as their content in characters: only the plain ones are verbatim.
            "x: 'é'''\ny: \"é\\\"\"\nz: ünï cödé\nw: [é, 'é''', \"é\\t\"]\n",
        ]
        for root in ["Rules", "Tests/Fixtures"] {
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in enumerator where path.hasSuffix(".yaml") || path.hasSuffix(".json") {
                if let data = FileManager.default.contents(atPath: "\(root)/\(path)") {
                    texts.append(String(decoding: data, as: UTF8.self))
                }
            }
        }
        return texts
    }

    @Test func immediateMapsAreTheGeneralOnes() {
        var immediate = 0
        var deferred = 0
        for text in Self.corpus() {
            let bytes = Array(text.utf8)
            guard case .text(let source) = SourceText.decode(bytes, file: "t.yaml") else { continue }
            _ = LibYAMLParser.parse(bytes) { event, start, end in
                guard case .scalar(let value, _, _, let style) = event else { return true }
                let general = ScalarSourceMap.segments(
                    value: value, style: style, source: source, start: start.index, end: end.index)
                if let map = ScalarSourceMap.immediate(
                    value: value, style: style, source: source, start: start.index, end: end.index,
                    startLine: start.line,
                    endLine: end.line)
                {
                    immediate += 1
                    #expect(map.segments == general.segments, "\(value.debugDescription) \(style)")
                    #expect(map.length == general.length, "\(value.debugDescription) \(style)")
                } else {
                    deferred += 1
                }
                return true
            }
        }
        #expect(immediate > 1000)
        #expect(deferred > 50)
    }
}
