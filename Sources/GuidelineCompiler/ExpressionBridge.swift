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

    /// Type-checks an expression parsed earlier, first reporting what its parse reported.
    static func check(
        _ parsed: ParsedText, symbols: SymbolTable, expecting: ExpressionType?, bag: inout DiagnosticBag
    ) -> CheckedExpression? {
        bag.append(contentsOf: parsed.diagnostics)
        guard let tree = parsed.parsed else { return nil }
        return TypeChecker(symbols: symbols, sourceMap: parsed.text.sourceMap).check(
            tree, expecting: expecting, diagnostics: &bag)
    }

    /// Parses and checks a recommendation text with `{expression}` placeholders.
    static func template(_ text: ExpressionText, symbols: SymbolTable, bag: inout DiagnosticBag) -> TextTemplate? {
        TextTemplate.parse(text.text, symbols: symbols, sourceMap: text.sourceMap, diagnostics: &bag)
    }

    /// A constant literal (`12 h`, `16 Gy..24 Gy`, `0.5`, `true`), or nil when the text is not one.
    static func literal(_ text: String) -> Value? {
        guard mayBeLiteral(text) else { return nil }
        return ConstantLiteral.parse(text)?.value
    }

    /// False when `text` is certainly not a constant literal, without parsing it: it starts (after blanks)
    /// with an ASCII letter but not with `true` or `false`, so its first token is a name or another keyword,
    /// which no literal contains.
    ///
    /// Most parameters are such words (`surgical stabilisation`).
    static func mayBeLiteral(_ text: String) -> Bool {
        let rest = text.utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = rest.first else { return true }
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        return !isLetter || rest.starts(with: "true".utf8) || rest.starts(with: "false".utf8)
    }
}

extension ExpressionBridge {
    /// Evaluates a checked expression over slot values; an evaluation error counts as unknown.
    static func evaluate(_ checked: CheckedExpression, slots: [Value]) -> Value {
        (try? ExpressionEvaluator.evaluate(checked, slots: slots)) ?? .unknown
    }
}
