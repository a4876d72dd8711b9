import GuidelineCompiler
import GuidelineExpression

/// Finds the facts an undetermined rule needs without allocating: the same answer as
/// `Explanation.undecidedSlots` followed by `EvaluationPlan.factIndexesDeciding`, over flat tables built once.
///
/// Takes the slots behind the undecided nodes of the rule's condition (so a fact that could not change the result
/// is not listed), from the untraced walk where the condition has one (`ExpressionBlock.undecidedSlots`: no trace
/// needed) and else from the record's trace; follows computed slots back to the facts they are computed from,
/// and lists the facts by name.
struct UndecidedFacts: Sendable {
    /// Reusable working memory: one per thread.
    ///
    /// Its buffers are sized once for the plan (`beginCase`) and used with counters, so a search resets nothing and
    /// allocates nothing.
    struct Scratch: Sendable {
        fileprivate var buffers = Buffers(slots: 0, facts: 0, nodeStack: 0, slotStack: 0)
        fileprivate var generation: UInt32 = 0
        fileprivate var caseGeneration: UInt32 = 0
        /// How many facts the last `findNeeds` or `findCaseNeeds` found, in `buffers.sorted`.
        fileprivate var count = 0

        /// Empty working memory.
        init() {}

        /// What the last `findNeeds` or `findCaseNeeds` found: fact indexes, in name order (valid until the next
        /// search).
        var facts: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(rebasing: buffers.sorted[0..<count]) }
    }

    /// The buffers of a scratch, allocated together and never resized (a plan of another size gets new ones),
    /// reached through constant references so that using them costs no uniqueness or exclusivity checks.
    fileprivate final class Buffers: @unchecked Sendable {
        /// Per slot and per fact: the generation (rule) that last visited it.
        let slotMark: UnsafeMutableBufferPointer<UInt32>
        let factMark: UnsafeMutableBufferPointer<UInt32>
        /// Per fact: the case generation that needed it.
        let caseMark: UnsafeMutableBufferPointer<UInt32>
        /// The stacks of one search: nodes to visit, slots to follow back, facts found.
        let nodes: UnsafeMutableBufferPointer<Int32>
        let slots: UnsafeMutableBufferPointer<Int32>
        let found: UnsafeMutableBufferPointer<Int32>
        /// The facts found, in name order.
        let sorted: UnsafeMutableBufferPointer<Int32>

        init(slots: Int, facts: Int, nodeStack: Int, slotStack: Int) {
            func zeros<T: FixedWidthInteger>(_ count: Int) -> UnsafeMutableBufferPointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, count))
                buffer.initialize(repeating: 0)
                return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            }
            slotMark = zeros(slots)
            factMark = zeros(facts)
            caseMark = zeros(facts)
            nodes = zeros(nodeStack)
            self.slots = zeros(slotStack)
            found = zeros(facts)
            sorted = zeros(facts)
        }

        deinit {
            for buffer in [slotMark, factMark, caseMark] { buffer.baseAddress?.deallocate() }
            for buffer in [nodes, slots, found, sorted] { buffer.baseAddress?.deallocate() }
        }
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
    /// Each exception's slots (what it reads), by exception index, in `exceptionSlots`.
    private let exceptionSlotRanges: [Range<Int>]
    private let exceptionSlots: [Int32]
    /// The plan's expressions: rule `i`'s condition is expression `i`.
    private let block: ExpressionBlock
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
            if case .fact(let fact) = slot.origin {
                slotOrigins.append(-1 - Int32(fact))
            } else {
                slotOrigins.append(0)
            }
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
        block = plan.block
        var exceptionSlotRanges: [Range<Int>] = []
        var exceptionSlots: [Int32] = []
        for exception in plan.exceptions {
            let start = exceptionSlots.count
            exceptionSlots += (ruleset.rules[exception.rule].exception?.dependencies ?? []).map { Int32($0) }
            exceptionSlotRanges.append(start..<exceptionSlots.count)
        }
        self.exceptionSlotRanges = exceptionSlotRanges
        self.exceptionSlots = exceptionSlots
        let largest = ruleset.rules.map(\.condition.nodeCount).max() ?? 0
        let widestException = exceptionSlotRanges.map(\.count).max() ?? 0
        nodeStackSize = max(1, largest)
        slotStackSize = max(1, max(largest, widestException) + dependencies.count)
        var byName = [Int32](repeating: 0, count: plan.factNameRank.count)
        for (fact, rank) in plan.factNameRank.enumerated() { byName[rank] = Int32(fact) }
        factsByName = byName
        factRanks = plan.factNameRank.map { Int32($0) }
    }

    /// Starts a case: the facts `findNeeds` finds from now on are the case's needs (`findCaseNeeds`).
    func beginCase(_ scratch: inout Scratch) {
        let buffers = scratch.buffers
        if buffers.slotMark.count != slotOrigins.count || buffers.factMark.count != factsByName.count
            || buffers.nodes.count != nodeStackSize || buffers.slots.count != slotStackSize
            || scratch.generation > UInt32.max - UInt32(roots.count + 2)
        {
            scratch.buffers = Buffers(
                slots: slotOrigins.count, facts: factsByName.count, nodeStack: nodeStackSize, slotStack: slotStackSize)
            scratch.generation = 0
        }
        scratch.count = 0
        scratch.generation += 1
        scratch.caseGeneration = scratch.generation
    }

    /// The facts (by index, in name order) that rule `rule` needs, given the record, in `scratch.facts`; they
    /// also count among the case's needs.
    ///
    /// Call `beginCase` first.
    func findNeeds(ofRule rule: Int, _ record: EvaluationRecord, _ scratch: inout Scratch) {
        scratch.generation += 1
        let generation = scratch.generation
        let buffers = scratch.buffers
        let foundCount = record.slots.withUnsafeBufferPointer { values in
            // The slot stack holds every node of the largest condition, so the walk always fits.
            if let read = block.undecidedSlots(rule, slots: values, into: buffers.slots) {
                return follow(slotCount: read, values: values, generation: generation, buffers)
            }
            return record.trace.withUnsafeBufferPointer { trace in
                collect(root: roots[rule], trace: trace, values: values, generation: generation, buffers)
            }
        }
        keep(foundCount, &scratch)
    }

    /// The facts (by index, in name order) that exception `exception` (by position in the plan's exceptions)
    /// needs when it is not recorded: the facts behind the unknown slots it reads, as
    /// `EvaluationPlan.factIndexesDeciding(exception:in:)` finds them, in `scratch.facts`; they also count among
    /// the case's needs.
    ///
    /// Call `beginCase` first.
    func findNeeds(ofException exception: Int, _ record: EvaluationRecord, _ scratch: inout Scratch) {
        scratch.generation += 1
        let generation = scratch.generation
        let buffers = scratch.buffers
        let range = exceptionSlotRanges[exception]
        for (position, slot) in exceptionSlots[range].enumerated() { buffers.slots[position] = slot }
        let foundCount = record.slots.withUnsafeBufferPointer { values in
            follow(slotCount: range.count, values: values, generation: generation, buffers)
        }
        keep(foundCount, &scratch)
    }

    /// Sorts the `foundCount` facts of the last search by name into `scratch.facts` and marks them as the case's.
    private func keep(_ foundCount: Int, _ scratch: inout Scratch) {
        let buffers = scratch.buffers
        let caseGeneration = scratch.caseGeneration
        // Few facts are found per rule: sort them by name as they are added.
        let sorted = buffers.sorted
        for position in 0..<foundCount {
            let fact = buffers.found[position]
            buffers.caseMark[Int(fact)] = caseGeneration
            var slot = position
            sorted[slot] = fact
            while slot > 0, factRanks[Int(sorted[slot - 1])] > factRanks[Int(fact)] {
                sorted.swapAt(slot - 1, slot)
                slot -= 1
            }
        }
        scratch.count = foundCount
    }

    /// The facts (in name order) that a rule of the case needed (since `beginCase`), in `scratch.facts`.
    func findCaseNeeds(_ scratch: inout Scratch) {
        let buffers = scratch.buffers
        var count = 0
        if buffers.caseMark.count == factsByName.count {
            for fact in factsByName where buffers.caseMark[Int(fact)] == scratch.caseGeneration {
                buffers.sorted[count] = fact
                count += 1
            }
        }
        scratch.count = count
    }

    /// Collects into `stacks.found` the facts behind the undecided nodes under `root`; returns how many.
    private func collect(
        root: Int, trace: UnsafeBufferPointer<Value>, values: UnsafeBufferPointer<Value>, generation: UInt32,
        _ stacks: Buffers
    ) -> Int {
        // Undecided nodes of the condition, down to the slots they read.
        var nodeCount = 1
        var slotCount = 0
        stacks.nodes[0] = Int32(root)
        while nodeCount > 0 {
            nodeCount -= 1
            let position = Int(stacks.nodes[nodeCount])
            // Never nil: position < trace.count here, so the trace is not empty; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            guard position >= trace.count || Self.isUndecided(trace.baseAddress! + position) else { continue }
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
        return follow(slotCount: slotCount, values: values, generation: generation, stacks)
    }

    /// Collects into `stacks.found` the facts behind the first `slotCount` slots of `stacks.slots` whose values are
    /// undecided, following computed values back to their facts; returns how many.
    private func follow(
        slotCount: Int, values: UnsafeBufferPointer<Value>, generation: UInt32, _ stacks: Buffers
    ) -> Int {
        var slotCount = slotCount
        var foundCount = 0
        while slotCount > 0 {
            slotCount -= 1
            let slot = Int(stacks.slots[slotCount])
            // Never nil: slot < values.count, so the buffer is not empty; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            guard slot < values.count, stacks.slotMark[slot] != generation, Self.isUndecided(values.baseAddress! + slot)
            else { continue }
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
                for dependency in dependencies[
                    Int(dependencyRanges[slot].lowerBound)..<Int(dependencyRanges[slot].upperBound)]
                {
                    stacks.slots[slotCount] = dependency
                    slotCount += 1
                }
            }
        }
        return foundCount
    }

    /// Whether the value at `value` is unknown or only partly known (an interval), read in place.
    @inline(__always)
    private static func isUndecided(_ value: UnsafePointer<Value>) -> Bool {
        switch value.pointee {
        case .unknown, .interval: true
        default: false
        }
    }
}
