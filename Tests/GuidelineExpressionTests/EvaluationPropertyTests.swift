import GuidelineDiagnostics
import Testing

@testable import GuidelineExpression

/// Property: evaluating any well-typed expression, over any assignment of its facts (unknown ones, intervals,
/// the largest and smallest numbers there are), gives a value of the expression's type or an evaluation
/// error; it never traps. Seeded, so a failure names the seed and the expression that reproduce it.
@Suite struct EvaluationPropertyTests {
    /// Whether `value` can be the value of an expression of `type`.
    static func conforms(_ value: Value, to type: ExpressionType) -> Bool {
        switch (value, type) {
        case (.unknown, _): true
        case (.bool, .boolean): true
        case (.number(let n), .integer): n.isInteger
        case (.interval, .integer), (.interval, .decimal), (.number, .decimal): true
        case (.quantity(let q), .quantity(let d)): q.dimension == d
        case (.symbol(let e, let i), .enumeration(let t)): e == t && e.values.indices.contains(i)
        default: false
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func wellTypedExpressionsEvaluateOrFailCleanly(seed: UInt64) throws {
        var generator = TypedExpressionGenerator(rng: SeededGenerator(seed: seed))
        var errors = 0
        var known = 0
        for _ in 0..<400 {
            let type = generator.pick(
                TypedExpressionGenerator.types.filter { if case .enumeration = $0 { false } else { true } })
            let text = generator.expression(type, depth: 5)
            var bag = DiagnosticBag()
            let limits = ExpressionLimits(maxLength: 100_000)
            guard
                let checked = CheckedExpression.compile(
                    text, symbols: TypedExpressionGenerator.symbols, limits: limits, diagnostics: &bag)
            else {
                Issue.record(
                    "a well-typed expression was rejected: \(text)\n\(bag.all.map(\.description).joined(separator: "\n"))"
                )
                continue
            }
            #expect(
                checked.type == type || (type == .decimal && checked.type == .integer),
                "\(text): \(checked.type), wanted \(type)")
            for _ in 0..<5 {
                let slots = generator.slots()
                var trace: [Value]? = []
                do throws(EvaluationError) {
                    let value = try ExpressionEvaluator.evaluate(checked, slots: slots, trace: &trace)
                    #expect(
                        Self.conforms(value, to: checked.type),
                        "\(text) = \(value), not a \(checked.type), over \(slots)")
                    if value.isKnown { known += 1 }
                    if let trace {
                        _ = Explanation.because(checked, trace: trace)
                        _ = Explanation.tree(checked, trace: trace)
                    }
                } catch {
                    errors += 1
                    #expect(error.span.upperBound <= text.unicodeScalars.count, "\(error) points outside \(text)")
                }
            }
        }
        // The generator reaches both outcomes, so the property is not vacuous.
        #expect(known > 0)
        #expect(errors > 0)
    }
}
