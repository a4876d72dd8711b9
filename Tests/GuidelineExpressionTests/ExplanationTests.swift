import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

@Suite struct ExplanationTests {
    static func run(_ text: String, _ values: [String: Value]) throws -> (CheckedExpression, Value, [Value]) {
        let c = try #require(Fixtures.compile(text).0)
        var trace: [Value]? = []
        let v = try ExpressionEvaluator.evaluate(c, slots: Fixtures.slots(values), trace: &trace)
        return (c, v, trace ?? [])
    }

    static let band = Value.symbol("unstable", of: Fixtures.band)

    @Test(
        arguments: [
            (
                "sins >= 13 and patient.life_expectancy >= 3 mo",
                ["sins": Fixtures.n("14"), "patient.life_expectancy": Fixtures.q("6 mo")],
                "sins (14) >= 13 and patient.life_expectancy (6 mo) >= 3 mo"
            ),
            (
                "spine.pain == mechanical or not spine.stabilized", ["spine.stabilized": .bool(false)],
                "spine.pain (unknown) == mechanical or not spine.stabilized (false)"
            ),
            (
                "sins.band == unstable and not spine.stabilized",
                ["sins.band": band, "spine.stabilized": .bool(false)],
                "sins.band (unstable) == unstable and not spine.stabilized (false)"
            ),
            (
                "(spine.stabilized or neuro.cord_compression) and sins in 7..12",
                ["sins": .between(Number("7")!, Number("9")!)],
                "(spine.stabilized (unknown) or neuro.cord_compression (unknown)) and sins (7..9) in 7..12"
            ),
            ("min(sins, 3) < 2", ["sins": Fixtures.n("1")], "min(sins (1), 3) < 2"),
        ] as [(String, [String: Value], String)])
    func because(text: String, values: [String: Value], expected: String) throws {
        let (c, _, trace) = try Self.run(text, values)
        #expect(Explanation.because(c, trace: trace) == expected)
    }

    @Test func undecidedSlots() throws {
        let text = "sins >= 13 and spine.pain == mechanical"
        var (c, v, trace) = try Self.run(text, ["sins": .between(Number("12")!, Number("15")!)])
        #expect(v == .unknown)
        #expect(Explanation.undecidedSlots(c, trace: trace) == [0, 3])
        (c, v, trace) = try Self.run(text, ["sins": Fixtures.n("5")])
        #expect(v == .bool(false))
        #expect(Explanation.undecidedSlots(c, trace: trace) == [])
        (c, v, trace) = try Self.run(text, ["sins": Fixtures.n("14")])
        #expect(Explanation.undecidedSlots(c, trace: trace) == [3])
        (c, v, trace) = try Self.run("spine.stabilized or spine.pain == mechanical", ["spine.stabilized": .bool(true)])
        #expect(Explanation.undecidedSlots(c, trace: trace) == [])
        (c, v, trace) = try Self.run("spine.stabilized or spine.stabilized", [:])
        #expect(Explanation.undecidedSlots(c, trace: trace) == [7])
    }

    @Test func responsibleConditions() throws {
        let text = "sins >= 13 and not spine.stabilized and spine.pain == mechanical"
        var (c, v, trace) = try Self.run(text, ["sins": Fixtures.n("14"), "spine.stabilized": .bool(true)])
        #expect(v == .bool(false))
        #expect(Explanation.responsible(c, trace: trace).map(\.line) == ["spine.stabilized = true"])
        (c, v, trace) = try Self.run(text, ["sins": Fixtures.n("14"), "spine.stabilized": .bool(false)])
        #expect(v == .unknown)
        #expect(Explanation.responsible(c, trace: trace).map(\.line) == ["spine.pain == mechanical = unknown"])
        (c, v, trace) = try Self.run(
            "sins < 7 or spine.stabilized", ["sins": Fixtures.n("14"), "spine.stabilized": .bool(false)])
        #expect(
            Explanation.responsible(c, trace: trace).map(\.line) == ["sins < 7 = false", "spine.stabilized = false"])
        (c, v, trace) = try Self.run("sins < 7 or spine.stabilized", ["sins": Fixtures.n("3")])
        #expect(v == .bool(true))
        #expect(Explanation.responsible(c, trace: trace).map(\.line) == ["sins < 7 = true"])
    }

    @Test func tree() throws {
        let (c, _, trace) = try Self.run(
            "sins >= 13 and not spine.stabilized", ["sins": Fixtures.n("14"), "spine.stabilized": .bool(false)])
        let tree = Explanation.tree(c, trace: trace)
        #expect(
            tree.outline() == """
                sins >= 13 and not spine.stabilized = true
                  sins >= 13 = true
                    sins = 14
                    13 = 13
                  not spine.stabilized = true
                    spine.stabilized = false

                """)
    }
}

@Suite struct TemplateTests {
    static func parse(_ text: String) -> (TextTemplate?, [Diagnostic]) {
        var bag = DiagnosticBag()
        let t = TextTemplate.parse(text, symbols: Fixtures.symbols, diagnostics: &bag)
        return (t, bag.all)
    }

    @Test func renders() throws {
        let t = try #require(Self.parse("SINS {sins} ({sins.band}); {{literal}} {patient.life_expectancy + 1 d}").0)
        let slots = Fixtures.slots([
            "sins": Fixtures.n("14"), "sins.band": .symbol("unstable", of: Fixtures.band),
            "patient.life_expectancy": Fixtures.q("6 mo"),
        ])
        #expect(try t.render(slots: slots) == "SINS 14 (unstable); {literal} 183.625 d")
        #expect(try t.render(slots: Fixtures.slots([:])) == "SINS unknown (unknown); {literal} unknown")
        #expect(t.dependencies == [0, 1, 5])
        #expect(t.placeholders.count == 3)
        let plain = try #require(Self.parse("no placeholders }} here").0)
        #expect(try plain.render(slots: []) == "no placeholders } here")
    }

    @Test(arguments: [
        ("SINS {sins", "expr.template", "unclosed '{' in text", "6-7"),
        ("a } b", "expr.template", "unmatched '}' in text", "3-4"),
        ("x {} y", "expr.template", "empty placeholder '{}' in text", "3-5"),
        ("a {b {c}", "expr.template", "unclosed '{' in text", "3-4"),
        ("SINS {spine.pian}", "expr.undeclared-name", "undeclared name 'spine.pian'", "7-17"),
        ("SINS {sins >}", "expr.syntax", "expected an expression, found end of expression", "13-13"),
    ])
    func errors(text: String, code: String, message: String, columns: String) throws {
        let (t, diagnostics) = Self.parse(text)
        #expect(t == nil)
        let d = try #require(diagnostics.first)
        #expect(d.code == code)
        #expect(d.message == message)
        #expect(Fixtures.columns(d) == columns)
    }
}

@Suite struct ConstantLiteralTests {
    @Test(arguments: [
        ("12 h", "12 h", ExpressionType.quantity(.time)),
        ("16 Gy..24 Gy", "16 Gy..24 Gy", .range(.quantity(.dose))),
        ("0.5", "0.5", .decimal),
        ("-3", "-3", .integer),
        ("true", "true", .boolean),
        ("[1, 2]", "[1, 2]", .list(.integer)),
        ("7..12", "7..12", .range(.integer)),
        ("0 mo..1200 mo", "0 mo..1200 mo", .range(.quantity(.time))),
        ("45000 /uL", "45000 /uL", .quantity(.countPerVolume)),
    ])
    func literals(text: String, description: String, type: ExpressionType) throws {
        let result = try #require(ConstantLiteral.parse(text))
        #expect(result.value.description == description)
        #expect(result.type == type)
    }

    @Test(arguments: ["surgical stabilisation", "1 + 2", "sins", "12 hr", "", "C3..C6", "7..3 mo", "[1, true]"])
    func notLiterals(text: String) {
        #expect(ConstantLiteral.parse(text) == nil)
    }
}
