import GuidelineEngine

@testable import GuidelineCDSHooks

/// Evaluates what a prefetch gave.
enum RulesetEvaluatorHarness {
    static func evaluate(_ facts: PrefetchFacts) -> EvaluationResult {
        RulesetEvaluator(ruleset: CDSFixture.ruleset).evaluate(facts.input)
    }
}
