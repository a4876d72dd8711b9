import GuidelineDiagnostics
import Testing

@Suite("rendering of very long source lines")
struct LongLineRenderingTests {
    @Test("a long line is quoted as a window around the caret, with the caret under the same character")
    func windowAroundCaret() {
        let line = String(repeating: "a", count: 5_000) + "XYZ" + String(repeating: "b", count: 5_000)
        var store = SourceStore()
        store.add(file: "long.json", text: line + "\n")
        let column = 5_001
        let diagnostic = Diagnostic.error(
            "test.long", "here",
            at: SourceRange(
                start: SourceLocation(file: "long.json", line: 1, column: column),
                end: SourceLocation(file: "long.json", line: 1, column: column + 3)))
        let rendered = DiagnosticRenderer(sources: store).render(diagnostic)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let quoted = try! #require(lines.first { $0.hasPrefix(" 1 | ") })
        let caretLine = try! #require(lines.first { $0.contains("^") })
        #expect(quoted.count < DiagnosticRenderer.maxLineWidth + 20, "the whole 10 KB line was quoted")
        #expect(quoted.contains("…aaa") && quoted.contains("bbb…"))
        let caretIndex = try! #require(caretLine.firstIndex(of: "^"))
        let offset = caretLine.distance(from: caretLine.startIndex, to: caretIndex)
        let under = quoted[quoted.index(quoted.startIndex, offsetBy: offset)...].prefix(3)
        #expect(under == "XYZ", "the caret must stay under the reported column:\n\(rendered)")
        #expect(caretLine.hasSuffix("^~~"))
    }

    @Test("a short line is quoted in full")
    func shortLineUnchanged() {
        var store = SourceStore()
        store.add(file: "f.yaml", text: "when: a == b\n")
        let diagnostic = Diagnostic.error(
            "test.short", "here", at: SourceRange(start: SourceLocation(file: "f.yaml", line: 1, column: 7)))
        let rendered = DiagnosticRenderer(sources: store).render(diagnostic)
        #expect(rendered == "f.yaml:1:7: error: here [test.short]\n   |\n 1 | when: a == b\n   |       ^\n")
    }
}
