import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

@Suite struct LexerTests {
    /// Tokens as compact strings: `name:spine.level@0..11`.
    static func lex(_ text: String) -> ([String], [Diagnostic]) {
        var bag = DiagnosticBag()
        let tokens = Lexer.tokenize(text, diagnostics: &bag)
        let shown = tokens.map { t -> String in
            let where_ = "@\(t.span.lowerBound)..\(t.span.upperBound)"
            switch t.kind {
            case .number(let n, _): return "num:\(n)\(where_)"
            case .quantity(let n, _, let u): return "qty:\(n) \(u.symbol)\(where_)"
            case .name(let s): return "name:\(s)\(where_)"
            case .keyword(let s): return "kw:\(s)\(where_)"
            case .symbol(let s): return "sym:\(s)\(where_)"
            case .end: return "end\(where_)"
            }
        }
        return (shown, bag.all)
    }

    @Test(arguments: [
        (
            "spine.level in C3..C6",
            [
                "name:spine.level@0..11", "kw:in@12..14", "name:C3@15..17", "sym:..@17..19", "name:C6@19..21",
                "end@21..21",
            ]
        ),
        (
            "neuro.presentation == suspected-mescc",
            ["name:neuro.presentation@0..18", "sym:==@19..21", "name:suspected-mescc@22..37", "end@37..37"]
        ),
        (
            "over-50 or deficit-within-7-days",
            ["name:over-50@0..7", "kw:or@8..10", "name:deficit-within-7-days@11..32", "end@32..32"]
        ),
        ("a - b", ["name:a@0..1", "sym:-@2..3", "name:b@4..5", "end@5..5"]),
        ("a-b", ["name:a-b@0..3", "end@3..3"]),
        ("7..12", ["num:7@0..1", "sym:..@1..3", "num:12@3..5", "end@5..5"]),
        ("1.5..2", ["num:1.5@0..3", "sym:..@3..5", "num:2@5..6", "end@6..6"]),
        ("16 Gy..24 Gy", ["qty:16 Gy@0..5", "sym:..@5..7", "qty:24 Gy@7..12", "end@12..12"]),
        ("12 h", ["qty:12 h@0..4", "end@4..4"]),
        ("12h", ["qty:12 h@0..3", "end@3..3"]),
        ("50000 /uL", ["qty:50000 /uL@0..9", "end@9..9"]),
        ("5 10*9/L", ["qty:5 10*9/L@0..8", "end@8..8"]),
        ("3 mg/dL", ["qty:3 mg/dL@0..7", "end@7..7"]),
        ("3 mg / x", ["qty:3 mg@0..4", "sym:/@5..6", "name:x@7..8", "end@8..8"]),
        ("50 %", ["qty:50 %@0..4", "end@4..4"]),
        (
            "sins >= 7 and x",
            ["name:sins@0..4", "sym:>=@5..7", "num:7@8..9", "kw:and@10..13", "name:x@14..15", "end@15..15"]
        ),
        ("2 a", ["qty:2 a@0..3", "end@3..3"]),
        ("x / 2", ["name:x@0..1", "sym:/@2..3", "num:2@4..5", "end@5..5"]),
        (
            "min(a, b)",
            ["name:min@0..3", "sym:(@3..4", "name:a@4..5", "sym:,@5..6", "name:b@7..8", "sym:)@8..9", "end@9..9"]
        ),
        ("not in [x]", ["kw:not@0..3", "kw:in@4..6", "sym:[@7..8", "name:x@8..9", "sym:]@9..10", "end@10..10"]),
        ("é.x != 1", ["name:é.x@0..3", "sym:!=@4..6", "num:1@7..8", "end@8..8"]),
        (
            "a<=b>c<d",
            [
                "name:a@0..1", "sym:<=@1..3", "name:b@3..4", "sym:>@4..5", "name:c@5..6", "sym:<@6..7", "name:d@7..8",
                "end@8..8",
            ]
        ),
    ])
    func tokens(text: String, expected: [String]) {
        let (tokens, diagnostics) = Self.lex(text)
        #expect(diagnostics.isEmpty)
        #expect(tokens == expected)
    }

    @Test(
        arguments: [
            ("12 hr", "expr.unknown-unit", "unknown unit 'hr'", "4-6", "did you mean 'h'?"),
            ("3 mos", "expr.unknown-unit", "unknown unit 'mos'", "3-6", "did you mean 'mo'?"),
            ("45000 /ul", "expr.unknown-unit", "unknown unit '/ul'", "7-10", "did you mean '/uL'?"),
            ("a = b", "expr.syntax", "unexpected '='", "3-4", "did you mean '=='?"),
            ("!a", "expr.syntax", "unexpected '!'", "1-2", "did you mean 'not'?"),
            ("1.1234567", "expr.invalid-number", "number '1.1234567' has more than 6 decimal places", "1-10", nil),
            ("a # b", "expr.syntax", "unexpected character '#'", "3-4", nil),
        ] as [(String, String, String, String, String?)])
    func errors(text: String, code: String, message: String, columns: String, help: String?) throws {
        let (_, diagnostics) = Self.lex(text)
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.code == code)
        #expect(d.message == message)
        #expect(Fixtures.columns(d) == columns)
        if let help { #expect(d.help == [help]) }
    }

    @Test func unknownUnitWithoutSuggestionListsUnits() throws {
        let (_, diagnostics) = Self.lex("3 xyzzy")
        let d = try #require(diagnostics.first)
        #expect(d.message == "unknown unit 'xyzzy'")
        #expect(d.help.first?.hasPrefix("units are: s, min, h") == true)
    }

    @Test func offsetsCountUnicodeScalars() {
        let (tokens, _) = Self.lex("ä == b")
        #expect(tokens.first == "name:ä@0..1")
    }
}
