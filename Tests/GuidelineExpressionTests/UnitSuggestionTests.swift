import GuidelineDiagnostics
import GuidelineExpression
import Testing

/// "Did you mean" for units: spelled-out names and typos lead to the UCUM symbol.
@Suite struct UnitSuggestionTests {
    @Test(arguments: [
        ("months", "mo"), ("Month", "mo"), ("days", "d"), ("weeks", "wk"), ("years", "a"), ("hours", "h"),
        ("gray", "Gy"), ("ml", "mL"), ("mcg", "ug"), ("/ul", "/uL"), ("percent", "%"), ("cgY", "cGy"),
    ])
    func spelledOutAndMiscasedNamesFindTheSymbol(word: String, symbol: String) {
        #expect(Unit.suggestion(for: word)?.symbol == symbol)
    }

    @Test func onlyAmongTheCandidates() {
        let time = Unit.all.filter { $0.dimension == .time }
        #expect(Unit.suggestion(for: "gray", among: time) == nil)
        #expect(Unit.suggestion(for: "zzzzzz") == nil)
    }

    @Test func anExpressionWithAMonthsUnitSuggestsMo() {
        var bag = DiagnosticBag()
        _ = ExpressionParser.parse("x >= 3 months", diagnostics: &bag)
        let error = bag.all.first { $0.code == "expr.unknown-unit" }
        #expect(error?.help.contains("did you mean 'mo'?") == true, "\(bag.all)")
    }
}
