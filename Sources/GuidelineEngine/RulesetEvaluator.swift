import GuidelineCompiler
import GuidelineExpression

/// Evaluates cases against a compiled ruleset into explained results.
///
/// Stateless and `Sendable`: one evaluator serves any number of threads. Evaluation fills a slot array
/// (facts, then scores, derived values and tables in dependency order), decides every rule with
/// three-valued logic, resolves conflicts per action, and marks what undetermined rules could still change.
package struct RulesetEvaluator: Sendable {
    /// What to record and explain.
    package typealias Options = EvaluationOptions

    /// The engine version written into every result.
    package static let engineVersion = "0.1.0"

    /// The ruleset.
    package var ruleset: CompiledRuleset { plan.ruleset }
    let plan: EvaluationPlan

    /// Creates an evaluator for `ruleset`, working out once what every evaluation looks up.
    package init(ruleset: CompiledRuleset) {
        plan = EvaluationPlan(ruleset: ruleset)
    }

    /// Evaluates one case into an explained result (the record, rendered).
    package func evaluate(_ input: CaseInput, options: Options = Options()) -> EvaluationResult {
        result(of: record(input), options: options)
    }

    /// Evaluates one case, recording values and traces only; render it with `result(of:options:)`.
    package func record(_ input: CaseInput) -> EvaluationRecord {
        var record = EvaluationRecord()
        self.record(input, into: &record)
        return record
    }

    /// Evaluates one case into `record`, reusing its buffers.
    ///
    /// `tracing` says which rule conditions are recorded node by node: all of them (for `result(of:options:)`), none
    /// (only values and outcomes; the record then renders no reasons), or only the undetermined ones (what a batch line
    /// needs).
    package func record(_ input: CaseInput, into record: inout EvaluationRecord, tracing: Tracing = .allRules) {
        RecordBuilder(plan: plan, tracing: tracing).fill(&record, from: input)
    }

    /// Renders a record of this evaluator's ruleset: reasons, recommendations, conflicts, what is missing.
    package func result(of record: EvaluationRecord, options: Options = Options()) -> EvaluationResult {
        ResultRenderer(plan: plan, options: options).render(record)
    }

    /// The position of a rule's trace in `EvaluationRecord.trace`.
    package func traceRange(ofRule index: Int) -> Range<Int> {
        guard plan.traceOffsets.indices.contains(index) else { return 0..<0 }
        let start = plan.traceOffsets[index]
        return start..<(start + plan.ruleset.rules[index].condition.nodeCount)
    }
}
