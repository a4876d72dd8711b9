import GuidelineCompiler
import GuidelineExpression

/// Finds the facts an undetermined rule needs, from a record's trace, without allocating: the same answer as
/// `Explanation.undecidedSlots` followed by `EvaluationPlan.factIndexesDeciding`, over flat tables built once.
///
/// Walks only the undecided nodes of the rule's condition (so a fact that could not change the result is not
/// listed), follows computed slots back to the facts they are computed from, and lists the facts by name.
struct UndecidedFacts: Sendable {
    /// Reusable working memory: one per thread. Its stacks are sized once for the plan (`beginCase`) and used
    /// with counters, so a search resets nothing and allocates nothing.
    struct Scratch: Sendable {
        /// Per slot and per fact: the generation (rule) that last visited it.
        fileprivate var slotMark: [UInt32] = []
        fileprivate var factMark: [UInt32] = []
        /// Per fact: the case generation that needed it.
        fileprivate var caseMark: [UInt32] = []
        fileprivate var generation: UInt32 = 0
        fileprivate var caseGeneration: UInt32 = 0
        /// The stacks of one search: nodes to visit, slots to follow back, facts found.
        fileprivate var nodes: [Int32] = []
        fileprivate var slots: [Int32] = []
        fileprivate var found: [Int32] = []
        /// What the last `findNeeds` or `findCaseNeeds` found, in `sorted[0..<count]`.
        fileprivate var sorted: [Int32] = []
        fileprivate var count = 0

        /// Empty working memory.
        init() {}

        /// What the last `findNeeds` or `findCaseNeeds` found: fact indexes, in name order.
        var facts: ArraySlice<Int32> { sorted[0..<count] }
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
    /// The most a search's node and slot stacks can hold: every node of the largest condition, and every node
    /// plus every dependency edge (a slot is pushed once per reading node or dependent slot before it is marked).
    private let nodeStackSize: Int
    private let slotStackSize: Int

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
        let largest = ruleset.rules.map(\.condition.nodeCount).max() ?? 0
        nodeStackSize = max(1, largest)
        slotStackSize = max(1, largest + dependencies.count)
        var byName = [Int32](repeating: 0, count: plan.factNameRank.count)
        for (fact, rank) in plan.factNameRank.enumerated() { byName[rank] = Int32(fact) }
        factsByName = byName
        factRanks = plan.factNameRank.map { Int32($0) }
    }

    /// Starts a case: the facts `findNeeds` finds from now on are the case's needs (`findCaseNeeds`).
    func beginCase(_ scratch: inout Scratch) {
        if scratch.slotMark.count != slotOrigins.count || scratch.factMark.count != factsByName.count
            || scratch.nodes.count != nodeStackSize || scratch.slots.count != slotStackSize
            || scratch.generation > UInt32.max - UInt32(roots.count + 2) {
            scratch.slotMark = Array(repeating: 0, count: slotOrigins.count)
            scratch.factMark = Array(repeating: 0, count: factsByName.count)
            scratch.caseMark = Array(repeating: 0, count: factsByName.count)
            scratch.nodes = Array(repeating: 0, count: nodeStackSize)
            scratch.slots = Array(repeating: 0, count: slotStackSize)
            scratch.found = Array(repeating: 0, count: max(1, factsByName.count))
            scratch.sorted = Array(repeating: 0, count: max(1, factsByName.count))
            scratch.generation = 0
        }
        scratch.count = 0
        scratch.generation += 1
        scratch.caseGeneration = scratch.generation
    }

    /// The facts (by index, in name order) that rule `rule` needs, given the record, in `scratch.facts`; they
    /// also count among the case's needs. Call `beginCase` first.
    func findNeeds(ofRule rule: Int, _ record: EvaluationRecord, _ scratch: inout Scratch) {
        scratch.generation += 1
        let generation = scratch.generation
        let caseGeneration = scratch.caseGeneration
        let root = roots[rule]
        scratch.count = record.trace.withUnsafeBufferPointer { trace in
            record.slots.withUnsafeBufferPointer { values in
                scratch.nodes.withUnsafeMutableBufferPointer { nodes in
                    scratch.slots.withUnsafeMutableBufferPointer { slots in
                        scratch.found.withUnsafeMutableBufferPointer { found in
                            scratch.slotMark.withUnsafeMutableBufferPointer { slotMark in
                                scratch.factMark.withUnsafeMutableBufferPointer { factMark in
                                    let stacks = Stacks(nodes: nodes, slots: slots, found: found, slotMark: slotMark, factMark: factMark)
                                    let foundCount = collect(root: root, trace: trace, values: values, generation: generation, stacks)
                                    return scratch.caseMark.withUnsafeMutableBufferPointer { caseMark in
                                        scratch.sorted.withUnsafeMutableBufferPointer { sorted in
                                            // Few facts are found per rule: sort them by name as they are added.
                                            for position in 0..<foundCount {
                                                let fact = found[position]
                                                caseMark[Int(fact)] = caseGeneration
                                                var slot = position
                                                sorted[slot] = fact
                                                while slot > 0, factRanks[Int(sorted[slot - 1])] > factRanks[Int(fact)] {
                                                    sorted.swapAt(slot - 1, slot)
                                                    slot -= 1
                                                }
                                            }
                                            return foundCount
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The facts (in name order) that a rule of the case needed (since `beginCase`), in `scratch.facts`.
    func findCaseNeeds(_ scratch: inout Scratch) {
        scratch.count = 0
        guard scratch.caseMark.count == factsByName.count else { return }
        for fact in factsByName where scratch.caseMark[Int(fact)] == scratch.caseGeneration {
            scratch.sorted[scratch.count] = fact
            scratch.count += 1
        }
    }

    /// The buffers of one search.
    private struct Stacks {
        let nodes: UnsafeMutableBufferPointer<Int32>
        let slots: UnsafeMutableBufferPointer<Int32>
        let found: UnsafeMutableBufferPointer<Int32>
        let slotMark: UnsafeMutableBufferPointer<UInt32>
        let factMark: UnsafeMutableBufferPointer<UInt32>
    }

    /// Collects into `stacks.found` the facts behind the undecided nodes under `root`; returns how many.
    private func collect(
        root: Int, trace: UnsafeBufferPointer<Value>, values: UnsafeBufferPointer<Value>, generation: UInt32, _ stacks: Stacks
    ) -> Int {
        // Undecided nodes of the condition, down to the slots they read.
        var nodeCount = 1
        var slotCount = 0
        var foundCount = 0
        stacks.nodes[0] = Int32(root)
        while nodeCount > 0 {
            nodeCount -= 1
            let position = Int(stacks.nodes[nodeCount])
            guard position >= trace.count || Self.isUndecided(trace[position]) else { continue }
            let slot = nodeSlot[position]
            if slot >= 0 {
                stacks.slots[slotCount] = slot
                slotCount += 1
                continue
            }
            let range = childRanges[position]
            // Children in reverse so they are visited left to right (the order does not change the answer).
            var child = range.upperBound
            while child > range.lowerBound {
                child -= 1
                stacks.nodes[nodeCount] = children[Int(child)]
                nodeCount += 1
            }
        }
        // The facts behind those slots, following computed values back to their facts.
        while slotCount > 0 {
            slotCount -= 1
            let slot = Int(stacks.slots[slotCount])
            guard slot < values.count, stacks.slotMark[slot] != generation, !values[slot].isKnown else { continue }
            stacks.slotMark[slot] = generation
            let origin = slotOrigins[slot]
            if origin < 0 {
                let fact = Int(-1 - origin)
                if stacks.factMark[fact] != generation {
                    stacks.factMark[fact] = generation
                    stacks.found[foundCount] = Int32(fact)
                    foundCount += 1
                }
            } else {
                for dependency in dependencies[Int(dependencyRanges[slot].lowerBound)..<Int(dependencyRanges[slot].upperBound)] {
                    stacks.slots[slotCount] = dependency
                    slotCount += 1
                }
            }
        }
        return foundCount
    }

    private static func isUndecided(_ value: Value) -> Bool {
        switch value {
        case .unknown, .interval: true
        default: false
        }
    }
}
