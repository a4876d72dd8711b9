import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// A file cut short ends in a syntax error at its end: libyaml places that on a line after the last one
/// (as if a line break followed); the diagnostic is at the end of the last line that holds anything.
@Suite struct TruncatedFileTests {
    @Test(arguments: [
        ("a:\n  b: [1, 2", 2, 11),
        ("a:\n  b: [1, 2\n", 2, 11),
        ("a:\n  b: [1, 2\n\n\n", 2, 11),
        ("a:\r\n  b: [1, 2\r\n", 2, 11),
        ("a: \"open\nb: 1", 2, 5),
        ("a: \"open\nb: 1\n", 2, 5),
        ("{\"case\": \"x\", \"facts\": {\"spine.level\": \"T1", 1, 43),
        ("[", 1, 2),
        ("a: {b: 1,\n# cut here\n", 2, 11),
    ])
    func theErrorIsOnALineThatExists(text: String, line: Int, column: Int) throws {
        let document = load(text)
        let error = try #require(diagnostic(document, "yaml.syntax"), "\(document.diagnostics)")
        #expect(error.range?.start == loc(line, column), "\(error.message)")
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        #expect(error.range.map { $0.start.line <= lines.count } == true)
    }

    @Test func theRenderedErrorShowsTheLastLine() throws {
        let text = "facts:\n  spine.level:\n    description: \"the level\n"
        var store = SourceStore()
        store.add(file: "test.yaml", bytes: Array(text.utf8))
        let document = load(text)
        let rendered = DiagnosticRenderer(sources: store, colored: false).render(document.diagnostics)
        #expect(
            rendered.hasPrefix(
                "test.yaml:3:28: error: found unexpected end of stream while scanning a quoted scalar [yaml.syntax]"),
            "\(rendered)")
        #expect(rendered.contains(" 3 |     description: \"the level"), "\(rendered)")
    }
}
