import GuidelineDiagnostics

/// Splits expression text into tokens with scalar offsets, reporting lexical errors.
///
/// Names are words joined by dots; a `-` between letters or digits inside a word belongs to the word
/// (`suspected-mescc`), so subtraction needs spaces. A number never swallows the first `.` of `..`.
/// A number followed (after optional spaces) by a unit symbol is one quantity token (`12 h`, `50000 /uL`).
package struct Lexer: Sendable {
    /// The reserved words.
    package static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false"]

    private let scalars: [Unicode.Scalar]
    private let sourceMap: any ExpressionSourceMap
    private var position = 0
    private var tokens: [Token] = []
    private var diagnostics = DiagnosticBag()

    private init(_ text: String, sourceMap: any ExpressionSourceMap) {
        self.scalars = ScalarText.scalars(of: text)
        self.sourceMap = sourceMap
        // Tokens are at least a character each, and most are words of several.
        tokens.reserveCapacity(scalars.count / 3 + 2)
    }

    /// The tokens of `text`, ending with an `.end` token; errors go to `diagnostics`, and lexing recovers
    /// (an unknown unit is dropped, `=` is read as `==`, `!` as `not`).
    package static func tokenize(
        _ text: String, sourceMap: any ExpressionSourceMap = SingleLineSourceMap(), diagnostics: inout DiagnosticBag
    ) -> [Token] {
        var lexer = Lexer(text, sourceMap: sourceMap)
        lexer.run()
        diagnostics.append(contentsOf: lexer.diagnostics.all)
        return lexer.tokens
    }

    /// Whether `word` is in `keywords`; compared directly, without hashing, as every name is checked.
    static func isKeyword(_ word: String) -> Bool {
        switch word {
        case "and", "or", "not", "in", "true", "false": true
        default: false
        }
    }

    private func at(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < scalars.count ? scalars[i] : nil }

    static func isLetter(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        return s.properties.isAlphabetic
    }

    static func isDigit(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return s >= "0" && s <= "9"
    }

    private func isWordChar(_ i: Int) -> Bool {
        let s = at(i)
        return Lexer.isLetter(s) || Lexer.isDigit(s) || s == "_"
    }

    private mutating func error(
        _ code: ExpressionDiagnosticCode, _ message: String, _ span: Range<Int>, help: [String] = []
    ) {
        diagnostics.error(code, message, at: sourceMap.range(of: span), help: help)
    }

    private func text(_ span: Range<Int>) -> String {
        ScalarText.string(scalars[span.clamped(to: 0..<scalars.count)])
    }

    /// The end of the word starting at `i` (letters, digits, `_`, and `-` followed by a letter or digit).
    private func wordEnd(from i: Int) -> Int {
        var j = i
        while j < scalars.count {
            if isWordChar(j) {
                j += 1
            } else if at(j) == "-", Lexer.isLetter(at(j + 1)) || Lexer.isDigit(at(j + 1)), j > i {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    private mutating func run() {
        while position < scalars.count {
            guard let c = at(position) else { break }
            let start = position
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                position += 1
            } else if Lexer.isDigit(c) {
                lexNumber()
            } else if Lexer.isLetter(c) {
                lexName()
            } else {
                lexSymbol(c, start)
            }
        }
        tokens.append(Token(.end, scalars.count..<scalars.count))
    }

    private mutating func lexName() {
        let start = position
        var end = wordEnd(from: position)
        while at(end) == ".", Lexer.isLetter(at(end + 1)) {
            end = wordEnd(from: end + 1)
        }
        position = end
        let name = text(start..<end)
        tokens.append(Token(Lexer.isKeyword(name) ? .keyword(name) : .name(name), start..<end))
    }

    private mutating func lexNumber() {
        let start = position
        var end = position
        while Lexer.isDigit(at(end)) { end += 1 }
        if at(end) == ".", Lexer.isDigit(at(end + 1)) {
            end += 1
            while Lexer.isDigit(at(end)) { end += 1 }
        }
        position = end
        let numberText = text(start..<end)
        var number = Number.zero
        switch Number.parse(numberText) {
        case .success(let n): number = n
        case .failure(let e):
            let message =
                e == .tooManyDecimalPlaces
                ? "number \(quoted: numberText) has more than \(Number.decimalPlaces) decimal places"
                : "number \(quoted: numberText) is too large: the limit is \(Number.largestWhole)"
            error(ExpressionDiagnosticCode.invalidNumber, message, start..<end)
        }
        // A unit, after optional spaces.
        var q = end
        while at(q) == " " || at(q) == "\t" { q += 1 }
        if let unit = matchUnit(at: q) {
            let unitEnd = q + unit.symbol.unicodeScalars.count
            position = unitEnd
            tokens.append(Token(.quantity(number, text: numberText, unit), start..<unitEnd))
            return
        }
        var unknownEnd: Int?
        if Lexer.isLetter(at(q)) {
            let e = wordEnd(from: q)
            if !Lexer.isKeyword(text(q..<e)) { unknownEnd = e }
        } else if at(q) == "/", q > end, Lexer.isLetter(at(q + 1)) {
            unknownEnd = wordEnd(from: q + 1)
        }
        if let e = unknownEnd {
            let word = text(q..<e)
            let suggestion = Unit.suggestion(for: word)?.symbol
            var help = suggestion.map { ["did you mean \(quoted: $0)?"] } ?? []
            if suggestion == nil { help.append("units are: " + Unit.all.map(\.symbol).joined(separator: ", ")) }
            error(ExpressionDiagnosticCode.unknownUnit, "unknown unit \(quoted: word)", q..<e, help: help)
            position = e
        }
        tokens.append(Token(.number(number, text: numberText), start..<end))
    }

    /// The longest unit symbol at `i` that is not followed by a letter, digit or `_`.
    private func matchUnit(at i: Int) -> Unit? {
        guard i < scalars.count else { return nil }
        for unit in Unit.symbolsLongestFirst {
            let symbol = unit.symbol.unicodeScalars
            var j = i
            var matched = true
            for s in symbol {
                guard at(j) == s else {
                    matched = false
                    break
                }
                j += 1
            }
            if matched, !isWordChar(j) { return unit }
        }
        return nil
    }

    private mutating func lexSymbol(_ c: Unicode.Scalar, _ start: Int) {
        let next = at(start + 1)
        func emit(_ s: String, _ length: Int) {
            tokens.append(Token(.symbol(s), start..<(start + length)))
            position = start + length
        }
        switch c {
        case "=":
            if next == "=" {
                emit("==", 2)
            } else {
                error(
                    ExpressionDiagnosticCode.syntax, "unexpected '='", start..<(start + 1), help: ["did you mean '=='?"]
                )
                emit("==", 1)
            }
        case "!":
            if next == "=" {
                emit("!=", 2)
            } else {
                error(
                    ExpressionDiagnosticCode.syntax, "unexpected '!'", start..<(start + 1),
                    help: ["did you mean 'not'?"])
                tokens.append(Token(.keyword("not"), start..<(start + 1)))
                position = start + 1
            }
        case "<", ">":
            if next == "=" { emit(c == "<" ? "<=" : ">=", 2) } else { emit(String(c), 1) }
        case ".":
            if next == "." {
                emit("..", 2)
            } else {
                error(
                    ExpressionDiagnosticCode.syntax, "unexpected '.'", start..<(start + 1),
                    help: ["names join words with '.', ranges use '..'"])
                position = start + 1
            }
        case "+", "-", "*", "/", "(", ")", "[", "]", ",":
            emit(String(c), 1)
        default:
            error(ExpressionDiagnosticCode.syntax, "unexpected character \(quoted: c)", start..<(start + 1))
            position = start + 1
        }
    }
}
