import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

@Suite struct ErrorTests {
    @Test func duplicateKeyAtSecondKeyWithNote() throws {
        let document = load("rules:\n  - id: a\n    title: x\n    id: b\n")
        let error = try #require(diagnostic(document, "yaml.duplicate-key"))
        #expect(error.message == "key 'id' is already defined")
        #expect(error.range == span(4, 5, 4, 7))
        #expect(error.notes == [DiagnosticNote("first defined here", at: span(2, 5, 2, 7))])
        // The tree stays usable; the duplicate pair is dropped.
        let rule = try #require(document.root?["rules"]?.sequence?.first)
        #expect(rule["id"]?.asString == "a")
        #expect(rule.mapping?.count == 2)
    }

    @Test func duplicateKeyQuotedAndPlainAreTheSameKey() throws {
        let document = load("{\"a\": 1, a: 2}")
        let error = try #require(diagnostic(document, "yaml.duplicate-key"))
        #expect(error.range == span(1, 10, 1, 11))
        #expect(error.notes.first?.range == span(1, 2, 1, 5))
    }

    @Test func sameKeyInDifferentMappingsIsFine() {
        #expect(load("a: {id: 1}\nb: {id: 2}").diagnostics.isEmpty)
    }

    @Test func complexKeyIsAnError() throws {
        let document = load("? [a, b]\n: value\nc: d\n")
        let error = try #require(diagnostic(document, "yaml.complex-key"))
        #expect(error.message == "a mapping key must be a scalar, found a list")
        #expect(error.range?.start == loc(1, 3))
        #expect(document.root?.mapping?.count == 1)
    }

    @Test func mergeKeyIsRejected() throws {
        let document = load("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
        let error = try #require(diagnostic(document, "yaml.merge-key"))
        #expect(error.range == span(3, 3, 3, 5))
        #expect(document.root?["other"]?["x"] == nil)
    }

    @Test func tabIndentation() throws {
        for text in ["a:\n\tb: 1\n", "a: 1\nb:\n  c: 2\n\td: 3\n", "a: |\n  x\n\ty\n"] {
            let document = load(text)
            let error = try #require(diagnostic(document, "yaml.tab-indentation"), "\(text)")
            #expect(error.message == "tabs are not allowed for indentation")
            #expect(error.range?.start.column == 1)
            #expect(document.root == nil)
        }
        let error = try #require(diagnostic(load("a:\n\tb: 1\n"), "yaml.tab-indentation"))
        #expect(error.range == span(2, 1, 2, 2))
    }

    @Test func tabAfterColonIsFine() {
        #expect(load("a:\tb\n").diagnostics.isEmpty)
    }

    @Test func multipleDocuments() throws {
        let document = load("a: 1\n---\nb: 2\n")
        let error = try #require(diagnostic(document, "yaml.multiple-documents"))
        #expect(error.range?.start == loc(2, 1))
        #expect(error.message.contains("one yaml document"))
        #expect(document.root?["a"]?.asString == "1")
        #expect(document.diagnostics.count == 1)
    }

    @Test func oneExplicitDocumentIsFine() {
        let document = load("---\na: 1\n...\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root?["a"] != nil)
    }

    @Test func syntaxErrorPositions() throws {
        let document = load("a: 1\nb: [x, y\nc: 2\n")
        let error = try #require(document.diagnostics.first)
        #expect(error.code == "yaml.syntax")
        #expect(error.severity == .error)
        #expect(document.root == nil)
        #expect(error.range?.start.line == 3)

        let unclosed = load("a: \"open\nb: 1\n")
        let quote = try #require(unclosed.diagnostics.first)
        #expect(quote.code == "yaml.syntax")
        #expect(quote.message == "found unexpected end of stream while scanning a quoted scalar")
        #expect(quote.notes.first?.message == "a quoted scalar starts here")
        #expect(quote.notes.first?.range?.start == loc(1, 4))
        #expect(quote.help == ["close the quote"])

        let indent = load("a:\n  b: 1\n c: 2\n")
        let bad = try #require(indent.diagnostics.first)
        #expect(bad.code == "yaml.syntax")
        #expect(bad.range?.start == loc(3, 2))

        let colon = load("a: b: c\n")
        let mapping = try #require(colon.diagnostics.first)
        #expect(mapping.message == "mapping values are not allowed in this context")
        #expect(mapping.range?.start == loc(1, 5))
    }

    @Test func characterThatCannotStartAToken() throws {
        let error = try #require(load("a: @x\n").diagnostics.first)
        #expect(error.code == "yaml.syntax")
        #expect(error.range?.start == loc(1, 4))
        #expect(error.help == ["quote the text: '@' cannot start a plain word"])
    }

    @Test func invalidUTF8() throws {
        let bytes = Array("a: ok\nb: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let document = YAMLLoader().load(bytes: bytes, file: "test.yaml")
        let error = try #require(diagnostic(document, "yaml.invalid-utf8"))
        #expect(error.range?.start == loc(2, 7))
        #expect(error.message == "the file is not valid utf-8: unexpected byte 0xC3")
        #expect(document.root == nil)
        let lone = YAMLLoader().load(bytes: [0x61, 0xFF], file: "test.yaml")
        #expect(diagnostic(lone, "yaml.invalid-utf8")?.range?.start == loc(1, 2))
        let utf16 = YAMLLoader().load(bytes: [0xFF, 0xFE, 0x61, 0x00], file: "test.yaml")
        #expect(diagnostic(utf16, "yaml.invalid-utf8")?.message == "the file is utf-16 encoded, expected utf-8")
    }

    @Test func controlCharacter() throws {
        let document = load("a: 1\nb: x\u{1}y\n")
        let error = try #require(diagnostic(document, "yaml.control-character"))
        #expect(error.message == "control character U+0001 is not allowed")
        #expect(error.range?.start == loc(2, 5))
    }

    @Test func unknownAnchor() throws {
        let document = load("a: *nothing\n")
        let error = try #require(diagnostic(document, "yaml.unknown-anchor"))
        #expect(error.message == "unknown anchor 'nothing'")
        #expect(error.range == span(1, 4, 1, 12))
        #expect(document.root == nil)
        #expect(diagnostic(load("a: &x [*x]\n"), "yaml.unknown-anchor") != nil)
    }

    @Test func emptyInputHasNoRootAndNoError() {
        for text in ["", "\n\n", "# only a comment\n", "---\n", "--- # c\n...\n"] {
            let document = load(text)
            #expect(document.root == nil, "\(text)")
            #expect(document.diagnostics.isEmpty, "\(text)")
            #expect(document.isEmpty)
        }
        #expect(load("''").root?.scalar?.value == "")
    }

    @Test func messagesAreLowercaseWithoutFinalPeriod() {
        let texts = [
            "a: 1\na: 2", "a: [", "a:\n\tb: 1", "a: 1\n---\nb: 1", "a: *x", "? [a]\n: b", "<<: {a: 1}", "a: \"x",
        ]
        for text in texts {
            for d in load(text).diagnostics {
                #expect(d.message.first?.isLowercase == true, "\(d.message)")
                #expect(!d.message.hasSuffix("."), "\(d.message)")
                #expect(d.code.hasPrefix("yaml."))
                #expect(d.range?.start.file == "test.yaml")
            }
        }
    }
}
