import GuidelineDiagnostics
import GuidelineExpression

/// The compiler's few entry points into the expression language, in one place.
enum ExpressionBridge {
    /// Parses an expression written in a rule file; diagnostics point into the file.
    static func parse(_ text: ExpressionText, bag: inout DiagnosticBag) -> ParsedExpression? {
        ExpressionParser.parse(text.text, sourceMap: text.sourceMap, diagnostics: &bag)
    }

    /// The names an expression mentions (symbols or enum words; the checker tells which).
    static func names(in parsed: ParsedExpression) -> [String] {
        parsed.nodes.compactMap { node in
            if case .name(let name) = node.kind { return name }
            return nil
        }
    }

    /// Parses and type-checks an expression against `symbols`.
    static func check(
        _ text: ExpressionText, symbols: SymbolTable, expecting: ExpressionType?, bag: inout DiagnosticBag
    ) -> CheckedExpression? {
        CheckedExpression.compile(text.text, symbols: symbols, expecting: expecting, sourceMap: text.sourceMap, diagnostics: &bag)
    }

    /// Parses and checks a recommendation text with `{expression}` placeholders.
    static func template(_ text: ExpressionText, symbols: SymbolTable, bag: inout DiagnosticBag) -> CheckedTemplate? {
        TextTemplate.compile(text.text, symbols: symbols, sourceMap: text.sourceMap, diagnostics: &bag)
    }

    /// A constant literal (`12 h`, `16 Gy..24 Gy`, `0.5`, `true`), or nil when the text is not one.
    static func literal(_ text: String) -> Value? {
        ConstantLiteral.parse(text)?.value
    }
}

extension ExpressionBridge {
    /// Evaluates a checked expression over slot values; an evaluation error counts as unknown.
    static func evaluate(_ checked: CheckedExpression, slots: [Value]) -> Value {
        (try? ExpressionEvaluator.evaluate(checked, slots: slots)) ?? .unknown
    }
}
