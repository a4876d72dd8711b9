import GuidelineCompiler
import GuidelineExpression

/// The engine's few entry points into the expression language, in one place.
enum ExpressionCalls {
    /// Evaluates `expression` over `slots`, recording each node's value in `trace` when it is not nil.
    static func evaluate(_ expression: CheckedExpression, slots: [Value], trace: inout [Value]?) throws -> Value {
        try ExpressionEvaluator.evaluate(expression, slots: slots, trace: &trace)
    }

    /// The readable line and the tree of a traced condition.
    static func explain(_ expression: CheckedExpression, trace: [Value]) -> Explanation {
        Explanation(text: Explainer.because(expression, trace: trace), tree: Explainer.tree(expression, trace: trace))
    }

    /// The slots whose unknown values left `expression` unknown.
    static func undecidedSlots(_ expression: CheckedExpression, trace: [Value]) -> [Int] {
        Explainer.undecidedSlots(expression, trace: trace)
    }

    /// A recommendation text with its placeholders filled in.
    static func render(_ template: CheckedTemplate, slots: [Value]) -> String {
        template.render(slots: slots)
    }
}
