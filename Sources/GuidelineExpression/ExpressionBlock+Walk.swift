extension ExpressionBlock {
    /// Where a walked step's operand comes from: a slot, a constant, or another step.
    enum Operand: Sendable {
        case slot(Int)
        case constant(Int)
        case step(Int)
    }

    /// One step of the untraced walk: an operation over operands read in place, so a leaf costs no step.
    enum Step: Sendable {
        case not(Operand)
        case known(Operand)
        case and(Operand, Operand)
        case or(Operand, Operand)
        case compare(BinaryOperator, Operand, Operand)
        /// A slot compared with a constant, the most common condition.
        case compareSlot(BinaryOperator, slot: Int, constant: Int)
        /// Membership in a constant list of enum values: the ordinals are the bits of `sets[set]`.
        case memberOrdinals(Operand, set: Int, negated: Bool)
        /// Membership in a constant range whose bounds are `ranges[range]`.
        case memberRange(Operand, range: Int, negated: Bool)
    }

    /// What a walk without a trace found an expression to be.
    package enum Truth: UInt8, Sendable {
        /// False.
        case `false` = 0
        /// True.
        case `true` = 1
        /// Unknown, or not a boolean.
        case neither = 2
        /// The walk cannot decide it: evaluate it with `evaluate(_:slots:nodes:tracing:)`.
        case needsEvaluation = 3
    }

    /// Whether expression `index` is true or false over `slots` when evaluated without a trace, as far as its
    /// walk decides: where it does, `evaluate(_:slots:nodes:tracing: false)` would give that boolean (or some
    /// other value, for `neither`) and no error.
    package func truth(_ index: Int, slots: UnsafeBufferPointer<Value>) -> Truth {
        guard index >= 0, index < entries.count else { return .needsEvaluation }
        return runTruth(index, slots)
    }

    /// The truths of expressions `indices` over `slots`, as `truth(_:slots:)` gives each: expression `i`'s in
    /// `results[i - indices.lowerBound]` (`results` holds at least `indices.count`; indexes out of range need
    /// evaluation).
    package func truths(
        _ indices: Range<Int>, slots: UnsafeBufferPointer<Value>, into results: UnsafeMutableBufferPointer<Truth>
    ) {
        precondition(results.count >= indices.count)
        guard let output = results.baseAddress, !indices.isEmpty else { return }
        let inside = indices.clamped(to: 0..<entries.count)
        for position in 0..<indices.count { output[position] = .needsEvaluation }
        guard !inside.isEmpty else { return }
        let offset = inside.lowerBound - indices.lowerBound
        runTruths(
            first: inside.lowerBound, count: inside.count, from: Int(truthStarts[inside.lowerBound]), slots,
            output + offset)
    }

    /// `truth(_:slots:)` by the recursive walk alone (what the truth programs are held to).
    func walkedTruth(_ index: Int, slots: UnsafeBufferPointer<Value>) -> Truth {
        guard index >= 0, index < entries.count, let operand = entries[index].walk, let scalar = walk(operand, slots)
        else {
            return .needsEvaluation
        }
        if case .bool(let b) = scalar { return b ? .true : .false }
        return .neither
    }

    /// The value of an expression without a trace, walked from the root with `and`/`or` short-circuiting as
    /// the untraced `ExpressionEvaluator` does; nil when a value on the way is text, a list or a range (the
    /// caller then takes the node-order path, which handles everything).
    ///
    /// The walked operations cannot fail.
    @inline(__always)
    func walk(_ operand: Operand, _ slots: UnsafeBufferPointer<Value>) -> Scalar? {
        var ignored = IgnoredReads()
        return walk(operand, slots, &ignored)
    }

    /// The walk, telling `reads` each slot it reads whose value is undecided, and forgetting those under an
    /// operation whose value turns out decided: what is left are the slots behind the undecided nodes that an
    /// undecided root is reached from (`Explanation.undecidedSlots` over a trace).
    @inline(__always)
    func walk<Reads: WalkReads>(
        _ operand: Operand, _ slots: UnsafeBufferPointer<Value>, _ reads: inout Reads
    ) -> Scalar? {
        switch operand {
        case .slot(let s):
            guard s >= 0 && s < slots.count else { return .unknown }
            let value = Scalar(slots[s])
            if !value.isKnown { reads.read(slot: s) }
            return value
        case .constant(let index): return constantScalars[index]
        case .step(let index):
            let mark = reads.mark
            let value = walk(step: index, slots, &reads)
            if let value, value.isKnown { reads.rewind(to: mark) }
            return value
        }
    }

    @inline(never)
    private func walk<Reads: WalkReads>(
        step index: Int, _ slots: UnsafeBufferPointer<Value>, _ reads: inout Reads
    ) -> Scalar? {
        switch steps[index] {
        case .not(let a):
            guard let value = walk(a, slots, &reads) else { return nil }
            if case .bool(let b) = value { return .bool(!b) }
            return .unknown
        case .known(let a):
            return walk(a, slots, &reads).map { .bool($0.isKnown) }
        case .and(let a, let b):
            guard let l = walk(a, slots, &reads) else { return nil }
            if case .bool(false) = l { return l }
            return walk(b, slots, &reads).map { Scalar.and(l, $0) }
        case .or(let a, let b):
            guard let l = walk(a, slots, &reads) else { return nil }
            if case .bool(true) = l { return l }
            return walk(b, slots, &reads).map { Scalar.or(l, $0) }
        case .compare(let op, let a, let b):
            guard let l = walk(a, slots, &reads), let r = walk(b, slots, &reads) else { return nil }
            return Scalar.compare(op, l, r)
        case .compareSlot(let op, let s, let constant):
            let r = constantScalars[constant]
            guard s >= 0 && s < slots.count else { return Scalar.compare(op, .unknown, r) }
            if case .symbol(_, let i) = slots[s], case .symbol(_, let j) = r,
                ThreeValued.comparableOrdinal(i), ThreeValued.comparableOrdinal(j)
            {
                return Scalar(ThreeValued.decide(op, i, j))
            }
            let l = Scalar(slots[s])
            if !l.isKnown { reads.read(slot: s) }
            return Scalar.compare(op, l, r)
        case .memberOrdinals(let a, let set, let negated):
            switch walk(a, slots, &reads) {
            case .symbol(_, let ordinal)? where ordinal >= 0 && ordinal < 64:
                return .bool(negated != (sets[set] & (1 << UInt64(ordinal)) != 0))
            case .unknown?: return .unknown
            default: return nil
            }
        case .memberRange(let a, let range, let negated):
            guard let element = walk(a, slots, &reads),
                let above = Scalar.compare(.greaterOrEqual, element, ranges[range].lo),
                let below = Scalar.compare(.lessOrEqual, element, ranges[range].hi)
            else { return nil }
            let inside = Scalar.and(above, below)
            if negated, case .bool(let r) = inside { return .bool(!r) }
            return inside
        }
    }

    /// Builds the walk of expression nodes `instructions[start..<start+count]` (already translated, linear) into
    /// `steps`: the root's operand, or nil when some node has no walked form (arithmetic, lists, `min`/`max`...).
    static func walkRoot(
        _ instructions: ArraySlice<Instruction>, root: Int, steps: inout [Step]
    ) -> Operand? {
        let base = instructions.startIndex
        func operand(_ id: Int) -> Operand? {
            guard id >= 0, base + id < instructions.endIndex else { return nil }
            let step: Step
            switch instructions[base + id] {
            case .slot(let s): return .slot(s)
            case .constant(let index): return .constant(index)
            case .not(let a):
                guard let a = operand(a) else { return nil }
                step = .not(a)
            case .known(let a):
                guard let a = operand(a) else { return nil }
                step = .known(a)
            case .and(let a, let b):
                guard let a = operand(a), let b = operand(b) else { return nil }
                step = .and(a, b)
            case .or(let a, let b):
                guard let a = operand(a), let b = operand(b) else { return nil }
                step = .or(a, b)
            case .compare(let op, let a, let b):
                guard let a = operand(a), let b = operand(b) else { return nil }
                if case .slot(let s) = a, case .constant(let k) = b {
                    step = .compareSlot(op, slot: s, constant: k)
                } else {
                    step = .compare(op, a, b)
                }
            case .memberOrdinals(let a, _, let set, let negated):
                guard let a = operand(a) else { return nil }
                step = .memberOrdinals(a, set: set, negated: negated)
            case .memberRange(let a, _, let range, let negated):
                guard let a = operand(a) else { return nil }
                step = .memberRange(a, range: range, negated: negated)
            default:
                return nil
            }
            steps.append(step)
            return .step(steps.count - 1)
        }
        return operand(root)
    }
}
