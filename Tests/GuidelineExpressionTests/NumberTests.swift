import Testing

@testable import GuidelineExpression

@Suite struct NumberTests {
    @Test(arguments: [
        ("14", "14"), ("0.5", "0.5"), ("2.25", "2.25"), ("-3", "-3"), ("007", "7"), ("1.500000", "1.5"),
        ("0.000001", "0.000001"), ("9223372036854.775807", "9223372036854.775807"), ("0", "0"), ("-0.25", "-0.25"),
    ])
    func parsesAndPrintsCanonically(text: String, canonical: String) throws {
        let n = try #require(Number(text))
        #expect(n.description == canonical)
    }

    @Test(arguments: [
        ("1.0000001", NumberError.tooManyDecimalPlaces), ("9223372036855", .overflow),
        ("99999999999999999999999", .overflow), ("", .invalidSyntax), ("1.", .invalidSyntax), (".5", .invalidSyntax),
        ("1e3", .invalidSyntax), ("1.2.3", .invalidSyntax), ("-", .invalidSyntax),
    ])
    func rejects(text: String, error: NumberError) {
        #expect(Number.parse(text) == .failure(error))
    }

    @Test func arithmetic() throws {
        let a = try #require(Number("2.5")), b = try #require(Number("0.2"))
        #expect(try a.adding(b).description == "2.7")
        #expect(try a.subtracting(b).description == "2.3")
        #expect(try a.multiplied(by: b).description == "0.5")
        #expect(try a.divided(by: b).description == "12.5")
        #expect(try Number("1")!.divided(by: Number("3")!).description == "0.333333")
        #expect(try Number("2")!.divided(by: Number("3")!).description == "0.666667")
        #expect(try Number("-2")!.divided(by: Number("3")!).description == "-0.666667")
    }

    @Test func divisionRoundsHalfToEven() throws {
        // 0.0000005 is exactly half a unit in the last place.
        #expect(try Number("0.000001")!.divided(by: Number("2")!).description == "0")
        #expect(try Number("0.000003")!.divided(by: Number("2")!).description == "0.000002")
        #expect(try Number("0.000005")!.multiplied(by: Number("0.5")!).description == "0.000002")
    }

    @Test func overflowAndDivisionByZeroThrow() throws {
        let big = try #require(Number("9223372036854"))
        #expect(throws: NumberError.overflow) { try big.adding(big) }
        #expect(throws: NumberError.overflow) { try big.negated.subtracting(big) }
        #expect(throws: NumberError.overflow) { try big.multiplied(by: Number("2")!) }
        #expect(throws: NumberError.overflow) { try big.divided(by: Number("0.5")!) }
        #expect(throws: NumberError.divisionByZero) { try big.divided(by: .zero) }
        #expect(Number(scaled: Int64.min).negated.scaled == Int64.max)
    }

    @Test func ordering() {
        #expect(Number("-1")! < Number("0.5")!)
        #expect(Number("2")! == Number("2.000")!)
        #expect(Number("2")!.isInteger && !Number("2.5")!.isInteger)
    }
}

@Suite struct UnitTests {
    @Test(arguments: [
        ("3 mo", "91.3125 d"), ("1900 cGy", "19 Gy"), ("1 a", "365.25 d"), ("2 wk", "14 d"), ("1 h", "60 min"),
        ("45000 /uL", "45000 /mm3"), ("45 10*9/L", "45000 /uL"), ("1 kg", "1000000 mg"), ("1 ug", "0.001 mg"),
        ("1 L", "10 dL"), ("1 uL", "0.001 mL"), ("1 g/dL", "10 g/L"), ("1 m", "100 cm"), ("12 mo", "1 a"),
    ])
    func equalAcrossUnits(a: String, b: String) throws {
        let x = try #require(Quantity(a)), y = try #require(Quantity(b))
        #expect(x == y)
        #expect(x.hashValue == y.hashValue)
        #expect(x.description == a)
    }

    @Test func lookupAndBase() {
        #expect(Unit.lookup("mo")?.factor == Number("2629800"))
        #expect(Unit.lookup("Mo") == nil)
        #expect(Dimension.time.baseUnit?.symbol == "s")
        #expect(Dimension.dose.baseUnit?.symbol == "cGy")
        #expect(Dimension.countPerVolume.baseUnit?.symbol == "/L")
        #expect(Dimension.dimensionless.baseUnit == nil)
        for unit in Unit.all { #expect(Unit.lookup(unit.symbol) == unit) }
    }

    @Test func displayAndConversion() throws {
        let q = try #require(Quantity("6 mo"))
        #expect(q.description == "6 mo")
        #expect(q.converted(to: Unit.lookup("d")!).description == "182.625 d")
        #expect(Quantity("3 mo")! < Quantity("100 d")!)
        #expect(Quantity("19 Gy")!.baseValue == Number("1900"))
        #expect(Quantity("9999999999999 a") == nil)
    }
}
