import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

@Suite struct CheckerTests {
    @Test(
        arguments: [
            (
                "spine.pian == mechanical", "expr.undeclared-name", "undeclared name 'spine.pian'", "1-11",
                ["did you mean 'spine.pain'?"]
            ),
            ("mescc", "expr.undeclared-name", "undeclared name 'mescc'", "1-6", []),
            (
                "neuro.presentation == suspected-mesc", "expr.unknown-enum-value",
                "'suspected-mesc' is not a value of 'neuro.presentation'", "23-37", ["did you mean 'suspected-mescc'?"]
            ),
            (
                "neuro.presentation == mescc", "expr.unknown-enum-value",
                "'mescc' is not a value of 'neuro.presentation'",
                "23-28", ["the values are: local-back-pain, suspected-mescc, deficit-within-7-days, radicular-pain"]
            ),
            (
                "T13 == spine.level", "expr.unknown-enum-value", "'T13' is not a value of 'spine.level'", "1-4",
                ["did you mean 'T1'?"]
            ),
            (
                "spine.level in [C3, C9]", "expr.unknown-enum-value", "'C9' is not a value of 'spine.level'", "21-23",
                ["did you mean 'C1'?"]
            ),
            (
                "spine.level in C3..X6", "expr.unknown-enum-value", "'X6' is not a value of 'spine.level'", "20-22",
                ["did you mean 'C6'?"]
            ),
            ("3 mo > 19 Gy", "expr.unit-mismatch", "unit mismatch: cannot compare time with absorbed dose", "1-13", []),
            (
                "6 mo + 2 Gy > 1 mo", "expr.unit-mismatch", "unit mismatch: cannot add time and absorbed dose", "1-12",
                []
            ),
            (
                "6 mo - 2 Gy > 1 mo", "expr.unit-mismatch", "unit mismatch: cannot subtract absorbed dose from time",
                "1-12", []
            ),
            (
                "patient.life_expectancy >= 3", "expr.unit-mismatch",
                "cannot compare a quantity of time with a plain number",
                "1-29", ["write the number with a unit of time: s, min, h, d, wk, mo, a"]
            ),
            (
                "rt.dose + 2 > 1 Gy", "expr.unit-mismatch", "cannot add a quantity of absorbed dose and a plain number",
                "1-12",
                ["write the number with a unit of absorbed dose: Gy, cGy"]
            ),
            (
                "2 / rt.dose > 1", "expr.type-mismatch", "cannot divide a plain number by a quantity of absorbed dose",
                "1-12", []
            ),
            ("rt.dose * rt.dose > 1", "expr.type-mismatch", "cannot multiply two quantities", "1-18", []),
            (
                "spine.pain < none", "expr.unordered-enum",
                "'spine.pain' is not an ordered enum, so '<' is not meaningful", "1-18",
                ["declare it with 'ordered: true', or list the values: 'in [a, b]'"]
            ),
            (
                "spine.pain in mechanical..none", "expr.unordered-enum",
                "'spine.pain' is not an ordered enum, so a range is not meaningful", "15-25",
                ["declare it with 'ordered: true', or list the values: 'in [a, b]'"]
            ),
            (
                "spine.stabilized < true", "expr.type-mismatch",
                "'<' needs numbers, quantities or an ordered enum, found boolean", "1-24", []
            ),
            ("sins == true", "expr.type-mismatch", "cannot compare integer with boolean", "1-13", []),
            (
                "spine.level == sins.band", "expr.type-mismatch",
                "cannot compare enum 'spine.level' with enum 'sins.band'", "1-25", []
            ),
            (
                "sins in spine.stabilized", "expr.type-mismatch", "'in' needs a list or a range, found boolean", "9-25",
                []
            ),
            (
                "[1, true] == [1]", "expr.type-mismatch", "list items must have one type: found integer and boolean",
                "5-9", []
            ),
            ("sins and spine.stabilized", "expr.not-boolean", "'and' needs boolean operands, found integer", "1-5", []),
            (
                "spine.stabilized or 3 mo", "expr.not-boolean", "'or' needs boolean operands, found quantity of time",
                "21-25", []
            ),
            ("not sins", "expr.not-boolean", "'not' needs a boolean operand, found integer", "5-9", []),
            ("sins + 1", "expr.not-boolean", "condition must be boolean, found integer", "1-9", []),
            ("abs(sins, 2) > 1", "expr.arity", "'abs' takes 1 argument, found 2", "1-13", []),
            ("min() > 1", "expr.arity", "'min' takes at least 1 argument, found 0", "1-6", []),
            ("known() or true", "expr.arity", "'known' takes 1 argument, found 0", "1-8", []),
            ("mn(sins, 2) > 1", "expr.unknown-function", "unknown function 'mn'", "1-3", ["did you mean 'min'?"]),
            (
                "min(sins, 3 mo) > 1", "expr.unit-mismatch", "cannot compare a quantity of time with a plain number",
                "11-15",
                ["write the number with a unit of time: s, min, h, d, wk, mo, a"]
            ),
            ("-spine.stabilized", "expr.type-mismatch", "'-' needs a number or quantity, found boolean", "1-18", []),
            (
                "sins + spine.stabilized > 1", "expr.type-mismatch", "'+' needs numbers or quantities, found boolean",
                "1-24", []
            ),
        ] as [(String, String, String, String, [String])])
    func errors(text: String, code: String, message: String, columns: String, help: [String]) throws {
        let (checked, diagnostics) = Fixtures.compile(text, expecting: .boolean)
        #expect(checked == nil)
        #expect(diagnostics.count == 1, "\(diagnostics)")
        let d = try #require(diagnostics.first)
        #expect(d.code == code)
        #expect(d.message == message)
        #expect(Fixtures.columns(d) == columns)
        #expect(d.help == help)
    }

    @Test(arguments: [
        ("sins >= 13 and patient.life_expectancy >= 3 mo", [0, 5]),
        ("neuro.presentation == suspected-mescc or neuro.cord_compression", [4, 8]),
        ("suspected-mescc == neuro.presentation", [4]),
        ("spine.level in C3..C6", [2]),
        ("spine.level not in [C3, T12]", [2]),
        ("C3 in levels", [12]),
        ("spine.level in levels", [2, 12]),
        ("sins.band >= potentially-unstable", [1]),
        ("rt.dose in 16 Gy..2400 cGy", [6]),
        ("rt.dose * 2 > 10 Gy and rt.dose / rt.dose > 1", [6]),
        ("sins + ratio > 1.5 and sins / 2 < 3", [0, 10]),
        ("known(spine.pain) and not known(sins)", [0, 3]),
        ("min(sins, 3) < max(sins, ratio, 2) and abs(-sins) > 0", [0, 10]),
        ("max(patient.life_expectancy, 3 mo) >= mri.urgency.within", [5, 11]),
        ("labs.platelets < 50000 /uL or labs.platelets < 50 10*9/L", [9]),
        ("[spine.pain] == [none]", [3]),
    ])
    func valid(text: String, dependencies: [Int]) throws {
        let (checked, diagnostics) = Fixtures.compile(text, expecting: .boolean)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let c = try #require(checked)
        #expect(c.type == .boolean)
        #expect(c.dependencies == dependencies)
    }

    @Test func typesAndResolution() throws {
        func type(_ text: String) -> ExpressionType? { Fixtures.compile(text).0?.type }
        #expect(type("sins + 1") == .integer)
        #expect(type("sins / 2") == .decimal)
        #expect(type("sins * 1.5") == .decimal)
        #expect(type("rt.dose * 2") == .quantity(.dose))
        #expect(type("rt.dose / 2 Gy") == .decimal)
        #expect(type("-patient.life_expectancy") == .quantity(.time))
        #expect(type("[1, 2.5]") == .list(.decimal))
        #expect(type("min(1, 2)") == .integer)
        #expect(type("sins.band") == .enumeration(Fixtures.band))
        let c = try #require(Fixtures.compile("spine.level == C3").0)
        let refs = c.references
        #expect(refs.count == 1 && refs.first?.name == "spine.level" && refs.first?.slot == 2)
        let constant = c.parsed.nodes.compactMap { c.constant(of: $0.id) }
        #expect(constant == [.symbol(Fixtures.level, 3)])
    }

    @Test func enumValueWinsOverSymbolOfSameName() throws {
        var symbols = Fixtures.symbols
        symbols.declare("none", type: .integer, slot: 20)
        var bag = DiagnosticBag()
        let c = CheckedExpression.compile("spine.pain == none", symbols: symbols, diagnostics: &bag)
        #expect(bag.all.isEmpty)
        #expect(c?.dependencies == [3])
    }

    @Test func expectedNonBooleanType() throws {
        var bag = DiagnosticBag()
        _ = CheckedExpression.compile("true", symbols: Fixtures.symbols, expecting: .integer, diagnostics: &bag)
        #expect(bag.all.map(\.message) == ["expected integer, found boolean"])
        bag = DiagnosticBag()
        let ok = CheckedExpression.compile("sins", symbols: Fixtures.symbols, expecting: .decimal, diagnostics: &bag)
        #expect(ok != nil)
    }

    @Test func reportsSeveralErrors() {
        let (_, diagnostics) = Fixtures.compile("spine.pian == mechanical and sins == true and spine.level == T13")
        #expect(diagnostics.map(\.code) == ["expr.undeclared-name", "expr.type-mismatch", "expr.unknown-enum-value"])
    }

    @Test func diagnosticsUseTheSourceMap() throws {
        var bag = DiagnosticBag()
        let map = SingleLineSourceMap(file: "Rules/pt.yaml", line: 24, column: 11)
        _ = CheckedExpression.compile(
            "sins >= 7 and spine.pian == mechanical", symbols: Fixtures.symbols, sourceMap: map, diagnostics: &bag)
        let d = try #require(bag.all.first)
        #expect(d.description == "Rules/pt.yaml:24:25: error: undeclared name 'spine.pian' [expr.undeclared-name]")
        #expect(d.range?.end.column == 35)
    }
}
