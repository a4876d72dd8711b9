import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

@Suite struct JSONInputTests {
    let text = """
        {
          "case": "unstable-t12",
          "facts": {"spine.level": "T12", "patient.life_expectancy": "6 mo", "age": 67, "ok": true},
          "list": [1, 2.5, null, "\\u00e9"]
        }
        """

    @Test func loadsWithPositions() throws {
        let document = load(text)
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        #expect(root.range == span(1, 1, 5, 2))
        #expect(root.pair(forKey: "case")?.key.range == span(2, 3, 2, 9))
        #expect(root["case"]?.range == span(2, 11, 2, 25))
        let facts = try #require(root["facts"])
        #expect(facts["spine.level"]?.asString == "T12")
        #expect(facts["spine.level"]?.range == span(3, 28, 3, 33))
        #expect(facts["age"]?.asInteger() == 67)
        #expect(facts["ok"]?.asBool() == true)
        let list = try #require(root["list"]?.sequence)
        #expect(list[1].asDecimal() == 2.5)
        #expect(list[2].scalar?.isNull == true)
        #expect(list[3].asString == "é")
        #expect(list[3].range == span(4, 26, 4, 34))
        #expect(list[3].scalar?.range(of: 0..<1) == span(4, 27, 4, 33))
    }

    @Test func duplicateJSONKeys() throws {
        let document = load(#"{"a": 1, "b": 2, "a": 3}"#)
        let error = try #require(diagnostic(document, "yaml.duplicate-key"))
        #expect(error.range == span(1, 18, 1, 21))
    }

    @Test func jsonSyntaxError() throws {
        let document = load("{\"a\": 1,\n \"b\" 2}")
        let error = try #require(document.diagnostics.first)
        #expect(error.code == "yaml.syntax")
        #expect(error.range?.start.line == 2)
        #expect(document.root == nil)
    }
}
