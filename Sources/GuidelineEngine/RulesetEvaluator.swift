import GuidelineCompiler
import GuidelineExpression

/// Evaluates cases against a compiled ruleset into explained results.
///
/// Stateless and `Sendable`: one evaluator serves any number of threads. Evaluation fills a slot array
/// (facts, then scores, derived values and tables in dependency order), decides every rule with
/// three-valued logic, resolves conflicts per action, and marks what undetermined rules could still change.
public struct RulesetEvaluator: Sendable {
    /// What to record and explain.
    public struct Options: Sendable {
        /// Explain every rule that did not fire.
        public var explainAll: Bool
        /// Explain these rules if they did not fire.
        public var whyNot: Set<String>

        /// Creates options.
        public init(explainAll: Bool = false, whyNot: Set<String> = []) {
            self.explainAll = explainAll
            self.whyNot = whyNot
        }
    }

    /// The engine version written into every result.
    public static let engineVersion = "0.1.0"

    /// The ruleset.
    public let ruleset: CompiledRuleset

    /// Creates an evaluator for `ruleset`.
    public init(ruleset: CompiledRuleset) {
        self.ruleset = ruleset
    }

    /// Evaluates one case.
    public func evaluate(_ input: CaseInput, options: Options = Options()) -> EvaluationResult {
        var state = EvaluationState(ruleset: ruleset, input: input)
        state.computeValues()
        var outcomes = ruleset.rules.map { rule in
            state.decide(rule, explainIfFalse: options.explainAll || options.whyNot.contains(rule.id))
        }
        let resolution = ConflictResolver.resolve(outcomes: &outcomes, ruleset: ruleset)
        var whyNot: [WhyNot] = []
        for outcome in outcomes where outcome.value != true {
            if options.explainAll || options.whyNot.contains(outcome.rule.id) {
                whyNot.append(WhyNot(rule: outcome.reference, value: outcome.value, because: outcome.because))
            }
        }
        let undetermined = outcomes.filter { $0.value == nil }.map { outcome in
            UndeterminedRule(
                rule: outcome.reference, needs: outcome.needs, because: outcome.because,
                would: outcome.rule.recommendations.map { ($0.action.id, $0.declaration.kind) })
        }
        let needs = Set(undetermined.flatMap(\.needs)).sorted()
        return EvaluationResult(
            caseID: input.id,
            ruleset: RulesetIdentity(
                id: ruleset.manifest.id, version: ruleset.manifest.version, fingerprint: ruleset.fingerprint, engine: Self.engineVersion),
            scores: state.scoreResults, values: state.namedValues, recommendations: resolution.standing,
            suppressed: resolution.suppressed, undetermined: undetermined, needs: needs, assumptions: state.assumptions,
            whyNot: whyNot, errors: state.errors)
    }
}
