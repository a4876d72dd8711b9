import GuidelineDiagnostics
import Testing

/// A store given a file's bytes quotes the same lines as one given its text, and none for bytes that are no
/// valid UTF-8 (as a file never added).
@Suite struct SourceStoreTests {
    static let texts = [
        "", "one line", "a\nb\n", "crlf\r\nline two\r\n", "é ünï\n€ 😀\nlast", "\n\n\nx", "trailing\r",
    ]

    @Test(arguments: texts)
    func bytesGiveTheLinesTheTextGives(_ text: String) {
        var byText = SourceStore()
        byText.add(file: "f.yaml", text: text)
        var byBytes = SourceStore()
        byBytes.add(file: "f.yaml", bytes: Array(text.utf8))
        for line in 0...8 {
            #expect(
                byBytes.line(line, of: "f.yaml") == byText.line(line, of: "f.yaml"),
                "line \(line) of \(text.debugDescription)")
            // Asked again: the text made the first time is kept.
            #expect(byBytes.line(line, of: "f.yaml") == byText.line(line, of: "f.yaml"))
        }
        #expect(byBytes.line(1, of: "other.yaml") == nil)
    }

    @Test func invalidBytesGiveNoLines() {
        var store = SourceStore()
        store.add(file: "bad.yaml", bytes: Array("key: value\n".utf8) + [0xFF, 0x0A] + Array("more\n".utf8))
        for line in 0...4 { #expect(store.line(line, of: "bad.yaml") == nil) }
    }
}
