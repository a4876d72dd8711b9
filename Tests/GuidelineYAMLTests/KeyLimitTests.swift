import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// libyaml scans mapping keys of at most 1024 characters; a longer key is a `yaml.key-limit` error at the key
/// that names the limit, instead of libyaml's syntax error at the ':' after it.
@Suite struct KeyLimitTests {
    static let limit = YAMLLimits.maxKeyLength

    func keyLimit(_ text: String) -> Diagnostic? { diagnostic(load(text), "yaml.key-limit") }

    @Test func aPlainKeyOfTheLimitLoadsAndOneMoreDoesNot() throws {
        let longest = String(repeating: "k", count: Self.limit)
        #expect(load("\(longest): 1\n").diagnostics.isEmpty)
        let error = try #require(keyLimit("a: 1\n\(longest)k: 2\n"))
        #expect(error.message == "a mapping key of 1025 characters is longer than the limit of 1024 characters")
        #expect(error.range == span(2, 1, 2, 1026))
        #expect(error.help == ["keys are short names such as 'spine.level'; put long text in a value"])
        #expect(load("a: 1\n\(longest)k: 2\n").diagnostics.count == 1)
    }

    @Test(
        arguments: [
            ("nested:\n  %@: 1\n", 2, 3),
            ("list:\n  - %@: 1\n", 2, 5),
            ("list:\n  - a: 1\n    %@: 1\n", 3, 5),
            ("{a: 1, %@: 2}\n", 1, 8),
            ("{\"a\": 1, \"%@\": 2}\n", 1, 10),
            ("'%@': 1\n", 1, 1),
            ("\"%@\" : 1\n", 1, 1),
            ("[%@: 1]\n", 1, 2),
        ] as [(String, Int, Int)])
    func theErrorIsAtTheKeyInEveryStyle(template: String, line: Int, column: Int) throws {
        let text = template.replacing("%@", with: String(repeating: "k", count: 2000))
        let error = try #require(keyLimit(text), "\(template): \(load(text).diagnostics)")
        #expect(error.range?.start == loc(line, column))
    }

    @Test func quotedKeysCountTheirQuotes() {
        // libyaml measures the key as written, quotes included.
        #expect(keyLimit("\"\(String(repeating: "k", count: Self.limit - 2))\": 1\n") == nil)
        #expect(keyLimit("\"\(String(repeating: "k", count: Self.limit - 1))\": 1\n") != nil)
        #expect(keyLimit("'it''s \(String(repeating: "k", count: 2000))': 1\n")?.range?.start == loc(1, 1))
    }

    @Test func aColonInALongValueIsNotALongKey() throws {
        let text = "a: \(String(repeating: "v", count: 2000)) x: 2\n"
        let error = try #require(load(text).diagnostics.first)
        #expect(error.code == "yaml.syntax")
        #expect(error.message == "mapping values are not allowed in this context")
    }
}
