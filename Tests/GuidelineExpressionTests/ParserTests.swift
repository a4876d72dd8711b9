import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

@Suite struct ParserTests {
    static func parse(_ text: String, limits: ExpressionLimits = .default) -> (ParsedExpression?, [Diagnostic]) {
        var bag = DiagnosticBag()
        let parsed = ExpressionParser.parse(text, limits: limits, diagnostics: &bag)
        return (parsed, bag.all)
    }

    /// Fully parenthesised form, to make precedence visible.
    static func shape(_ e: ParsedExpression, _ id: Int) -> String {
        guard let node = e.node(id) else { return "?" }
        switch node.kind {
        case .literal(let l): return ExpressionPrinter.text(of: l)
        case .name(let n): return n
        case .unary(let op, let a): return "(\(op.rawValue) \(shape(e, a)))"
        case .binary(let op, let a, let b): return "(\(shape(e, a)) \(op.rawValue) \(shape(e, b)))"
        case .range(let a, let b): return "\(shape(e, a))..\(shape(e, b))"
        case .list(let items): return "[" + items.map { shape(e, $0) }.joined(separator: ", ") + "]"
        case .call(let f, let args): return f + "(" + args.map { shape(e, $0) }.joined(separator: ", ") + ")"
        }
    }

    @Test(arguments: [
        ("a or b and c", "(a or (b and c))"),
        ("a and b or c", "((a and b) or c)"),
        ("not a and b", "((not a) and b)"),
        ("not a == b", "(not (a == b))"),
        ("not not a", "(not (not a))"),
        ("a + b * c", "(a + (b * c))"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b / c", "((a / b) / c)"),
        ("-a * b", "((- a) * b)"),
        ("- -a", "(- (- a))"),
        ("a + b >= c * 2", "((a + b) >= (c * 2))"),
        ("x in 1..2 + 3", "(x in 1..(2 + 3))"),
        ("x not in [a, b] or y", "((x not in [a, b]) or y)"),
        ("(a or b) and c", "((a or b) and c)"),
        ("min(a, b + 1) < max(c)", "(min(a, (b + 1)) < max(c))"),
        ("sins >= 13 and patient.life_expectancy >= 3 mo", "((sins >= 13) and (patient.life_expectancy >= 3 mo))"),
        ("x == 2.0", "(x == 2.0)"),
        ("[]", "[]"),
        ("known(x)", "known(x)"),
        ("spine.level in C3..C6", "(spine.level in C3..C6)"),
        ("dose in 16 Gy..24 Gy", "(dose in 16 Gy..24 Gy)"),
    ])
    func precedence(text: String, expected: String) throws {
        let (parsed, diagnostics) = Self.parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let e = try #require(parsed)
        #expect(Self.shape(e, e.root) == expected)
        for (i, node) in e.nodes.enumerated() {
            #expect(node.id == i)
            #expect(node.children.allSatisfy { $0 < i })
        }
    }

    @Test func spans() throws {
        let e = try #require(Self.parse("not (a or b) and min(x, 2)").0)
        #expect(e.source(of: e.root) == "not (a or b) and min(x, 2)")
        let sources = e.nodes.map { e.source(of: $0.id) }
        #expect(sources.contains("a or b"))
        #expect(sources.contains("not (a or b)"))
        #expect(sources.contains("min(x, 2)"))
    }

    @Test(arguments: [
        ("a and", "expected an expression, found end of expression", "6-6"),
        ("a == == b", "expected an expression, found '=='", "6-8"),
        ("(a or b", "expected ')' to close '(', found end of expression", "8-8"),
        ("a b", "unexpected 'b' after the expression", "3-4"),
        ("a < b < c", "comparisons cannot be chained", "7-8"),
        ("x in 1..2..3", "a range is only allowed after 'in'", "10-12"),
        ("a..b", "a range is only allowed after 'in'", "2-4"),
        ("a)", "unmatched ')'", "2-3"),
        ("[a, b", "expected ',' or ']' in list, found end of expression", "6-6"),
        ("f(a b)", "expected ',' or ')' in arguments, found 'b'", "5-6"),
        ("and a", "expected an expression before 'and', found 'and'", "1-4"),
        ("", "expected an expression, found end of expression", "1-1"),
        ("[a,]", "expected an expression, found ']'", "4-5"),
    ])
    func syntaxErrors(text: String, message: String, columns: String) throws {
        let (parsed, diagnostics) = Self.parse(text)
        #expect(parsed == nil)
        let d = try #require(diagnostics.first)
        #expect(d.code == "expr.syntax")
        #expect(d.message == message)
        #expect(Fixtures.columns(d) == columns)
        #expect(d.range?.start.file == "<expression>")
    }

    @Test func collectsLexicalErrorsBeforeTheSyntaxError() {
        let (parsed, diagnostics) = Self.parse("a = 3 hr and")
        #expect(parsed == nil)
        #expect(diagnostics.map(\.code) == ["expr.syntax", "expr.unknown-unit", "expr.syntax"])
    }

    @Test func lengthLimit() throws {
        let text = String(repeating: "a or ", count: 10) + "a"
        let (parsed, diagnostics) = Self.parse(text, limits: ExpressionLimits(maxLength: 20, maxDepth: 64))
        #expect(parsed == nil)
        let d = try #require(diagnostics.first)
        #expect(d.code == "expr.too-long")
        #expect(d.message == "expression is 51 characters long, over the limit of 20")
        #expect(Fixtures.columns(d) == "21-52")
    }

    @Test(arguments: [
        String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000),
        String(repeating: "not ", count: 100) + "a",
        String(repeating: "-", count: 100) + "1",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        String(repeating: "f(", count: 100) + String(repeating: ")", count: 100),
        String(repeating: "(a and ", count: 65) + "a" + String(repeating: ")", count: 65),
    ])
    func depthLimit(text: String) throws {
        let (parsed, diagnostics) = Self.parse(text, limits: ExpressionLimits(maxLength: 100_000, maxDepth: 64))
        #expect(parsed == nil)
        let d = try #require(diagnostics.last)
        #expect(d.code == "expr.too-deep")
        #expect(d.message == "expression nests deeper than the limit of 64 levels")
    }

    /// A flat chain is one level however long (issue 21): 65 or 120 terms joined by `and`, `or`, `+` or `*`
    /// parse, and so does a chain of chains.
    @Test(arguments: [
        (1...65).map { "a\($0)" }.joined(separator: " and "),
        (1...120).map { "a\($0)" }.joined(separator: " or "),
        (1...120).map { "a\($0)" }.joined(separator: " + ") + " > 0",
        (1...100).map { "a\($0)" }.joined(separator: " * ") + " / b - c + d > 0",
        (1...60).map { _ in (1...4).map { "x\($0)" }.joined(separator: " and ") }.joined(separator: " or "),
    ])
    func aFlatChainIsNotDeep(text: String) throws {
        let (parsed, diagnostics) = Self.parse(text)
        #expect(parsed != nil, "\(diagnostics)")
    }

    /// The length of a chain has its own limit, 128 operations one after another (what bounds the recursion
    /// of walks over the tree), whether in one chain or through operands.
    @Test(arguments: [
        (1...130).map { "a\($0)" }.joined(separator: " and "),
        "(" + (1...70).map { "a\($0)" }.joined(separator: " + ") + ") + "
            + (1...70).map { "b\($0)" }.joined(separator: " + ") + " > 0",
    ])
    func aChainOverTheLimitIsTooLong(text: String) throws {
        let (parsed, diagnostics) = Self.parse(text)
        #expect(parsed == nil)
        let d = try #require(diagnostics.last)
        #expect(d.code == "expr.too-long")
        #expect(d.message == "expression chains more than 128 operations one after another")
        #expect(d.help == ["split it into derived values"])
    }

    @Test func withinDepthLimit() {
        let text = String(repeating: "(", count: 30) + "a" + String(repeating: ")", count: 30)
        #expect(Self.parse(text).0 != nil)
    }

    @Test func sourceMapShiftsPositions() throws {
        var bag = DiagnosticBag()
        let map = SingleLineSourceMap(file: "Rules/pt.yaml", line: 24, column: 11)
        _ = ExpressionParser.parse("sins >= ", sourceMap: map, diagnostics: &bag)
        let d = try #require(bag.all.first)
        #expect(d.range?.start == SourceLocation(file: "Rules/pt.yaml", line: 24, column: 19))
    }
}
