import GuidelineCompiler
import GuidelineExpression

/// The outcome of one rule for one case.
struct RuleOutcome: Sendable {
    /// The rule.
    let rule: CompiledRule
    /// Where it is declared.
    let reference: RuleReference
    /// true: fired; false: did not; nil: undetermined (unknown facts or an evaluation error).
    let value: Bool?
    /// The condition with its values.
    let because: Reason
    /// The facts that would decide an undetermined rule.
    let needs: [String]
    /// The recommendations issued, when the rule fired.
    var issued: [RecommendationResult]
}

/// The working memory of one evaluation: one value per slot.
struct EvaluationState {
    let ruleset: CompiledRuleset
    private(set) var slots: [Value]
    private(set) var assumptions: [Assumption] = []
    private(set) var errors: [EvaluationIssue] = []
    private(set) var scoreResults: [ScoreResult] = []

    init(ruleset: CompiledRuleset, input: CaseInput) {
        self.ruleset = ruleset
        slots = Array(repeating: .unknown, count: ruleset.slots.count)
        for (index, fact) in ruleset.facts.enumerated() {
            let given = index < input.facts.count ? input.facts[index] : .unknown
            if given.isKnown {
                slots[index] = given
            } else if let assumed = fact.defaultValue {
                slots[index] = assumed
                assumptions.append(Assumption(fact: fact.name, value: assumed))
            }
        }
    }

    /// Derived values and table outputs by name, in slot order.
    var namedValues: [(name: String, value: Value)] {
        ruleset.slots.enumerated().compactMap { index, slot in
            switch slot.origin {
            case .derived, .tableOutput: (slot.name, slots[index])
            default: nil
            }
        }
    }

    /// Computes scores, derived values and tables in dependency order.
    mutating func computeValues() {
        for step in ruleset.steps {
            switch step {
            case .score(let index): computeScore(ruleset.scores[index])
            case .derived(let index):
                let derived = ruleset.derived[index]
                slots[derived.slot] = evaluate(derived.expression, place: derived.declaration.name)
            case .table(let index): computeTable(ruleset.tables[index])
            }
        }
    }

    /// Evaluates a rule's condition and, when it fires, its recommendations.
    ///
    /// The explanation is rendered for rules that fired or are undetermined, and for rules that did not fire
    /// only when `explainIfFalse` (asked for with `--why-not` or `--explain all`).
    mutating func decide(_ rule: CompiledRule, explainIfFalse: Bool) -> RuleOutcome {
        var trace: [Value]? = []
        var value: Bool?
        do {
            value = try ExpressionCalls.evaluate(rule.condition, slots: slots, trace: &trace).boolValue
        } catch {
            errors.append(EvaluationIssue(code: "eval.error", message: "\(error)", place: "rule '\(rule.id)'"))
            value = nil
        }
        let because = value == false && !explainIfFalse
            ? Reason(text: "", tree: ExplanationNode(node: rule.condition.root, text: rule.condition.text, value: .bool(false), children: []))
            : ExpressionCalls.explain(rule.condition, trace: trace ?? [])
        let reference = RuleReference(id: rule.id, file: rule.file, line: rule.line)
        var needs: [String] = []
        if value == nil {
            needs = factsDeciding(ExpressionCalls.undecidedSlots(rule.condition, trace: trace ?? []))
        }
        var issued: [RecommendationResult] = []
        if value == true {
            issued = rule.recommendations.map { recommendation in
                RecommendationResult(
                    action: recommendation.action.id, actionTitle: recommendation.action.title, kind: recommendation.declaration.kind,
                    urgency: recommendation.declaration.urgency, text: ExpressionCalls.render(recommendation.text, slots: slots),
                    params: recommendation.params, rule: reference, because: because, citations: recommendation.citations,
                    awaits: [], overriddenBy: nil)
            }
        }
        return RuleOutcome(rule: rule, reference: reference, value: value, because: because, needs: needs, issued: issued)
    }

    /// The unknown facts behind `slots`, following computed values back to their facts; sorted, unique.
    func factsDeciding(_ start: [Int]) -> [String] {
        var result = Set<String>()
        var seen = Set<Int>()
        var stack = start
        while let slot = stack.popLast() {
            guard seen.insert(slot).inserted, ruleset.slots.indices.contains(slot), !slots[slot].isKnown else { continue }
            let info = ruleset.slots[slot]
            if case .fact = info.origin {
                result.insert(info.name)
            } else {
                stack.append(contentsOf: info.dependencies)
            }
        }
        return result.sorted()
    }

    private mutating func evaluate(_ expression: CheckedExpression, place: String) -> Value {
        var trace: [Value]? = nil
        do {
            return try ExpressionCalls.evaluate(expression, slots: slots, trace: &trace)
        } catch {
            errors.append(EvaluationIssue(code: "eval.error", message: "\(error)", place: place))
            return .unknown
        }
    }

    private mutating func computeScore(_ score: CompiledScore) {
        var low = 0
        var high = 0
        var components: [ScoreResult.Component] = []
        for component in score.components {
            let value = slots[component.factSlot]
            var ordinal: Int?
            switch value {
            case .symbol(_, let index): ordinal = index
            case .bool(let flag): ordinal = flag ? 1 : 0
            default: ordinal = nil
            }
            if let ordinal, component.points.indices.contains(ordinal) {
                let points = component.points[ordinal]
                low += points
                high += points
                components.append(.init(
                    id: component.id, fact: ruleset.slots[component.factSlot].name, value: value, option: component.labels[ordinal],
                    points: points, minimum: component.minimum, maximum: component.maximum))
            } else {
                low += component.minimum
                high += component.maximum
                components.append(.init(
                    id: component.id, fact: ruleset.slots[component.factSlot].name, value: .unknown, option: nil, points: nil,
                    minimum: component.minimum, maximum: component.maximum))
            }
        }
        let bands = score.declaration.bands
        let possible = bands.filter { $0.lower <= high && $0.upper >= low }
        let band = bands.firstIndex { $0.lower <= low && high <= $0.upper }
        slots[score.totalSlot] = low == high ? .integer(low) : .between(Number(exactly: low) ?? .zero, Number(exactly: high) ?? .zero)
        slots[score.bandSlot] = band.map { .symbol(score.bandType, $0) } ?? .unknown
        scoreResults.append(ScoreResult(
            id: score.declaration.id, title: score.declaration.title, value: low == high ? low : nil, minimum: low, maximum: high,
            band: band.map { bands[$0].label }, possibleBands: possible.map(\.label), components: components))
    }

    private mutating func computeTable(_ table: CompiledTable) {
        // Each row: does it match (true/false/nil), and its outputs.
        let place = "table '\(table.declaration.id)'"
        let matches = table.rows.map { row in row.matches { evaluate($0, place: place) } }
        for (position, slot) in table.outputSlots.enumerated() {
            slots[slot] = tableOutput(table, matches: matches, output: position)
        }
    }

    private mutating func tableOutput(_ table: CompiledTable, matches: [Bool?], output: Int) -> Value {
        let place = "table '\(table.declaration.id)'"
        func value(_ row: Int) -> Value { evaluate(table.rows[row].outputs[output], place: place) }
        switch table.declaration.hit {
        case .collect:
            if matches.contains(where: { $0 == nil }) { return .unknown }
            return .list(matches.indices.filter { matches[$0] == true }.map(value))
        case .unique, .first:
            // The rows that could still apply; the answer is known when they all give the same value.
            var candidates: [Int] = []
            for (row, match) in matches.enumerated() {
                if match == false { continue }
                candidates.append(row)
                if match == true && table.declaration.hit == .first { break }
            }
            if table.declaration.hit == .unique, matches.filter({ $0 == true }).count > 1 { return .unknown }
            if candidates.isEmpty { return .unknown }
            if !candidates.contains(where: { matches[$0] == true }) { return .unknown }
            let values = candidates.map(value)
            return values.allSatisfy { $0 == values[0] } ? values[0] : .unknown
        }
    }
}
