import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// For every scalar of varied documents, each visible value character must map to source text that wrote
/// it: the same character, or an escape (`\"`, `''`, `\u00e9`) that stands for it.
@Suite struct SourceMapPropertyTests {
    static let documents: [String] = [
        "a: plain text here\nb: 'single ''quoted'' x'\nc: \"double \\\"esc\\\" \\t \\u00e9 \\x41 \\U0001F600 end\"\n",
        "when: sins >= 7\n  and spine.pain\n\n  == mechanical\n",
        "text: |\n  line one\n    more indented\n\n  last line\n",
        "text: >\n  folded one\n  folded two\n\n    kept indent\n  back\n",
        "text: |+\n  keep\n\n\nnext: 1\n",
        "text: >2-\n    two extra\n  base\n",
        "list:\n  - \"multi\n    line  \n    quoted\"\n  - 'single\n\n    broken'\n",
        "{\"json\": \"a \\/ b \\\\ c \\n d\", \"k\": [\"é\", \"x y\"]}",
        "crlf: \"a\r\n  b\"\r\nblock: |\r\n  x\r\n  y\r\n",
        "é: ünïcödé wörds\nemoji: \"😀 face\"\n",
        "text: | # comment\n  after header comment\n",
        "seq: [a b,\n  c d]\n",
    ]

    static func scalars(_ node: YAMLNode) -> [YAMLScalar] {
        switch node.kind {
        case .scalar(let s): [s]
        case .sequence(let items): items.flatMap(scalars)
        case .mapping(let pairs): pairs.flatMap { scalars($0.key) + scalars($0.value) }
        }
    }

    @Test(arguments: documents)
    func everyCharacterMapsToItsSource(_ text: String) throws {
        let document = load(text)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let root = try #require(document.root)
        for scalar in Self.scalars(root) {
            let chars = Array(scalar.value.unicodeScalars)
            for (i, c) in chars.enumerated() where c != " " && c != "\n" {
                let source = sourceText(text, scalar.range(of: i..<(i + 1)))
                let ok = source == String(c) || source.hasPrefix("\\") || (c == "'" && source == "''")
                #expect(ok, "'\(scalar.value)' offset \(i) '\(c)' maps to '\(source)'")
            }
            // Ranges grow with offsets and the whole value lies inside the scalar's range.
            let whole = scalar.valueRange
            #expect(whole.start >= scalar.range.start)
            #expect(whole.end <= scalar.range.end || scalar.style == .literal || scalar.style == .folded)
        }
    }

    @Test func mutatedInputsNeverTrap() {
        // Deterministic pseudo-random mutations of valid documents: loading must never crash, and every
        // range a scalar gives must be a real position.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        let pieces: [String] = [
            "\"", "'", "\\", "\n", "\t", ":", "-", "[", "]", "{", "}", "#", "&a", "*a", "|", ">", " ", "\r\n", "é",
            "\\u00",
        ]
        var loaded = 0
        for document in Self.documents {
            for _ in 0..<60 {
                var chars = Array(document.unicodeScalars).map { String($0) }
                for _ in 0..<(1 + next() % 3) {
                    let at = next() % (chars.count + 1)
                    switch next() % 3 {
                    case 0: chars.insert(pieces[next() % pieces.count], at: at)
                    case 1: if at < chars.count { chars.remove(at: at) }
                    default: if at < chars.count { chars[at] = pieces[next() % pieces.count] }
                    }
                }
                let result = load(chars.joined())
                guard let root = result.root else { continue }
                loaded += 1
                for scalar in Self.scalars(root) {
                    let count = scalar.value.unicodeScalars.count
                    for i in 0...count {
                        let r = scalar.range(of: i..<min(count, i + 2))
                        #expect(r.start.line >= 1 && r.start.column >= 1)
                        #expect(r.end.line >= r.start.line)
                    }
                }
            }
        }
        #expect(loaded > 0)
    }
}
