extension ExpressionBlock {
    /// Runs the truth program starting at `start` over `slots`: `TruthProgram.isTrue`, `isFalse` or `isUnknown`,
    /// or 0 where the walk would give up (the caller then evaluates the expression).
    @inline(__always)
    func runTruth(from start: Int, _ slots: UnsafeBufferPointer<Value>) -> UInt8 {
        let ops = truthOps.baseAddress!
        let count = UInt(slots.count)
        var pc = start
        var acc = TruthProgram.isUnknown
        var stack: UInt64 = 0

        /// A leaf's value as the walk keeps it.
        @inline(__always) func scalar(_ leaf: Int32) -> Scalar {
            if leaf < 0 { return constantScalars[Int(-1 - leaf)] }
            return UInt(bitPattern: Int(leaf)) < count ? Scalar(slots[Int(leaf)]) : .unknown
        }
        /// The comparison of a slot with a constant by the general rule, or nil where the walk gives up.
        @inline(never) func general(_ op: BinaryOperator, _ slot: Int32, _ constant: Int32) -> UInt8? {
            Scalar.compare(op, scalar(slot), scalar(constant)).map(TruthProgram.truth)
        }

        while true {
            let o = ops[pc]
            switch o.code {
            case .end:
                return acc
            case .truth:
                acc = o.value
            case .slot:
                if UInt(bitPattern: Int(o.a)) < count, case .bool(let b) = slots[Int(o.a)] {
                    acc = b ? TruthProgram.isTrue : TruthProgram.isFalse
                } else {
                    acc = TruthProgram.isUnknown
                }
            case .knownSlot:
                acc = UInt(bitPattern: Int(o.a)) < count && slots[Int(o.a)].isKnown ? TruthProgram.isTrue : TruthProgram.isFalse
            case .known:
                acc = acc == TruthProgram.isUnknown ? TruthProgram.isFalse : TruthProgram.isTrue
            case .not:
                acc = TruthProgram.not(acc)
            case .andThen:
                if acc == TruthProgram.isFalse {
                    pc = Int(o.a)
                    continue
                }
                stack = stack << 2 | UInt64(acc)
            case .orElse:
                if acc == TruthProgram.isTrue {
                    pc = Int(o.a)
                    continue
                }
                stack = stack << 2 | UInt64(acc)
            case .andPop:
                acc = TruthProgram.and(UInt8(truncatingIfNeeded: stack & 3), acc)
                stack >>= 2
            case .orPop:
                acc = TruthProgram.or(UInt8(truncatingIfNeeded: stack & 3), acc)
                stack >>= 2
            case .ordinalEqual:
                guard UInt(bitPattern: Int(o.a)) < count else {
                    acc = TruthProgram.isUnknown
                    break
                }
                switch slots[Int(o.a)] {
                case .symbol(_, let i) where ThreeValued.comparableOrdinal(i):
                    acc = (i == Int(o.b)) != o.negated ? TruthProgram.isTrue : TruthProgram.isFalse
                case .unknown:
                    acc = TruthProgram.isUnknown
                default:
                    guard let t = general(o.negated ? .notEqual : .equal, o.a, o.c) else { return 0 }
                    acc = t
                }
            case .ordinal:
                guard UInt(bitPattern: Int(o.a)) < count else {
                    acc = TruthProgram.isUnknown
                    break
                }
                switch slots[Int(o.a)] {
                case .symbol(_, let i) where ThreeValued.comparableOrdinal(i):
                    acc = TruthProgram.truth(ThreeValued.decide(o.op, i, Int(o.b)))
                case .unknown:
                    acc = TruthProgram.isUnknown
                default:
                    guard let t = general(o.op, o.a, o.c) else { return 0 }
                    acc = t
                }
            case .number:
                guard UInt(bitPattern: Int(o.a)) < count else {
                    acc = TruthProgram.isUnknown
                    break
                }
                switch slots[Int(o.a)] {
                case .number(let n):
                    acc = TruthProgram.truth(ThreeValued.decide(o.op, n, o.number))
                case .quantity(let q):
                    acc = TruthProgram.truth(ThreeValued.decide(o.op, q.baseValue, o.number))
                case .unknown:
                    acc = TruthProgram.isUnknown
                default:
                    guard let t = general(o.op, o.a, o.c) else { return 0 }
                    acc = t
                }
            case .memberOrdinals:
                switch scalar(o.a) {
                case .symbol(_, let ordinal) where ordinal >= 0 && ordinal < 64:
                    acc = o.negated != (sets[Int(o.b)] & (1 << UInt64(ordinal)) != 0) ? TruthProgram.isTrue : TruthProgram.isFalse
                case .unknown:
                    acc = TruthProgram.isUnknown
                default:
                    return 0
                }
            case .memberRange:
                let value = scalar(o.a)
                let bounds = ranges[Int(o.b)]
                guard let above = Scalar.compare(.greaterOrEqual, value, bounds.lo),
                    let below = Scalar.compare(.lessOrEqual, value, bounds.hi)
                else { return 0 }
                let inside = TruthProgram.and(TruthProgram.truth(above), TruthProgram.truth(below))
                acc = o.negated ? TruthProgram.not(inside) : inside
            case .compare:
                guard let decided = Scalar.compare(o.op, scalar(o.a), scalar(o.b)) else { return 0 }
                acc = TruthProgram.truth(decided)
            }
            pc += 1
        }
    }

    /// The value of expression `index` without a trace from its truth program, when it has one and its root is
    /// an operation (whose value is a boolean or unknown); nil otherwise.
    @inline(__always)
    func truthValue(_ index: Int, _ slots: UnsafeBufferPointer<Value>) -> Value? {
        let start = truthStarts[index]
        guard start >= 0, entries[index].walkRootIsStep else { return nil }
        switch runTruth(from: Int(start), slots) {
        case TruthProgram.isTrue: return .bool(true)
        case TruthProgram.isFalse: return .bool(false)
        case TruthProgram.isUnknown: return .unknown
        default: return nil
        }
    }
}
