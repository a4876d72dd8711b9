import GuidelineCompiler
import GuidelineExpression

/// What the evaluator works out once per ruleset so that evaluating a case is lookups by position: where each
/// rule's trace starts, which action each recommendation is for, and each action's conflict policy.
final class EvaluationPlan: Sendable {
    /// One recommendation of one rule, by position.
    struct Recommendation: Sendable {
        /// The rule's index.
        let rule: Int
        /// The recommendation's index within the rule.
        let index: Int
        /// The action's index in the manifest.
        let action: Int
        /// The kind.
        let kind: RecommendationKind
    }

    let ruleset: CompiledRuleset
    /// Each rule's condition, by rule index.
    let conditions: [CheckedExpression]
    /// Where each rule is declared, by rule index (as results refer to it).
    let references: [RuleReference]
    /// Each fact's position in the facts sorted by name.
    let factNameRank: [Int]
    /// Each derived value's slot and expression, by derived index.
    let derived: [(slot: Int, expression: CheckedExpression)]
    /// Each fact's declared default, by fact index.
    let defaults: [Value?]
    /// Where rule `i`'s condition trace starts in `EvaluationRecord.trace`.
    let traceOffsets: [Int]
    /// Where rule `i`'s condition trace ends.
    let traceEnds: [Int]
    /// The size of the whole trace.
    let traceSize: Int
    /// Every rule's recommendations, in rule order; rule `i`'s are `recommendations[recommendationRanges[i]]`.
    let recommendations: [Recommendation]
    /// Where each rule's recommendations are in `recommendations`.
    let recommendationRanges: [Range<Int>]
    /// The conflict policy of each action, by action index.
    let policies: [ConflictPolicy]
    /// Every expression an evaluation decides, laid out to run in node order: rule `i`'s condition is
    /// expression `i`, then the derived values (`derivedExpressions`) and each table's cells (consecutive, so one
    /// run decides them) and outputs.
    let block: ExpressionBlock
    /// Each derived value's expression in `block`, by derived index.
    let derivedExpressions: [Int]
    /// Each exception (`unless:`) in rule order: the rule it lifts and its expression in `block`.
    let exceptions: [(rule: Int, expression: Int)]
    /// Each rule's exception (an index into `exceptions`), or -1 for a rule without one.
    let exceptionOfRule: [Int]
    /// Each score as evaluation reads it, by score index.
    let scorePlans: [ScorePlan]
    /// Each table as evaluation reads it, by table index.
    let tablePlans: [TablePlan]
    /// Each fact's name, by fact index.
    let factNames: [String]
    /// Whether an evaluation writes every slot before any read of it (facts first, then every step writes its
    /// own slots and reads only earlier ones), so a reused record need not clear its slots first.
    let writesEverySlot: Bool

    init(ruleset: CompiledRuleset) {
        self.ruleset = ruleset
        conditions = ruleset.rules.map(\.condition)
        references = ruleset.rules.map { RuleReference(id: $0.id, file: $0.file, line: $0.line) }
        factNames = ruleset.facts.map(\.name)
        var expressions = conditions
        func add(_ expression: CheckedExpression) -> Int {
            expressions.append(expression)
            return expressions.count - 1
        }
        derivedExpressions = ruleset.derived.map { add($0.expression) }
        tablePlans = ruleset.tables.map { TablePlan($0, add: add) }
        var exceptions: [(rule: Int, expression: Int)] = []
        var exceptionOfRule = [Int](repeating: -1, count: ruleset.rules.count)
        for (index, rule) in ruleset.rules.enumerated() {
            guard let exception = rule.exception else { continue }
            exceptionOfRule[index] = exceptions.count
            exceptions.append((index, add(exception)))
        }
        self.exceptions = exceptions
        self.exceptionOfRule = exceptionOfRule
        scorePlans = ruleset.scores.map(ScorePlan.init)
        block = ExpressionBlock(expressions)
        writesEverySlot = Self.writesEverySlot(ruleset)
        defaults = ruleset.facts.map(\.defaultValue)
        derived = ruleset.derived.map { ($0.slot, $0.expression) }
        var rank = [Int](repeating: 0, count: ruleset.facts.count)
        for (position, index) in ruleset.facts.indices.sorted(by: { ruleset.facts[$0].name < ruleset.facts[$1].name })
            .enumerated()
        {
            rank[index] = position
        }
        factNameRank = rank
        var offsets: [Int] = []
        var size = 0
        for rule in ruleset.rules {
            offsets.append(size)
            size += rule.condition.nodeCount
        }
        traceOffsets = offsets
        traceEnds = offsets.indices.map { $0 + 1 < offsets.count ? offsets[$0 + 1] : size }
        traceSize = size
        let actions = ruleset.manifest.actions
        var actionIndex: [String: Int] = [:]
        for (index, action) in actions.enumerated() where actionIndex[action.id] == nil {
            actionIndex[action.id] = index
        }
        var extra: [ConflictPolicy] = []
        let nested: [[Recommendation]] = ruleset.rules.enumerated().map { ruleIndex, rule in
            rule.recommendations.enumerated().map { index, recommendation in
                let action =
                    actionIndex[recommendation.action.id]
                    ?? {
                        extra.append(ruleset.conflictPolicy(for: recommendation.action.id))
                        return actions.count + extra.count - 1
                    }()
                return Recommendation(
                    rule: ruleIndex, index: index, action: action, kind: recommendation.declaration.kind)
            }
        }
        recommendations = nested.flatMap { $0 }
        var ranges: [Range<Int>] = []
        var start = 0
        for list in nested {
            ranges.append(start..<(start + list.count))
            start += list.count
        }
        recommendationRanges = ranges
        policies = actions.map { ruleset.conflictPolicy(for: $0.id) } + extra
    }

    /// Whether evaluating `ruleset` in step order writes every slot before reading it.
    private static func writesEverySlot(_ ruleset: CompiledRuleset) -> Bool {
        let count = ruleset.slots.count
        var written = [Bool](repeating: false, count: count)
        for index in ruleset.facts.indices where index < count { written[index] = true }
        func readable(_ slots: [Int]) -> Bool { slots.allSatisfy { $0 >= 0 && $0 < count && written[$0] } }
        func write(_ slots: [Int]) -> Bool {
            guard slots.allSatisfy({ $0 >= 0 && $0 < count }) else { return false }
            for slot in slots { written[slot] = true }
            return true
        }
        for step in ruleset.steps {
            switch step {
            case .score(let index):
                guard ruleset.scores.indices.contains(index) else { return false }
                let score = ruleset.scores[index]
                guard readable(score.components.map(\.factSlot)), write([score.totalSlot, score.bandSlot]) else {
                    return false
                }
            case .derived(let index):
                guard ruleset.derived.indices.contains(index) else { return false }
                let derived = ruleset.derived[index]
                guard readable(derived.expression.dependencies), write([derived.slot]) else { return false }
            case .table(let index):
                guard ruleset.tables.indices.contains(index) else { return false }
                let table = ruleset.tables[index]
                for row in table.rows {
                    for expression in row.cells.compactMap({ $0 }).joined() + row.outputs {
                        guard readable(expression.dependencies) else { return false }
                    }
                }
                guard write(table.outputSlots) else { return false }
            }
        }
        return !written.contains(false)
            && ruleset.rules.allSatisfy {
                readable($0.condition.dependencies) && readable($0.exception?.dependencies ?? [])
            }
    }

    /// The trace of rule `index` as an array indexed by node id (for the explanation functions).
    func trace(ofRule index: Int, in record: EvaluationRecord) -> [Value] {
        let start = traceOffsets[index]
        let end = traceEnds[index]
        guard start >= 0, end <= record.trace.count else { return [] }
        return Array(record.trace[start..<end])
    }

    /// The facts (by fact index, sorted by name) an exception that is not recorded (unknown) needs: the facts
    /// behind the unknown slots it reads, followed back through computed values.
    ///
    /// Empty for a recorded one.
    func factIndexesDeciding(exception index: Int, in record: EvaluationRecord) -> [Int] {
        guard record.exceptions.indices.contains(index), record.exceptions[index] == nil,
            let exception = ruleset.rules[exceptions[index].rule].exception
        else { return [] }
        return factIndexesDeciding(exception.dependencies, values: record.slots)
    }

    /// The facts (by fact index, sorted by name) behind the slots `start` whose values are unknown, following
    /// computed values back to their facts.
    func factIndexesDeciding(_ start: [Int], values: [Value]) -> [Int] {
        let slots = ruleset.slots
        var seen = [Bool](repeating: false, count: slots.count)
        var facts: [Int] = []
        var stack = start
        while let slot = stack.popLast() {
            guard slots.indices.contains(slot), !seen[slot], values.indices.contains(slot), !values[slot].isKnown else {
                continue
            }
            seen[slot] = true
            if case .fact(let index) = slots[slot].origin {
                facts.append(index)
            } else {
                stack.append(contentsOf: slots[slot].dependencies)
            }
        }
        return facts.sorted { factNameRank[$0] < factNameRank[$1] }
    }
}
