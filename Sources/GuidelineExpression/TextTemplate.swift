import GuidelineDiagnostics

/// A recommendation text with `{expression}` placeholders, for example `SINS {sins} ({sins.band})`.
///
/// `{{` and `}}` are literal braces. Each placeholder is parsed and checked like an expression of any type and
/// rendered with `Value.description` (an unknown value renders as `unknown`).
package struct TextTemplate: Sendable {
    /// A piece of the template.
    package enum Part: Sendable {
        /// Literal text, braces already unescaped.
        case text(String)
        /// A checked placeholder expression.
        case placeholder(CheckedExpression)
    }

    /// The pieces in order.
    package let parts: [Part]

    /// The template's source text.
    package let source: String

    /// The slots any placeholder reads, sorted, without duplicates.
    package var dependencies: [Int] {
        var slots = Set<Int>()
        for case .placeholder(let e) in parts { slots.formUnion(e.dependencies) }
        return slots.sorted()
    }

    /// The placeholders' checked expressions, in order.
    package var placeholders: [CheckedExpression] {
        parts.compactMap { if case .placeholder(let e) = $0 { e } else { nil } }
    }

    /// Parses and checks a template; nil (with diagnostics at exact positions) on unbalanced braces, an empty
    /// placeholder or an invalid expression.
    ///
    /// Offsets are Unicode scalars of `text`, mapped by `sourceMap`.
    package static func parse(
        _ text: String, symbols: SymbolTable, limits: ExpressionLimits = .default,
        sourceMap: any ExpressionSourceMap = SingleLineSourceMap(), diagnostics: inout DiagnosticBag
    ) -> TextTemplate? {
        let scalars = ScalarText.scalars(of: text)
        var parts: [Part] = []
        // The literal text so far, braces unescaped, as scalars: made a string once, when a part ends.
        var literal: [Unicode.Scalar] = []
        var ok = true
        var i = 0
        // The start of the run of plain characters before `i`, not yet in `literal`.
        var run = 0
        func report(_ message: String, _ span: Range<Int>, help: [String] = []) {
            diagnostics.error(ExpressionDiagnosticCode.template, message, at: sourceMap.range(of: span), help: help)
            ok = false
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "{" || c == "}" else {
                i += 1
                continue
            }
            literal.append(contentsOf: scalars[run..<i])
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if c == "{" && next == "{" || c == "}" && next == "}" {
                literal.append(c)
                i += 2
            } else if c == "}" {
                report("unmatched '}' in text", i..<(i + 1), help: ["write '}}' for a literal brace"])
                i += 1
            } else {
                guard let close = scalars[(i + 1)...].firstIndex(where: { $0 == "}" || $0 == "{" }),
                    scalars[close] == "}"
                else {
                    report("unclosed '{' in text", i..<(i + 1), help: ["write '{{' for a literal brace"])
                    i += 1
                    run = i
                    continue
                }
                let inner = ScalarText.string(scalars[(i + 1)..<close])
                if inner.allSatisfy({ $0 == " " }) {
                    report("empty placeholder '{}' in text", i..<(close + 1))
                } else {
                    if !literal.isEmpty { parts.append(.text(ScalarText.string(literal))) }
                    literal.removeAll(keepingCapacity: true)
                    let map = OffsetSourceMap(base: sourceMap, offset: i + 1)
                    if let checked = CheckedExpression.compile(
                        inner, symbols: symbols, limits: limits, sourceMap: map, diagnostics: &diagnostics)
                    {
                        parts.append(.placeholder(checked))
                    } else {
                        ok = false
                    }
                }
                i = close + 1
            }
            run = i
        }
        literal.append(contentsOf: scalars[run..<i])
        if !literal.isEmpty { parts.append(.text(ScalarText.string(literal))) }
        return ok ? TextTemplate(parts: parts, source: text) : nil
    }

    /// The text with every placeholder replaced by its value's description.
    package func render(slots: [Value]) throws(EvaluationError) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .placeholder(let e): out += try ExpressionEvaluator.evaluate(e, slots: slots).description
            }
        }
        return out
    }
}
