import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

@Suite struct NodeRangeTests {
    let text = """
        facts:
          spine.level:
            type: enum
            values: [C1, "C2", 'C3']
          stabilized:
            - first
            - second: 2
              third: x
        title: Management
        """

    @Test func mappingKeysAndValues() throws {
        let document = load(text)
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        #expect(root.range.start == loc(1, 1))
        #expect(root.range.end == loc(9, 18))
        let facts = try #require(root.pair(forKey: "facts"))
        #expect(facts.key.range == span(1, 1, 1, 6))
        #expect(facts.value.range.start == loc(2, 3))
        let level = try #require(facts.value.pair(forKey: "spine.level"))
        #expect(level.key.range == span(2, 3, 2, 14))
        let type = try #require(level.value["type"])
        #expect(type.range == span(3, 11, 3, 15))
        #expect(type.asString == "enum")
        let title = try #require(root["title"])
        #expect(title.range == span(9, 8, 9, 18))
    }

    @Test func flowSequenceItems() throws {
        let values = try #require(root(text)?["facts"]?["spine.level"]?["values"])
        #expect(values.range == span(4, 13, 4, 29))
        let items = try #require(values.sequence)
        #expect(items.map(\.range) == [span(4, 14, 4, 16), span(4, 18, 4, 22), span(4, 24, 4, 28)])
        #expect(items.compactMap(\.asString) == ["C1", "C2", "C3"])
        #expect(items.map { $0.scalar?.style } == [.plain, .doubleQuoted, .singleQuoted])
    }

    @Test func blockSequenceItemsAndNestedMapping() throws {
        let list = try #require(root(text)?["facts"]?["stabilized"])
        #expect(list.kindName == "a list")
        #expect(list.range.start == loc(6, 5))
        #expect(list.range.end == loc(8, 15))
        let items = try #require(list.sequence)
        #expect(items.count == 2)
        #expect(items[0].range == span(6, 7, 6, 12))
        #expect(items[1].kindName == "a mapping")
        #expect(items[1].range == span(7, 7, 8, 15))
        #expect(items[1].pair(forKey: "third")?.key.range == span(8, 7, 8, 12))
        #expect(items[1]["second"]?.asInteger() == 2)
    }

    @Test func crlfLineEndings() throws {
        let document = load("a: 1\r\nb:\r\n  - x\r\n  - \"y\"\r\n")
        #expect(document.diagnostics.isEmpty)
        let r = try #require(document.root)
        #expect(r.pair(forKey: "b")?.key.range == span(2, 1, 2, 2))
        let items = try #require(r["b"]?.sequence)
        #expect(items[0].range == span(3, 5, 3, 6))
        #expect(items[1].range == span(4, 5, 4, 8))
        #expect(r["a"]?.range == span(1, 4, 1, 5))
    }

    @Test func unicodeColumnsCountScalars() throws {
        let r = try #require(root("é: ü\nnext: 1"))
        #expect(r["é"]?.range == span(1, 4, 1, 5))
        #expect(r.pair(forKey: "next")?.key.range == span(2, 1, 2, 5))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let document = YAMLLoader().load(bytes: [0xEF, 0xBB, 0xBF] + Array("a: b".utf8), file: "test.yaml")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root?["a"]?.range == span(1, 4, 1, 5))
    }

    @Test func blockScalarRangeEndsAtLastCharacter() throws {
        let r = try #require(root("text: |\n  one\n  two\n\nnext: 1\n"))
        let text = try #require(r["text"])
        #expect(text.range == span(1, 7, 3, 6))
        #expect(r.range.end == loc(5, 8))
    }

    @Test func explicitTagsOnly() throws {
        let r = try #require(root("a: !!str 08\nb: 08\nc: !custom [x]"))
        #expect(r["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(r["b"]?.tag == nil)
        #expect(r["c"]?.tag == "!custom")
        #expect(r["a"]?.asString == "08")
    }

    @Test func subscriptOnNonMappingIsNil() throws {
        let r = try #require(root("[a, b]"))
        #expect(r["a"] == nil)
        #expect(r.mapping == nil)
        #expect(r.scalar == nil)
        #expect(r.sequence?.count == 2)
    }

    @Test func emptyValueIsEmptyPlainScalar() throws {
        let r = try #require(root("a:\nb: ~\n"))
        #expect(r["a"]?.scalar?.isNull == true)
        #expect(r["a"]?.asString == "")
        #expect(r["b"]?.scalar?.isNull == true)
        #expect(r["b"]?.asString == "~")
    }
}
