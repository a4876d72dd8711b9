import GuidelineCompiler
import GuidelineEngine

/// Evaluates a decoded case and renders the result in every format, checking the JSON.
enum FuzzEvaluation {
    /// Evaluates `input` against `ruleset` with every explanation, then renders JSON (checked to parse),
    /// text and Markdown.
    static func evaluateAndRender(_ input: CaseInput, ruleset: CompiledRuleset, in report: inout FuzzReport) {
        let result = RulesetEvaluator(ruleset: ruleset).evaluate(input, options: .init(explainAll: true))
        FuzzInvariants.json(ResultJSON.encode(result, pretty: false), "the result JSON", in: &report)
        _ = ResultText(style: .text(colored: true)).render(result)
        _ = ResultText(style: .markdown).render(result)
    }
}
