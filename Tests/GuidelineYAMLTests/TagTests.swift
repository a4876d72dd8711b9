import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// Tags are not honoured (every field reads its value by the type it expects), so a tag is an error at the
/// tag as written, never silently ignored: `spine.level: !!null T12` was read as T12.
@Suite struct TagTests {
    @Test(arguments: [
        ("a: !!null T12", "!!null", 4, 10),
        ("a: !!str 5", "!!str", 4, 9),
        ("a: !local x", "!local", 4, 10),
        ("a: &anchor !!int 5", "!!int", 12, 17),
        ("a: !<tag:yaml.org,2002:str> x", "!<tag:yaml.org,2002:str>", 4, 28),
        ("a: !!map {b: 1}", "!!map", 4, 9),
        ("a: !!seq [1]", "!!seq", 4, 9),
        ("{\"a\": !!null \"x\"}", "!!null", 7, 13),
        ("a: [!!str x, y]", "!!str", 5, 10),
        ("a: ! x", "!", 4, 5),
    ])
    func aTagIsAnError(text: String, tag: String, column: Int, end: Int) throws {
        let document = load(text)
        let error = try #require(diagnostic(document, "yaml.tag-not-allowed"), "\(document.diagnostics)")
        #expect(error.message == "tag '\(tag)' is not allowed")
        #expect(error.range == span(1, column, 1, end))
        #expect(error.severity == .error)
        #expect(!error.help.isEmpty)
    }

    @Test func everyTagIsReported() throws {
        let document = load("a: !!str x\nb:\n  - !!int 1\n  - !!null ~\n")
        let errors = document.diagnostics.filter { $0.code == "yaml.tag-not-allowed" }
        #expect(errors.map { $0.range?.start.line } == [1, 3, 4])
    }

    @Test func untaggedTextIsFine() {
        #expect(load("a: '!!null'\nb: \"!x\"\nc: x!y\n").diagnostics.isEmpty)
    }
}
