extension ExpressionBlock {
    /// Runs the truth programs of `count` consecutive expressions (at least one), the first starting at
    /// operation `start`, over `slots`, writing each truth to `output` in order (`needsEvaluation` where the
    /// walk would give up).
    ///
    /// `first` is the first expression's index.
    @inline(__always)
    func runTruths(
        first: Int, count: Int, from start: Int, _ slots: UnsafeBufferPointer<Value>,
        _ output: UnsafeMutablePointer<Truth>
    ) {
        // Never nil: `copy` allocates at least one element; a hot path, no unwrapping.
        // swift-format-ignore: NeverForceUnwrap
        let ops = truthOps.baseAddress!
        // swift-format-ignore: NeverForceUnwrap
        let table = truthTable.baseAddress!
        let slotCount = UInt(slots.count)
        var pc = start
        var done = 0
        var acc = TruthProgram.isUnknown
        var stack: UInt64 = 0

        /// A leaf's value as the walk keeps it.
        @inline(__always) func scalar(_ leaf: Int32) -> Scalar {
            if leaf < 0 { return constantScalars[Int(-1 - leaf)] }
            return UInt(bitPattern: Int(leaf)) < slotCount ? Scalar(slots[Int(leaf)]) : .unknown
        }

        while true {
            let o = ops + pc
            // The truth of a leaf, combined below; `continue` where an operation is not a leaf.
            var t: UInt8
            switch o.pointee.code {
            case .end:
                output[done] = Truth(rawValue: acc) ?? .needsEvaluation
                done &+= 1
                if done == count { return }
                acc = TruthProgram.isUnknown
                pc &+= 1
                continue
            case .fail:
                t = TruthProgram.fails
            case .walk:
                t = walkedTruth(Int(o.pointee.a), slots: slots).rawValue
            case .truth:
                t = o.pointee.value
            case .slot:
                if UInt(bitPattern: Int(o.pointee.a)) < slotCount, case .bool(let b) = slots[Int(o.pointee.a)] {
                    t = b ? TruthProgram.isTrue : TruthProgram.isFalse
                } else {
                    t = TruthProgram.isUnknown
                }
            case .knownSlot:
                t =
                    UInt(bitPattern: Int(o.pointee.a)) < slotCount && slots[Int(o.pointee.a)].isKnown
                    ? TruthProgram.isTrue : TruthProgram.isFalse
            case .ordinalEqual:
                t = TruthProgram.isUnknown
                if UInt(bitPattern: Int(o.pointee.a)) < slotCount {
                    switch slots[Int(o.pointee.a)] {
                    case .symbol(_, let i) where ThreeValued.comparableOrdinal(i):
                        t = i == Int(o.pointee.b) ? TruthProgram.isTrue : TruthProgram.isFalse
                    case .unknown:
                        break
                    default:
                        t = general(.equal, o.pointee.a, o.pointee.c, slots)
                    }
                }
            case .ordinal:
                t = TruthProgram.isUnknown
                if UInt(bitPattern: Int(o.pointee.a)) < slotCount {
                    switch slots[Int(o.pointee.a)] {
                    case .symbol(_, let i) where ThreeValued.comparableOrdinal(i):
                        t = TruthProgram.truth(ThreeValued.decide(o.pointee.op, i, Int(o.pointee.b)))
                    case .unknown:
                        break
                    default:
                        t = general(o.pointee.op, o.pointee.a, o.pointee.c, slots)
                    }
                }
            case .number:
                t = TruthProgram.isUnknown
                if UInt(bitPattern: Int(o.pointee.a)) < slotCount {
                    switch slots[Int(o.pointee.a)] {
                    case .number(let n):
                        t = TruthProgram.truth(ThreeValued.decide(o.pointee.op, n, o.pointee.number))
                    case .quantity(let q):
                        t = TruthProgram.truth(ThreeValued.decide(o.pointee.op, q.baseValue, o.pointee.number))
                    case .unknown:
                        break
                    default:
                        t = general(o.pointee.op, o.pointee.a, o.pointee.c, slots)
                    }
                }
            case .memberOrdinals:
                switch scalar(o.pointee.a) {
                case .symbol(_, let ordinal) where ordinal >= 0 && ordinal < 64:
                    t =
                        sets[Int(o.pointee.b)] & (1 << UInt64(ordinal)) != 0
                        ? TruthProgram.isTrue : TruthProgram.isFalse
                case .unknown:
                    t = TruthProgram.isUnknown
                default:
                    t = TruthProgram.fails
                }
            case .memberRange:
                let value = scalar(o.pointee.a)
                let bounds = ranges[Int(o.pointee.b)]
                if let above = Scalar.compare(.greaterOrEqual, value, bounds.lo),
                    let below = Scalar.compare(.lessOrEqual, value, bounds.hi)
                {
                    t = TruthProgram.and(TruthProgram.truth(above), TruthProgram.truth(below))
                } else {
                    t = TruthProgram.fails
                }
            case .compare:
                t =
                    Scalar.compare(o.pointee.op, scalar(o.pointee.a), scalar(o.pointee.b)).map(TruthProgram.truth)
                    ?? TruthProgram.fails
            case .push:
                stack = stack << 2 | UInt64(acc)
                pc &+= 1
                continue
            case .pop:
                // The accumulator is the compound element's truth; the popped truth is the chain's so far.
                t = acc
                acc = UInt8(truncatingIfNeeded: stack & 3)
                stack >>= 2
            case .check:
                // A compound first element of a chain: the chain is decided if its truth is the stop.
                t = acc
            case .known:
                acc = acc == TruthProgram.isUnknown ? TruthProgram.isFalse : TruthProgram.isTrue
                pc &+= 1
                continue
            case .not:
                acc = TruthProgram.not(acc)
                pc &+= 1
                continue
            }
            if t == TruthProgram.fails {
                // Where the walk gives up: this expression needs evaluation.
                output[done] = .needsEvaluation
                done &+= 1
                if done == count { return }
                acc = TruthProgram.isUnknown
                pc = Int(truthStarts[first &+ done])
                continue
            }
            // The new accumulator, plus 4 when it decides a chain, or 8 when it finishes the expression.
            let combined = table[Int(o.pointee.combine) << 4 | Int(acc) << 2 | Int(t)]
            acc = combined & 3
            if combined < 4 {
                pc &+= 1
            } else if combined < 8 {
                pc = Int(o.pointee.target)
            } else {
                output[done] = Truth(rawValue: acc) ?? .needsEvaluation
                done &+= 1
                if done == count { return }
                acc = TruthProgram.isUnknown
                pc = Int(o.pointee.target) &+ 1
            }
        }
    }

    /// A slot compared with a constant by the general rule: a truth, or `TruthProgram.fails` where the walk
    /// gives up.
    @inline(never)
    private func general(
        _ op: BinaryOperator, _ slot: Int32, _ constant: Int32, _ slots: UnsafeBufferPointer<Value>
    ) -> UInt8 {
        let value = UInt(bitPattern: Int(slot)) < UInt(slots.count) ? Scalar(slots[Int(slot)]) : .unknown
        return Scalar.compare(op, value, constantScalars[Int(-1 - constant)]).map(TruthProgram.truth)
            ?? TruthProgram.fails
    }

    /// The truth of expression `index` by its program.
    @inline(__always)
    func runTruth(_ index: Int, _ slots: UnsafeBufferPointer<Value>) -> Truth {
        var result = Truth.needsEvaluation
        runTruths(first: index, count: 1, from: Int(truthStarts[index]), slots, &result)
        return result
    }

    /// The value of expression `index` without a trace from its truth program, when it is compiled and its root
    /// is an operation (whose value is a boolean or unknown); nil otherwise.
    @inline(__always)
    func truthValue(_ index: Int, _ slots: UnsafeBufferPointer<Value>) -> Value? {
        guard truthValued[index] else { return nil }
        switch runTruth(index, slots) {
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .neither: return .unknown
        case .needsEvaluation: return nil
        }
    }
}
