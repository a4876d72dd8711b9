import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

/// Random inputs must never crash the lexer, parser, checker, evaluator or explainers.
@Suite struct FuzzTests {
    static let fragments = [
        "sins", "sins.band", "spine.level", "spine.pain", "patient.life_expectancy", "rt.dose", "spine.stabilized",
        "labs.platelets", "ratio", "levels", "C3", "T12", "none", "mechanical", "unstable", "and", "or", "not", "in",
        "true", "false", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "(", ")", "[", "]", ",", "..", "=", "!",
        "0", "13", "9223372036854", "0.000001", "2.5", "3 mo", "19 Gy", "1900 cGy", "45000 /uL", "12 hr", "min(",
        "max(",
        "abs(", "known(", "#", "é", ".", " ",
    ]

    static func randomValue(_ type: ExpressionType, _ rng: inout SeededGenerator) -> Value {
        if Int.random(in: 0..<4, using: &rng) == 0 { return .unknown }
        switch type {
        case .boolean: return .bool(Bool.random(using: &rng))
        case .integer:
            let lo = Int.random(in: -20...20, using: &rng)
            return Bool.random(using: &rng) ? .integer(lo) : .between(Number(exactly: lo)!, Number(exactly: lo + 5)!)
        case .decimal:
            return .number(Number(scaled: Int64.random(in: -1_000_000_000...1_000_000_000_000_000, using: &rng)))
        case .quantity(let d):
            let unit = d.units.randomElement(using: &rng) ?? Unit.all[0]
            return .quantity(
                Quantity(
                    baseValue: Number(scaled: Int64.random(in: -1_000_000_000_000...Int64.max, using: &rng)), unit: unit
                ))
        case .enumeration(let e): return .symbol(e, Int.random(in: 0..<e.values.count, using: &rng))
        case .list(let t): return .list((0..<3).map { _ in randomValue(t, &rng) })
        default: return .unknown
        }
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func randomTokenSoup(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var compiled = 0
        for _ in 0..<1500 {
            let count = Int.random(in: 1...12, using: &rng)
            let text = (0..<count).map { _ in Self.fragments.randomElement(using: &rng) ?? "" }.joined(separator: " ")
            var bag = DiagnosticBag()
            guard let c = CheckedExpression.compile(text, symbols: Fixtures.symbols, diagnostics: &bag) else {
                #expect(bag.hasErrors, "\(text)")
                continue
            }
            compiled += 1
            let slots = Fixtures.symbols.names.compactMap(Fixtures.symbols.lookup).sorted { $0.slot < $1.slot }
                .map { Self.randomValue($0.type, &rng) }
            var trace: [Value]? = []
            if let value = try? ExpressionEvaluator.evaluate(c, slots: slots, trace: &trace), let trace {
                _ = Explanation.because(c, trace: trace)
                _ = Explanation.undecidedSlots(c, trace: trace)
                _ = Explanation.responsible(c, trace: trace)
                _ = Explanation.tree(c, trace: trace)
                _ = value.description
            }
            var reparsedBag = DiagnosticBag()
            let reparsed = ExpressionParser.parse(ExpressionPrinter.print(c.parsed), diagnostics: &reparsedBag)
            #expect(reparsed?.sameTree(as: c.parsed) == true, "\(text)")
        }
        #expect(compiled > 0)
    }

    @Test func randomTemplatesAndLiterals() {
        var rng = SeededGenerator(seed: 99)
        let pieces = ["{", "}", "{{", "}}", "sins", " text ", "{sins}", "{spine.level}", "..", "3 mo", "[1, 2]", "-"]
        for _ in 0..<1000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined()
            var bag = DiagnosticBag()
            if let t = TextTemplate.parse(text, symbols: Fixtures.symbols, diagnostics: &bag) {
                _ = try? t.render(slots: [])
            } else {
                #expect(bag.hasErrors)
            }
            _ = ConstantLiteral.parse(text)
        }
    }
}
