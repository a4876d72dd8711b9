import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// Every style: the range of a part of the value must cover exactly the source text that produced it.
@Suite struct ScalarSourceMapTests {
    /// Loads `text`, takes the scalar at `key` and returns the source text of the value part `part`.
    func mapped(_ text: String, key: String, part: String) throws -> String {
        let document = load(text)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let scalar = try #require(document.root?[key]?.scalar)
        let offsets = try #require(scalarOffsets(of: part, in: scalar.value), "'\(part)' not in '\(scalar.value)'")
        return sourceText(text, scalar.range(of: offsets))
    }

    @Test func plain() throws {
        let text = "when: sins >= 7 and spine.pian == mechanical\n"
        #expect(try mapped(text, key: "when", part: "spine.pian") == "spine.pian")
        let scalar = try #require(root(text)?["when"]?.scalar)
        let range = scalar.range(of: 14..<24)
        #expect(range == span(1, 21, 1, 31))
        #expect(scalar.location(at: 0) == loc(1, 7))
        #expect(scalar.location(at: scalar.value.unicodeScalars.count) == loc(1, 45))
    }

    @Test func doubleQuotedWithEscapes() throws {
        let text = #"text: "say \"hi\" to \u00e9l\tand x""# + "\n"
        let scalar = try #require(root(text)?["text"]?.scalar)
        #expect(scalar.value == "say \"hi\" to él\tand x")
        #expect(try mapped(text, key: "text", part: "say") == "say")
        #expect(try mapped(text, key: "text", part: "\"hi\"") == #"\"hi\""#)
        #expect(try mapped(text, key: "text", part: "él") == #"\u00e9l"#)
        #expect(try mapped(text, key: "text", part: "and x") == "and x")
        #expect(scalar.range(of: 0..<1).start == loc(1, 8))
        #expect(scalar.range == span(1, 7, 1, 37))
    }

    @Test func singleQuotedWithDoubledQuote() throws {
        let text = "text: 'it''s a > b'\n"
        let scalar = try #require(root(text)?["text"]?.scalar)
        #expect(scalar.value == "it's a > b")
        #expect(try mapped(text, key: "text", part: "s a") == "s a")
        #expect(try mapped(text, key: "text", part: "'") == "''")
        #expect(try mapped(text, key: "text", part: "b") == "b")
        #expect(scalar.range(of: 5..<6) == span(1, 14, 1, 15))
        #expect(scalar.range(of: 2..<3) == span(1, 10, 1, 12))
    }

    @Test func multiLinePlain() throws {
        let text = "when: sins >= 7\n  and spine.pain\n    == mechanical\nnext: 1\n"
        let scalar = try #require(root(text)?["when"]?.scalar)
        #expect(scalar.value == "sins >= 7 and spine.pain == mechanical")
        #expect(try mapped(text, key: "when", part: "spine.pain") == "spine.pain")
        #expect(try mapped(text, key: "when", part: "mechanical") == "mechanical")
        let pain = try #require(scalarOffsets(of: "spine.pain", in: scalar.value))
        #expect(scalar.range(of: pain) == span(2, 7, 2, 17))
        // The folded space sits on the line break it replaced.
        #expect(scalar.range(of: 9..<10).start == loc(1, 16))
    }

    @Test func multiLineDoubleQuotedWithEscapedBreak() throws {
        let text = "text: \"one\n  two\\\n  three\n\n  four\"\n"
        let scalar = try #require(root(text)?["text"]?.scalar)
        #expect(scalar.value == "one twothree\nfour")
        #expect(try mapped(text, key: "text", part: "three") == "three")
        #expect(try mapped(text, key: "text", part: "four") == "four")
        #expect(scalar.range(of: 5..<6).start == loc(2, 4))
    }

    @Test func literalBlock() throws {
        let text = "rule:\n  text: |\n    first line\n      indented x\n\n    last\n  next: 1\n"
        let scalar = try #require(root(text)?["rule"]?["text"]?.scalar)
        #expect(scalar.value == "first line\n  indented x\n\nlast\n")
        let x = try #require(scalarOffsets(of: "indented x", in: scalar.value))
        #expect(scalar.range(of: x) == span(4, 7, 4, 17))
        let last = try #require(scalarOffsets(of: "last", in: scalar.value))
        #expect(scalar.range(of: last) == span(6, 5, 6, 9))
        #expect(scalar.location(at: 0) == loc(3, 5))
    }

    @Test func literalBlockWithIndentationIndicatorAndCRLF() throws {
        let text = "text: |2\r\n    two extra\r\n  base\r\n"
        let scalar = try #require(root(text)?["text"]?.scalar)
        #expect(scalar.value == "  two extra\nbase\n")
        let base = try #require(scalarOffsets(of: "base", in: scalar.value))
        #expect(scalar.range(of: base) == span(3, 3, 3, 7))
        let extra = try #require(scalarOffsets(of: "extra", in: scalar.value))
        #expect(scalar.range(of: extra) == span(2, 9, 2, 14))
    }

    @Test func foldedBlock() throws {
        let text = "text: >-\n  SINS {sins} is\n  unstable\n\n  no therapy\n"
        let scalar = try #require(root(text)?["text"]?.scalar)
        #expect(scalar.value == "SINS {sins} is unstable\nno therapy")
        let sins = try #require(scalarOffsets(of: "{sins}", in: scalar.value))
        #expect(scalar.range(of: sins) == span(2, 8, 2, 14))
        let unstable = try #require(scalarOffsets(of: "unstable", in: scalar.value))
        #expect(scalar.range(of: unstable) == span(3, 3, 3, 11))
        let therapy = try #require(scalarOffsets(of: "therapy", in: scalar.value))
        #expect(scalar.range(of: therapy) == span(5, 6, 5, 13))
        // The folded space aligns to the line break.
        #expect(scalar.range(of: 14..<15).start == loc(2, 17))
    }

    @Test func jsonString() throws {
        let text = #"{"when": "a \/ b == \"x\"", "n": 1}"#
        let scalar = try #require(root(text)?["when"]?.scalar)
        #expect(scalar.value == #"a / b == "x""#)
        #expect(try mapped(text, key: "when", part: "b ==") == "b ==")
        #expect(try mapped(text, key: "when", part: "\"x\"") == #"\"x\""#)
    }

    @Test func emptyAndOutOfRangeSpansNeverTrap() throws {
        let scalar = try #require(root("a: abc")?["a"]?.scalar)
        #expect(scalar.range(of: 1..<1) == span(1, 5, 1, 5))
        #expect(scalar.range(of: 2..<99) == span(1, 6, 1, 7))
        #expect(scalar.range(of: 50..<60) == span(1, 7, 1, 7))
        let empty = try #require(root("a: ''")?["a"]?.scalar)
        #expect(empty.range(of: 0..<3) == span(1, 5, 1, 5))
        #expect(empty.valueRange == span(1, 5, 1, 5))
    }

    @Test func syntheticScalar() {
        let scalar = YAMLScalar(value: "abc", style: .doubleQuoted, at: loc(2, 3))
        #expect(scalar.range(of: 1..<2) == span(2, 5, 2, 6))
        #expect(scalar.range == span(2, 3, 2, 8))
    }
}
