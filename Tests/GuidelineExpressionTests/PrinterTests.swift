import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds random syntax trees directly as node tables.
struct TreeGenerator {
    var rng: SeededGenerator
    var nodes: [ExpressionNode] = []
    static let names = [
        "a", "sins", "sins.band", "spine.level", "suspected-mescc", "over-50", "C3", "x_1", "deficit-within-7-days",
        "inx", "notably",
    ]
    static let operators: [BinaryOperator] = BinaryOperator.allCases

    mutating func add(_ kind: ExpressionNode.Kind) -> Int {
        nodes.append(ExpressionNode(id: nodes.count, kind: kind, span: 0..<0))
        return nodes.count - 1
    }

    mutating func number() -> Number {
        let scaled = Int64.random(in: 0...5_000_000_000, using: &rng)
        return Number(scaled: Bool.random(using: &rng) ? scaled / 1_000_000 * 1_000_000 : scaled)
    }

    mutating func leaf() -> Int {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return add(.literal(.integer(Number(exactly: Int.random(in: 0...100_000, using: &rng)) ?? .zero)))
        case 1: return add(.literal(.decimal(number())))
        case 2:
            let unit = Unit.all.randomElement(using: &rng) ?? Unit.all[0]
            let value = Number(exactly: Int.random(in: 0...1000, using: &rng)) ?? .zero
            let q = (try? Quantity(value, unit)) ?? Quantity(baseValue: .zero, unit: unit)
            return add(.literal(.quantity(q)))
        case 3: return add(.literal(.boolean(Bool.random(using: &rng))))
        default: return add(.name(TreeGenerator.names.randomElement(using: &rng) ?? "a"))
        }
    }

    mutating func tree(depth: Int) -> Int {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return leaf() }
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return add(.unary(.not, tree(depth: depth - 1)))
        case 1: return add(.unary(.negate, tree(depth: depth - 1)))
        case 2: return add(.list((0..<Int.random(in: 0...3, using: &rng)).map { _ in tree(depth: depth - 1) }))
        case 3:
            let f = ["min", "max", "abs", "known", "f"].randomElement(using: &rng) ?? "f"
            return add(.call(f, (0..<Int.random(in: 0...3, using: &rng)).map { _ in tree(depth: depth - 1) }))
        default:
            let op = TreeGenerator.operators.randomElement(using: &rng) ?? .add
            let l = tree(depth: depth - 1)
            var r = tree(depth: depth - 1)
            if op == .in || op == .notIn, Bool.random(using: &rng) {
                r = add(.range(r, tree(depth: depth - 1)))
            }
            return add(.binary(op, l, r))
        }
    }
}

@Suite struct PrinterTests {
    @Test(
        arguments: [
            ("a or b and c", "a or b and c"),
            ("(a or b) and c", "(a or b) and c"),
            ("not (a == b)", "not a == b"),
            ("(not a) == b", "(not a) == b"),
            ("a - (b - c)", "a - (b - c)"),
            ("(a - b) - c", "a - b - c"),
            ("-(-x)", "- -x"),
            ("x  in  C3 .. C6", "x in C3..C6"),
            ("x in (1..2)", nil),
            ("d >= 16 Gy", "d >= 16 Gy"),
            ("n == 2.0 or n == 2.50", "n == 2.0 or n == 2.5"),
            ("f( a ,b )", "f(a, b)"),
            ("[ ]", "[]"),
            ("x not in [a,b]", "x not in [a, b]"),
            ("(a == b) == c", "(a == b) == c"),
            ("a in (b in c)", "a in (b in c)"),
            ("3mo", "3 mo"),
        ] as [(String, String?)])
    func canonical(text: String, expected: String?) {
        var bag = DiagnosticBag()
        let parsed = ExpressionParser.parse(text, diagnostics: &bag)
        #expect(parsed.map(ExpressionPrinter.print) == expected)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func roundTripProperty(seed: UInt64) throws {
        var generator = TreeGenerator(rng: SeededGenerator(seed: seed))
        for _ in 0..<250 {
            generator.nodes = []
            let root = generator.tree(depth: 5)
            let original = ParsedExpression(text: "", nodes: generator.nodes, root: root)
            let text = ExpressionPrinter.print(original)
            var bag = DiagnosticBag()
            let reparsed = ExpressionParser.parse(text, limits: ExpressionLimits(maxLength: 100_000), diagnostics: &bag)
            #expect(bag.all.isEmpty, "\(text): \(bag.all)")
            guard let reparsed else { continue }
            #expect(reparsed.sameTree(as: original), "\(text)")
            #expect(ExpressionPrinter.print(reparsed) == text)
        }
    }
}
