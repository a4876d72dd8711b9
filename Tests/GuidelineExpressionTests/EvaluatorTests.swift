import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

@Suite struct EvaluatorTests {
    static func eval(_ text: String, _ values: [String: Value]) throws -> Value {
        let (checked, diagnostics) = Fixtures.compile(text)
        let c = try #require(checked, "\(diagnostics)")
        return try ExpressionEvaluator.evaluate(c, slots: Fixtures.slots(values))
    }

    static let T = Value.bool(true), F = Value.bool(false), U = Value.unknown

    @Test(arguments: [
        (T, T, T, T), (T, F, F, T), (T, U, U, T),
        (F, T, F, T), (F, F, F, F), (F, U, F, U),
        (U, T, U, T), (U, F, F, U), (U, U, U, U),
    ])
    func truthTables(a: Value, b: Value, and: Value, or: Value) throws {
        let values = ["spine.stabilized": a, "neuro.cord_compression": b]
        #expect(try Self.eval("spine.stabilized and neuro.cord_compression", values) == and)
        #expect(try Self.eval("spine.stabilized or neuro.cord_compression", values) == or)
        // With tracing, both sides are evaluated but the result is the same.
        let c = try #require(Fixtures.compile("spine.stabilized and neuro.cord_compression").0)
        var trace: [Value]? = []
        #expect(try ExpressionEvaluator.evaluate(c, slots: Fixtures.slots(values), trace: &trace) == and)
        #expect(trace?.count == c.nodeCount)
    }

    @Test(arguments: [(Self.T, Self.F), (Self.F, Self.T), (Self.U, Self.U)])
    func not(a: Value, expected: Value) throws {
        #expect(try Self.eval("not spine.stabilized", ["spine.stabilized": a]) == expected)
    }

    @Test func knownIsNeverUnknown() throws {
        #expect(try Self.eval("known(spine.pain)", [:]) == Self.F)
        #expect(try Self.eval("known(spine.pain)", ["spine.pain": .symbol("none", of: Fixtures.pain)]) == Self.T)
        #expect(try Self.eval("known(sins)", ["sins": .interval(lo: Number("12")!, hi: Number("15")!)]) == Self.F)
        #expect(try Self.eval("not known(sins + 1)", [:]) == Self.T)
    }

    static func interval(_ lo: Int, _ hi: Int) -> Value { .between(Number(exactly: lo)!, Number(exactly: hi)!) }

    @Test(arguments: [
        ("sins >= 13", interval(12, 15), U), ("sins >= 13", interval(13, 15), T), ("sins >= 13", interval(7, 12), F),
        ("sins > 12", interval(13, 15), T), ("sins < 13", interval(7, 12), T), ("sins <= 12", interval(12, 15), U),
        ("sins == 14", interval(13, 15), U), ("sins == 14", interval(1, 3), F), ("sins != 14", interval(1, 3), T),
        ("sins in 7..12", interval(7, 12), T), ("sins in 7..12", interval(10, 14), U),
        ("sins in 7..12", interval(13, 15), F),
        ("sins not in 7..12", interval(13, 15), T), ("sins in [1, 2, 3]", interval(4, 5), F),
        ("sins in [1, 2, 3]", interval(2, 5), U), ("sins + 1 >= 14", interval(13, 15), T),
        ("sins - 20 < 0", interval(0, 18), T), ("sins * 2 >= 10", interval(5, 9), T),
        ("-sins <= -5", interval(5, 9), T),
        ("abs(sins - 10) <= 5", interval(5, 15), T), ("min(sins, 4) <= 4", interval(0, 18), T),
        ("max(sins, 4) >= 4", interval(0, 18), T), ("sins / 2 >= 1", interval(2, 4), T),
        ("sins >= 13", U, U), ("sins in 7..12", U, U), ("sins in []", U, F),
    ])
    func intervals(text: String, sins: Value, expected: Value) throws {
        #expect(try Self.eval(text, ["sins": sins]) == expected)
    }

    @Test func intervalArithmetic() throws {
        #expect(try Self.eval("sins + 1", ["sins": Self.interval(12, 15)]) == Self.interval(13, 16))
        #expect(try Self.eval("sins * -1", ["sins": Self.interval(12, 15)]) == Self.interval(-15, -12))
        #expect(try Self.eval("10 / sins", ["sins": Self.interval(-1, 1)]) == Self.U)
        #expect(try Self.eval("sins - sins", ["sins": Self.interval(1, 2)]) == Self.interval(-1, 1))
        #expect(Self.interval(7, 12).description == "7..12")
    }

    static func level(_ v: String) -> Value { .symbol(v, of: Fixtures.level) }

    @Test(arguments: [
        ("spine.level in C3..C6", "C5", T), ("spine.level in C3..C6", "C3", T), ("spine.level in C3..C6", "T1", F),
        ("spine.level in occiput..C2", "C3", F), ("spine.level > C7", "T12", T), ("spine.level <= C1", "C2", F),
        ("spine.level == T12", "T12", T), ("T12 != spine.level", "T12", F), ("spine.level in [C3, T12]", "T12", T),
        ("spine.level not in [C3, T12]", "C4", T), ("spine.level in levels", "C3", T),
    ])
    func enums(text: String, value: String, expected: Value) throws {
        let levels = Value.list([Self.level("C3"), Self.level("C4")])
        #expect(try Self.eval(text, ["spine.level": Self.level(value), "levels": levels]) == expected)
    }

    @Test func unorderedEquality() throws {
        let pain = Value.symbol("mechanical", of: Fixtures.pain)
        #expect(try Self.eval("spine.pain == mechanical", ["spine.pain": pain]) == Self.T)
        #expect(try Self.eval("spine.pain in [none, occasional]", ["spine.pain": pain]) == Self.F)
        #expect(
            try Self.eval("sins.band >= potentially-unstable", ["sins.band": .symbol("unstable", of: Fixtures.band)])
                == Self.T)
    }

    @Test(arguments: [
        ("patient.life_expectancy >= 3 mo", "91 d", F), ("patient.life_expectancy >= 3 mo", "92 d", T),
        ("patient.life_expectancy >= 3 mo", "6 mo", T), ("patient.life_expectancy == 91.3125 d", "3 mo", T),
        ("patient.life_expectancy in 1 wk..1 a", "6 mo", T), ("patient.life_expectancy < 12 h", "1 d", F),
        ("patient.life_expectancy + 2 d > 3 mo", "3 mo", T), ("patient.life_expectancy / 2 == 3 mo", "6 mo", T),
        ("patient.life_expectancy / 1 mo == 6", "6 mo", T),
        ("max(patient.life_expectancy, 1 a) == 12 mo", "6 mo", T),
    ])
    func quantities(text: String, value: String, expected: Value) throws {
        #expect(try Self.eval(text, ["patient.life_expectancy": Fixtures.q(value)]) == expected)
    }

    @Test func quantitiesAcrossUnits() throws {
        #expect(try Self.eval("rt.dose == 1900 cGy", ["rt.dose": Fixtures.q("19 Gy")]) == Self.T)
        #expect(try Self.eval("labs.platelets < 50000 /uL", ["labs.platelets": Fixtures.q("45 10*9/L")]) == Self.T)
        let sum = try Self.eval("patient.life_expectancy + 2 d", ["patient.life_expectancy": Fixtures.q("3 mo")])
        #expect(sum.description == "93.3125 d")
        #expect(try Self.eval("-rt.dose", ["rt.dose": Fixtures.q("2 Gy")]).description == "-2 Gy")
    }

    @Test func overflowIsAnErrorNotATrap() throws {
        let c = try #require(Fixtures.compile("sins * 9999999999 > 1").0)
        let slots = Fixtures.slots(["sins": Fixtures.n("9999999")])
        #expect(throws: EvaluationError.self) { try ExpressionEvaluator.evaluate(c, slots: slots) }
        do {
            _ = try ExpressionEvaluator.evaluate(c, slots: slots)
        } catch {
            #expect(error.kind == .overflow)
            #expect(error.source == "sins * 9999999999")
            #expect(error.span == 0..<17)
            #expect(error.diagnostic().message == "number too large in 'sins * 9999999999'")
            #expect(error.diagnostic().code == "expr.evaluation")
        }
    }

    @Test func divisionByZero() throws {
        let c = try #require(Fixtures.compile("sins / (sins - sins) > 1").0)
        do {
            _ = try ExpressionEvaluator.evaluate(c, slots: Fixtures.slots(["sins": Fixtures.n("3")]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "division by zero in 'sins / (sins - sins)'")
        }
        #expect(try ExpressionEvaluator.evaluate(c, slots: Fixtures.slots([:])) == Self.U)
    }

    @Test func shortCircuitSkipsErrorsOnlyWhenDecided() throws {
        let c = try #require(Fixtures.compile("spine.stabilized and sins / 0 > 1").0)
        let falseSlots = Fixtures.slots(["spine.stabilized": Self.F, "sins": Fixtures.n("1")])
        #expect(try ExpressionEvaluator.evaluate(c, slots: falseSlots) == Self.F)
        var trace: [Value]? = []
        #expect(try ExpressionEvaluator.evaluate(c, slots: falseSlots, trace: &trace) == Self.F)
        let unknownSlots = Fixtures.slots(["sins": Fixtures.n("1")])
        #expect(throws: EvaluationError.self) { try ExpressionEvaluator.evaluate(c, slots: unknownSlots) }
    }

    @Test func missingSlotsReadAsUnknown() throws {
        let c = try #require(Fixtures.compile("sins >= 13").0)
        #expect(try ExpressionEvaluator.evaluate(c, slots: []) == Self.U)
    }

    @Test func valueDescriptions() {
        #expect(Value.list([Self.level("C3"), .unknown]).description == "[C3, unknown]")
        #expect(Value.range(.number(Number("7")!), .number(Number("12")!)).description == "7..12")
        #expect(Fixtures.q("6 mo").description == "6 mo")
        #expect(Fixtures.q("45000 /uL").description == "45000 /uL")
        #expect(Value.bool(true).description == "true")
        #expect(Value.string("x").description == "x")
    }
}
