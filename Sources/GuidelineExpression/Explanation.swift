/// Explains an evaluation from its trace (see `ExpressionEvaluator.evaluate(_:slots:trace:)`): why a rule fired,
/// why it did not, and which facts would decide it.
package enum Explanation: Sendable {
    private static func value(_ trace: [Value], _ id: Int) -> Value {
        trace.indices.contains(id) ? trace[id] : .unknown
    }

    private static func isUndecided(_ v: Value) -> Bool {
        switch v {
        case .unknown, .interval: true
        default: false
        }
    }

    /// One readable line: the expression with each name followed by its value, operators kept.
    ///
    /// `sins >= 13 and patient.life_expectancy >= 3 mo` with 14 and 6 mo gives
    /// `sins (14) >= 13 and patient.life_expectancy (6 mo) >= 3 mo`; an unknown is `spine.pain (unknown)`.
    package static func because(_ checked: CheckedExpression, trace: [Value]) -> String {
        ExplanationTemplate(checked).render(trace: trace)
    }

    /// The whole expression as a tree of sub-expressions and their values.
    package static func tree(_ checked: CheckedExpression, trace: [Value]) -> ExplanationNode {
        tree(checked, trace: trace, node: checked.root)
    }

    /// The subtree rooted at `node`.
    package static func tree(_ checked: CheckedExpression, trace: [Value], node id: Int) -> ExplanationNode {
        let children = checked.parsed.node(id)?.children ?? []
        return ExplanationNode(
            node: id, text: checked.parsed.source(of: id), value: value(trace, id),
            children: children.map { tree(checked, trace: trace, node: $0) })
    }

    /// The slots whose unknown (or only partly known) value left the result undecided, in source order without
    /// duplicates.
    ///
    /// Only undecided subtrees are walked, so a fact that could not change the result is not listed.
    package static func undecidedSlots(_ checked: CheckedExpression, trace: [Value]) -> [Int] {
        trace.withUnsafeBufferPointer { undecidedSlots(checked, trace: $0) }
    }

    /// The same, over a trace held in a buffer (for example one rule's region of a whole case's trace).
    package static func undecidedSlots(_ checked: CheckedExpression, trace: UnsafeBufferPointer<Value>) -> [Int] {
        var slots: [Int] = []
        func walk(_ id: Int) {
            guard isUndecided(id >= 0 && id < trace.count ? trace[id] : .unknown) else { return }
            if let slot = checked.slot(of: id) {
                if !slots.contains(slot) { slots.append(slot) }
                return
            }
            for child in checked.parsed.node(id)?.children ?? [] { walk(child) }
        }
        walk(checked.root)
        return slots
    }

    /// The conditions responsible for the result: for `and`/`or`/`not`, the operands that decided it (the false
    /// conjuncts of a false `and`, the unknown ones of an unknown one, and so on); any other node is a condition.
    ///
    /// For a false or unknown rule this answers "why not".
    package static func responsible(_ checked: CheckedExpression, trace: [Value]) -> [ExplanationNode] {
        var found: [Int] = []
        func walk(_ id: Int) {
            guard let node = checked.parsed.node(id) else { return }
            let v = value(trace, id)
            switch node.kind {
            case .binary(let op, let l, let r) where op == .and || op == .or:
                let decisive: Value = op == .and ? .bool(false) : .bool(true)
                let children = [l, r]
                if v == decisive {
                    for c in children where value(trace, c) == decisive { walk(c) }
                } else if isUndecided(v) {
                    for c in children where isUndecided(value(trace, c)) { walk(c) }
                } else {
                    children.forEach(walk)
                }
            case .unary(.not, let operand):
                walk(operand)
            default:
                found.append(id)
            }
        }
        walk(checked.root)
        return found.map { tree(checked, trace: trace, node: $0) }
    }
}
