import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// JSON writes characters above U+FFFF as surrogate pairs of escapes (`"\ud83d\ude00"`), which libyaml alone
/// rejects: a valid pair is read as its character, with every position still that of the text as written; a
/// lone surrogate is a clear error at the escape.
@Suite struct SurrogateEscapeTests {
    @Test func aPairIsItsCharacter() throws {
        let document = load(#"{"case": "\ud83d\ude00", "facts": {"a": "x\uD83D\uDE01y\ud83d\ude02"}}"#)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let root = try #require(document.root)
        #expect(root["case"]?.asString == "😀")
        #expect(root["facts"]?["a"]?.asString == "x😁y😂")
    }

    @Test func positionsAfterAPairAreThoseOfTheText() throws {
        let text = #"{"a": "\ud83d\ude00 \ud83d\ude01", "b": "z", "c": [1, "\ud83d\ude02", 2]}"#
        let document = load(text)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let root = try #require(document.root)
        let a = try #require(root["a"]?.scalar)
        #expect(a.range == span(1, 7, 1, 34))
        // The second emoji's escapes start at column 21, the space at 20.
        #expect(a.range(of: 2..<3) == span(1, 21, 1, 33))
        #expect(a.range(of: 1..<2) == span(1, 20, 1, 21))
        #expect(root.pair(forKey: "b")?.key.range == span(1, 36, 1, 39))
        #expect(root["b"]?.range == span(1, 41, 1, 44))
        let list = try #require(root["c"]?.sequence)
        #expect(list[1].range == span(1, 55, 1, 69))
        #expect(list[2].range == span(1, 71, 1, 72))
        #expect(sourceText(text, list[2].range) == "2")
    }

    @Test func positionsOnLaterLinesAndErrorsAfterAPair() throws {
        let text = """
            a: "\\ud83d\\ude00 and \\ud83d\\ude01"
            b: "\\ud83d\\ude02
              \\ud83d\\ude03 z"
            c: d
            e: [1
            """
        let document = load(text)
        let error = try #require(diagnostic(document, "yaml.syntax"), "\(document.diagnostics)")
        // libyaml's complaint about the unclosed list, where it is for the same text with twelve letters
        // instead of each pair.
        let plain = load(text.replacing(/\\ud83d\\ude0[0-3]/, with: "abcdefghijkl"))
        let expected = try #require(diagnostic(plain, "yaml.syntax"))
        #expect(error.range == expected.range)
        #expect(error.message == expected.message)
        let good = load(String(text.dropLast(5)))
        #expect(good.diagnostics.isEmpty, "\(good.diagnostics)")
        let root = try #require(good.root)
        #expect(root["a"]?.asString == "😀 and 😁")
        #expect(root["b"]?.asString == "😂 😃 z")
        #expect(root["c"]?.range == span(4, 4, 4, 5))
        let b = try #require(root["b"]?.scalar)
        #expect(b.range(of: 4..<5) == span(3, 16, 3, 17))
    }

    @Test(arguments: [
        #"{"a": "\ud83d\ude00 \ud83d\ude01", "b": ]}"#, #"{"a": "\ud83d\ude00", "b": "\ud83d\ude01" "c"}"#,
        // A raw line separator (U+2028) breaks the line for libyaml: the pair before it is on another line.
        "{\"a\": \"\\ud83d\\ude00\u{2028}x \\ud83d\\ude01\", \"b\": ]}",
        "{\"a\": \"\\ud83d\\ude00\r\\ud83d\\ude01 \\\"\\ud83d\\ude02\", \"b\": ]}",
    ])
    func anErrorAfterAPairOnItsLineIsWhereItIsWritten(text: String) throws {
        let error = try #require(diagnostic(load(text), "yaml.syntax"))
        let plain = try #require(
            diagnostic(load(text.replacing(/\\ud83d\\ude0[0-3]/, with: "abcdefghijkl")), "yaml.syntax"))
        #expect(error.range == plain.range)
        #expect(error.notes.map(\.range) == plain.notes.map(\.range))
    }

    @Test(arguments: [
        (#"{"a": "\ud83d"}"#, #"'\ud83d'"#, 8, "the first half of a surrogate pair, with no second half after it"),
        (#"{"a": "ok \ude00"}"#, #"'\ude00'"#, 11, "the second half of a surrogate pair, with no first half before it"),
        (
            #"{"a": "\ud83d\u0041"}"#, #"'\ud83d'"#, 8,
            "the first half of a surrogate pair, with no second half after it"
        ),
        (
            #"{"z": "\ud83d\ude00", "a": "\ud83dx"}"#, #"'\ud83d'"#, 29,
            "the first half of a surrogate pair, with no second half after it"
        ),
        (#"{"a": "\U00110000"}"#, #"'\U00110000'"#, 8, "beyond the last unicode character U+10FFFF"),
    ])
    func aLoneSurrogateIsAClearError(text: String, escape: String, column: Int, reason: String) throws {
        let document = load(text)
        #expect(document.root == nil)
        let error = try #require(diagnostic(document, "yaml.invalid-escape"), "\(document.diagnostics)")
        #expect(error.message == "escape \(escape) is \(reason)")
        #expect(error.range?.start == loc(1, column))
        #expect(error.range.map { sourceText(text, $0) } == String(escape.dropFirst().dropLast()))
        #expect(!error.help.isEmpty)
    }

    @Test func escapesOutsideDoubleQuotesStayText() throws {
        let node = try #require(load(#"{a: '\ud83d\ude00', b: \ud83d\ude00}"#).root)
        #expect(node["a"]?.asString == #"\ud83d\ude00"#)
        #expect(node["b"]?.asString == #"\ud83d\ude00"#)
    }

    @Test func quotedStringsWithPairsAreLimited() throws {
        func text(_ count: Int) -> String {
            "[" + Array(repeating: #""\ud83d\ude00""#, count: count).joined(separator: ", ") + "]"
        }
        let within = load(text(SurrogateEscapes.maxRewrittenScalars))
        #expect(within.diagnostics.isEmpty)
        #expect(within.root?.sequence?.count == SurrogateEscapes.maxRewrittenScalars)
        let over = load(text(SurrogateEscapes.maxRewrittenScalars + 1))
        #expect(over.root == nil)
        let error = try #require(diagnostic(over, "yaml.escape-limit"))
        #expect(error.range?.start == loc(1, 2 + 16 * SurrogateEscapes.maxRewrittenScalars))
    }
}
