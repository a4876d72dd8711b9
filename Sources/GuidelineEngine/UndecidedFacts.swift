import GuidelineCompiler
import GuidelineExpression

/// Finds the facts an undetermined rule needs, from a record's trace, without allocating: the same answer as
/// `Explanation.undecidedSlots` followed by `EvaluationPlan.factIndexesDeciding`, over flat tables built once.
///
/// Walks only the undecided nodes of the rule's condition (so a fact that could not change the result is not
/// listed), follows computed slots back to the facts they are computed from, and lists the facts by name.
struct UndecidedFacts: Sendable {
    /// Reusable working memory: one per thread.
    struct Scratch: Sendable {
        /// Per slot and per fact: the generation (rule) that last visited it.
        fileprivate var slotMark: [UInt32] = []
        fileprivate var factMark: [UInt32] = []
        /// Per fact: the case generation that needed it.
        fileprivate var caseMark: [UInt32] = []
        fileprivate var generation: UInt32 = 0
        fileprivate var caseGeneration: UInt32 = 0
        fileprivate var nodes: [Int32] = []
        fileprivate var slots: [Int32] = []
        fileprivate var found: [Int32] = []
        /// What the last `findNeeds` or `findCaseNeeds` found: fact indexes, in name order.
        fileprivate(set) var facts: [Int32] = []

        /// Empty working memory.
        init() {}
    }

    /// For each trace position (rule offset + node id): the slot the node reads, or -1.
    private let nodeSlot: [Int32]
    /// For each trace position: its children (trace positions) in `children`.
    private let childRanges: [Range<Int32>]
    private let children: [Int32]
    /// For each slot: the slots it is computed from in `dependencies`, or the fact it is (as `-1 - fact`).
    private let slotOrigins: [Int32]
    private let dependencyRanges: [Range<Int32>]
    private let dependencies: [Int32]
    /// Fact indexes in name order, and each fact's position in that order.
    private let factsByName: [Int32]
    private let factRanks: [Int32]
    /// Each rule's root trace position.
    private let roots: [Int]

    init(plan: EvaluationPlan) {
        let ruleset = plan.ruleset
        var nodeSlot: [Int32] = []
        var childRanges: [Range<Int32>] = []
        var children: [Int32] = []
        var roots: [Int] = []
        for (index, rule) in ruleset.rules.enumerated() {
            let condition = rule.condition
            let offset = plan.traceOffsets[index]
            roots.append(offset + condition.root)
            for id in 0..<condition.nodeCount {
                nodeSlot.append(Int32(condition.slot(of: id) ?? -1))
                let start = Int32(children.count)
                children.append(contentsOf: (condition.parsed.node(id)?.children ?? []).map { Int32(offset + $0) })
                childRanges.append(start..<Int32(children.count))
            }
        }
        var slotOrigins: [Int32] = []
        var dependencyRanges: [Range<Int32>] = []
        var dependencies: [Int32] = []
        for slot in ruleset.slots {
            if case .fact(let fact) = slot.origin { slotOrigins.append(-1 - Int32(fact)) } else { slotOrigins.append(0) }
            let start = Int32(dependencies.count)
            dependencies.append(contentsOf: slot.dependencies.map { Int32($0) })
            dependencyRanges.append(start..<Int32(dependencies.count))
        }
        self.nodeSlot = nodeSlot
        self.childRanges = childRanges
        self.children = children
        self.slotOrigins = slotOrigins
        self.dependencyRanges = dependencyRanges
        self.dependencies = dependencies
        self.roots = roots
        var byName = [Int32](repeating: 0, count: plan.factNameRank.count)
        for (fact, rank) in plan.factNameRank.enumerated() { byName[rank] = Int32(fact) }
        factsByName = byName
        factRanks = plan.factNameRank.map { Int32($0) }
    }

    /// Starts a case: the facts `forEachNeed` finds from now on are the case's needs (`forEachCaseNeed`).
    func beginCase(_ scratch: inout Scratch) {
        if scratch.slotMark.count != slotOrigins.count || scratch.factMark.count != factsByName.count
            || scratch.generation > UInt32.max - UInt32(roots.count + 2) {
            scratch.slotMark = Array(repeating: 0, count: slotOrigins.count)
            scratch.factMark = Array(repeating: 0, count: factsByName.count)
            scratch.caseMark = Array(repeating: 0, count: factsByName.count)
            scratch.generation = 0
        }
        scratch.generation += 1
        scratch.caseGeneration = scratch.generation
    }

    /// The facts (by index, in name order) that rule `rule` needs, given the record, in `scratch.facts`; they
    /// also count among the case's needs.
    func findNeeds(ofRule rule: Int, _ record: EvaluationRecord, _ scratch: inout Scratch) {
        scratch.generation += 1
        let generation = scratch.generation
        var nodes = scratch.nodes
        var slots = scratch.slots
        scratch.nodes = []
        scratch.slots = []
        var found = scratch.found
        scratch.found = []
        found.removeAll(keepingCapacity: true)
        record.trace.withUnsafeBufferPointer { trace in
            record.slots.withUnsafeBufferPointer { values in
                collect(root: roots[rule], trace: trace, values: values, generation: generation, &nodes, &slots, &found, &scratch)
            }
        }
        scratch.nodes = nodes
        scratch.slots = slots
        defer { scratch.found = found }
        scratch.facts.removeAll(keepingCapacity: true)
        guard !found.isEmpty else { return }
        // Few facts are found per rule: sort them by name as they are added.
        for fact in found {
            scratch.caseMark[Int(fact)] = scratch.caseGeneration
            var position = scratch.facts.count
            scratch.facts.append(fact)
            while position > 0, factRanks[Int(scratch.facts[position - 1])] > factRanks[Int(fact)] {
                scratch.facts.swapAt(position - 1, position)
                position -= 1
            }
        }
    }

    /// The facts (in name order) that a rule of the case needed (since `beginCase`), in `scratch.facts`.
    func findCaseNeeds(_ scratch: inout Scratch) {
        scratch.facts.removeAll(keepingCapacity: true)
        guard scratch.caseMark.count == factsByName.count else { return }
        for fact in factsByName where scratch.caseMark[Int(fact)] == scratch.caseGeneration { scratch.facts.append(fact) }
    }

    private func collect(
        root: Int, trace: UnsafeBufferPointer<Value>, values: UnsafeBufferPointer<Value>, generation: UInt32,
        _ nodes: inout [Int32], _ slots: inout [Int32], _ found: inout [Int32], _ scratch: inout Scratch
    ) {
        // Undecided nodes of the condition, down to the slots they read.
        nodes.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        nodes.append(Int32(root))
        while let node = nodes.popLast() {
            let position = Int(node)
            guard position >= trace.count || Self.isUndecided(trace[position]) else { continue }
            let slot = nodeSlot[position]
            if slot >= 0 {
                slots.append(slot)
                continue
            }
            let range = childRanges[position]
            // Children in reverse so they are visited left to right (the order does not change the answer).
            var child = range.upperBound
            while child > range.lowerBound {
                child -= 1
                nodes.append(children[Int(child)])
            }
        }
        // The facts behind those slots, following computed values back to their facts.
        while let next = slots.popLast() {
            let slot = Int(next)
            guard slot < values.count, scratch.slotMark[slot] != generation, !values[slot].isKnown else { continue }
            scratch.slotMark[slot] = generation
            let origin = slotOrigins[slot]
            if origin < 0 {
                let fact = Int(-1 - origin)
                if scratch.factMark[fact] != generation {
                    scratch.factMark[fact] = generation
                    found.append(Int32(fact))
                }
            } else {
                for dependency in dependencies[Int(dependencyRanges[slot].lowerBound)..<Int(dependencyRanges[slot].upperBound)] {
                    slots.append(dependency)
                }
            }
        }
    }

    private static func isUndecided(_ value: Value) -> Bool {
        switch value {
        case .unknown, .interval: true
        default: false
        }
    }
}
