import GuidelineDiagnostics
import GuidelineExpression

/// Fuzz target `expression`: the expression parser, printer, type checker and evaluator, text templates and
/// constant literals, over the names of the fuzz ruleset.
///
/// The input is the expression text, optionally followed by a NUL byte and bytes that choose the slot values
/// (without them the text's own bytes choose). Invariants: diagnostics have locations; printing a parsed
/// expression and parsing it again gives the same tree; a checked boolean expression evaluates to a boolean or
/// unknown, or to an evaluation error, over all-unknown and over chosen slot values.
public enum ExpressionFuzzTarget {
    /// Parses, prints, checks and evaluates `bytes`.
    public static func run(_ bytes: [UInt8]) -> FuzzReport {
        var report = FuzzReport()
        let split = bytes.firstIndex(of: 0)
        let text = String(decoding: bytes[..<(split ?? bytes.endIndex)], as: UTF8.self)
        let choices = split.map { Array(bytes[($0 + 1)...]) } ?? []
        var values = FuzzBytes(choices.isEmpty ? Array(text.utf8) : choices)
        let ruleset = FuzzRuleset.bundled.ruleset
        let chosen = ruleset.slots.map { FuzzValues.value(for: $0.type, from: &values) }
        let unknown = Array(repeating: Value.unknown, count: ruleset.slots.count)

        var bag = DiagnosticBag()
        if let parsed = ExpressionParser.parse(text, diagnostics: &bag) {
            reprint(parsed, in: &report)
            for expected in [nil, ExpressionType.boolean] {
                var checkBag = DiagnosticBag()
                guard
                    let checked = TypeChecker(symbols: ruleset.symbols).check(
                        parsed, expecting: expected, diagnostics: &checkBag)
                else {
                    report.require(checkBag.hasErrors, "the checker rejected '\(text)' without an error")
                    bag.append(contentsOf: checkBag.all)
                    continue
                }
                report.accepted = true
                evaluate(checked, slots: unknown, in: &report)
                evaluate(checked, slots: chosen, in: &report)
            }
        } else {
            report.require(bag.hasErrors, "the parser rejected '\(text)' without an error")
        }
        var templateBag = DiagnosticBag()
        if let template = TextTemplate.parse(text, symbols: ruleset.symbols, diagnostics: &templateBag) {
            _ = try? template.render(slots: chosen)
            _ = try? template.render(slots: unknown)
        }
        _ = ConstantLiteral.parse(text)
        let all = bag.all + templateBag.all
        report.diagnostics = all.count
        FuzzInvariants.located(all, requireRange: true, in: &report)
        return report
    }

    /// Printing and parsing again gives the same tree (unless the printed form is over a limit).
    static func reprint(_ parsed: ParsedExpression, in report: inout FuzzReport) {
        let printed = ExpressionPrinter.print(parsed)
        var bag = DiagnosticBag()
        guard let reparsed = ExpressionParser.parse(printed, diagnostics: &bag) else {
            let overLimit = bag.all.contains {
                $0.code == ExpressionDiagnosticCode.tooLong.rawValue
                    || $0.code == ExpressionDiagnosticCode.tooDeep.rawValue
            }
            report.require(
                overLimit, "the printed form '\(printed)' of '\(parsed.text)' does not parse: \(bag.all.map(\.message))"
            )
            return
        }
        report.require(reparsed.sameTree(as: parsed), "printing '\(parsed.text)' as '\(printed)' changes its tree")
    }

    /// Evaluates with and without a trace, explains, and checks the value against the type.
    static func evaluate(_ checked: CheckedExpression, slots: [Value], in report: inout FuzzReport) {
        var trace: [Value]? = []
        let traced: Value?
        do throws(EvaluationError) {
            traced = try ExpressionEvaluator.evaluate(checked, slots: slots, trace: &trace)
        } catch {
            traced = nil
            report.require(
                error.span.upperBound <= checked.text.unicodeScalars.count, "evaluation error span outside the text")
        }
        let plain = try? ExpressionEvaluator.evaluate(checked, slots: slots)
        report.require(
            traced == plain,
            "'\(checked.text)' is \(traced.map(\.description) ?? "an error") with a trace and \(plain.map(\.description) ?? "an error") without"
        )
        if let value = traced, checked.type == .boolean {
            switch value {
            case .bool, .unknown: break
            default: report.violations.append("boolean '\(checked.text)' evaluated to \(value)")
            }
        }
        if let trace {
            _ = Explanation.because(checked, trace: trace)
            _ = Explanation.tree(checked, trace: trace)
            _ = Explanation.undecidedSlots(checked, trace: trace)
            _ = Explanation.responsible(checked, trace: trace)
        }
    }
}
