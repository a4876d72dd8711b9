import GuidelineCompiler
import GuidelineExpression

/// Turns an `EvaluationRecord` into an `EvaluationResult`: reasons from the recorded traces, recommendations
/// with their texts and citations, the conflict resolution, scores with their components, and what is missing.
struct ResultRenderer {
    let plan: EvaluationPlan
    let options: RulesetEvaluator.Options
    /// Leave every reason unbuilt: its text empty and its tree a single node whose id says whose reason it is
    /// (`ReasonPieces.deferred`), for a writer that writes reasons straight from the record's trace
    /// (`ResultJSONWriter`).
    var defersReasons = false

    func render(_ record: EvaluationRecord) -> EvaluationResult {
        let ruleset = plan.ruleset
        let rules = ruleset.rules
        let references = plan.references
        var reasons: [Reason?] = Array(repeating: nil, count: rules.count)
        var needs: [[String]] = Array(repeating: [], count: rules.count)
        // By index: binding each `CompiledRule` would copy it (and count references to all it holds).
        for index in rules.indices {
            let outcome = record.outcomes[index]
            guard outcome != .notFired || explains(references[index].id) else { continue }
            if defersReasons {
                reasons[index] = Self.deferred(index)
                guard outcome == .undetermined else { continue }
            }
            let trace = plan.trace(ofRule: index, in: record)
            let condition = plan.conditions[index]
            if !defersReasons {
                reasons[index] = Reason(
                    text: Explanation.because(condition, trace: trace),
                    tree: Explanation.tree(condition, trace: trace))
            }
            if outcome == .undetermined {
                needs[index] = plan.factIndexesDeciding(
                    Explanation.undecidedSlots(condition, trace: trace), values: record.slots
                ).map { plan.factNames[$0] }
            }
        }
        // Rules that fired although their exception is not recorded: the facts that would decide it.
        var exceptionNeeds: [[String]] = Array(repeating: [], count: rules.count)
        for (position, exception) in plan.exceptions.enumerated() where record.outcomes[exception.rule] == .fired {
            exceptionNeeds[exception.rule] = plan.factIndexesDeciding(exception: position, in: record).map {
                plan.factNames[$0]
            }
        }
        func unless(_ index: Int) -> ExceptionResult? {
            let position = plan.exceptionOfRule[index]
            guard position >= 0, let exception = rules[index].exception else { return nil }
            return ExceptionResult(
                condition: exception.text, recorded: record.exceptions[position] != nil, needs: exceptionNeeds[index])
        }
        func reason(_ index: Int) -> Reason {
            reasons[index] ?? Reason(text: "", tree: ExplanationNode(node: 0, text: "", value: .unknown, children: []))
        }
        let resolution = ConflictResolver.resolve(record.outcomes, plan: plan)
        func issued(_ entry: ConflictResolver.Entry) -> RecommendationResult {
            let position = entry.recommendation
            let recommendation = rules[position.rule].recommendations[position.index]
            return RecommendationResult(
                action: recommendation.action.id, actionTitle: recommendation.action.title,
                kind: recommendation.declaration.kind,
                urgency: recommendation.declaration.urgency,
                text: (try? recommendation.text.render(slots: record.slots)) ?? recommendation.text.source,
                params: recommendation.params, rule: references[position.rule],
                because: defersReasons
                    ? Self.deferred(rules.count + plan.recommendationRanges[position.rule].lowerBound + position.index)
                    : reason(position.rule),
                citations: recommendation.citations,
                awaits: resolution.awaits(of: entry).map {
                    .init(rule: references[$0.rule], kind: $0.kind, needs: needs[$0.rule])
                },
                overriddenBy: entry.overriddenBy.map { Override(rule: references[$0.rule], kind: $0.kind) },
                unless: unless(position.rule),
                note: rules[position.rule].declaration.note)
        }
        var whyNot: [WhyNot] = []
        var undetermined: [UndeterminedRule] = []
        for index in rules.indices {
            let outcome = record.outcomes[index]
            // A rule asked about by name is explained even when it fired (`value` true), so the answer is never empty.
            if explains(references[index].id), outcome != .fired || options.whyNot.contains(references[index].id) {
                let position = plan.exceptionOfRule[index]
                let lifted = position >= 0 && record.exceptions[position] == true
                whyNot.append(
                    WhyNot(
                        rule: references[index], value: outcome.value, because: reason(index),
                        liftedBy: lifted ? rules[index].exception?.text : nil))
            }
            if outcome == .undetermined {
                undetermined.append(
                    UndeterminedRule(
                        rule: references[index], needs: needs[index], because: reason(index),
                        would: rules[index].recommendations.map {
                            ActionKind(action: $0.action.id, kind: $0.declaration.kind)
                        })
                )
            }
        }
        return EvaluationResult(
            caseID: record.caseID,
            ruleset: RulesetIdentity(
                id: ruleset.manifest.id, version: ruleset.manifest.version, fingerprint: ruleset.fingerprint,
                engine: RulesetEvaluator.engineVersion),
            scores: ruleset.scores.map { score($0, record.slots) }, values: namedValues(record.slots),
            recommendations: resolution.standing.map(issued), suppressed: resolution.suppressed.map(issued),
            undetermined: undetermined, needs: Set(needs.joined()).union(exceptionNeeds.joined()).sorted(),
            assumptions: record.assumptions,
            whyNot: whyNot, errors: record.errors)
    }

    /// A reason left to the writer: its tree's single node has id `-1 - position` (see `ReasonPieces.deferred`).
    private static func deferred(_ position: Int) -> Reason {
        Reason(text: "", tree: ExplanationNode(node: -1 - position, text: "", value: .unknown, children: []))
    }

    private func explains(_ rule: String) -> Bool { options.explainAll || options.whyNot.contains(rule) }

    /// Derived values and table outputs by name, in slot order.
    private func namedValues(_ slots: [Value]) -> [NamedValue] {
        plan.ruleset.slots.enumerated().compactMap { index, slot in
            switch slot.origin {
            case .derived, .tableOutput: NamedValue(name: slot.name, value: slots[index])
            default: nil
            }
        }
    }

    /// A score's total (or interval), band and components, from the recorded slots.
    private func score(_ score: CompiledScore, _ slots: [Value]) -> ScoreResult {
        var low = 0
        var high = 0
        let components = score.components.map { component -> ScoreResult.Component in
            let value = slots[component.factSlot]
            let name = plan.ruleset.slots[component.factSlot].name
            if let option = component.option(for: value) {
                low += component.points[option]
                high += component.points[option]
                return .init(
                    id: component.id, fact: name, value: value, option: component.labels[option],
                    points: component.points[option],
                    minimum: component.minimum, maximum: component.maximum)
            }
            low += component.minimum
            high += component.maximum
            return .init(
                id: component.id, fact: name, value: .unknown, option: nil, points: nil, minimum: component.minimum,
                maximum: component.maximum)
        }
        let bands = score.declaration.bands
        // The band as the evaluation recorded it (RecordBuilder decides band membership).
        var band: Int?
        if case .symbol(_, let index) = slots[score.bandSlot], bands.indices.contains(index) { band = index }
        return ScoreResult(
            id: score.declaration.id, title: score.declaration.title, value: low == high ? low : nil, minimum: low,
            maximum: high,
            band: band.map { bands[$0].label },
            possibleBands: bands.filter { $0.lower <= high && $0.upper >= low }.map(\.label),
            components: components)
    }
}
