import GuidelineDiagnostics
import Testing

/// User input in messages is quoted, on one line and shortened, however long it is.
@Suite struct UserTextTests {
    @Test func shortTextIsQuotedAsItIs() {
        #expect(UserText.quoted("spine.level") == "'spine.level'")
        #expect("unknown key \(quoted: "descripton")" == "unknown key 'descripton'")
        #expect("\(quoted: 42)" == "'42'")
        #expect(UserText.quoted("") == "''")
    }

    @Test func longTextIsCutWithAnEllipsis() {
        let limit = UserText.maxQuotedLength
        let exact = String(repeating: "k", count: limit)
        #expect(UserText.shortened(exact) == exact)
        let long = String(repeating: "k", count: 100 * 1024)
        let shortened = UserText.shortened(long)
        #expect(shortened.count == limit)
        #expect(shortened == String(repeating: "k", count: limit - 1) + "…")
        #expect(UserText.shortened("abcdef", limit: 4) == "abc…")
    }

    @Test func interpolationQuotesAsQuotedDoes() {
        let texts = [
            "", "spine.level", "a\nb", String(repeating: "k", count: 64), String(repeating: "k", count: 65), "é",
            "tab\t", "~",
        ]
        for text in texts {
            #expect("x \(quoted: text) y" == "x " + UserText.quoted(text) + " y")
            #expect("\(quoted: text[...])" == UserText.quoted(text))
        }
    }

    @Test func controlCharactersAreEscapedOntoOneLine() {
        #expect(UserText.shortened("a\nb\tc\r") == "a\\nb\\tc\\r")
        #expect(UserText.shortened("bell\u{7}") == "bell\\u{7}")
        #expect(UserText.shortened("e\u{301}té") == "e\u{301}té")
        let lines = String(repeating: "line\n", count: 100)
        let shortened = UserText.shortened(lines)
        #expect(!shortened.contains("\n"))
        #expect(shortened.count == UserText.maxQuotedLength)
    }
}
