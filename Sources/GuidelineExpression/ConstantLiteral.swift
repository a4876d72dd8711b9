import GuidelineDiagnostics

/// Reads scalars such as `12 h`, `16 Gy..24 Gy`, `0.5`, `-3`, `true`, `[1, 2]` as constant values, for
/// structured recommendation parameters and fact ranges.
package enum ConstantLiteral: Sendable {
    /// The value and type of `text` if it is a literal (numbers, quantities, booleans, negated numbers, lists of
    /// literals, or a range `lo..hi` of them); nil for anything else (names, operators, invalid text).
    package static func parse(_ text: String) -> (value: Value, type: ExpressionType)? {
        var diagnostics = DiagnosticBag()
        guard
            let parsed = ExpressionParser.parse(
                text, limits: .default, sourceMap: SingleLineSourceMap(), allowTopLevelRange: true,
                diagnostics: &diagnostics),
            parsed.nodes.allSatisfy(isLiteralNode)
        else { return nil }
        let checker = TypeChecker(symbols: SymbolTable())
        guard let checked = checker.check(parsed, diagnostics: &diagnostics),
            let value = try? ExpressionEvaluator.evaluate(checked, slots: [])
        else { return nil }
        return (value, checked.type)
    }

    private static func isLiteralNode(_ node: ExpressionNode) -> Bool {
        switch node.kind {
        case .literal, .list, .range, .unary(.negate, _): true
        default: false
        }
    }
}
