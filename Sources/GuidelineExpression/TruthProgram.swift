/// A walked expression compiled into a flat three-valued jump program, for deciding truths without a trace.
///
/// The program keeps one truth in an accumulator as two bits, "can be true" and "can be false" (unknown sets
/// both), so `and`, `or` and `not` are bit operations. `a and b` runs `a`, jumps past `b` when `a` is false
/// (short-circuiting as the walk does), saves `a` on a stack of two-bit truths held in one integer, runs `b`
/// and combines the two. Comparisons are fused with their operands' loads ("slot k == ordinal n", "slot k >=
/// constant"), reading slots in place, so running a program is one loop with no recursion and no `Value`
/// copies. An operation meets the same values in the same order as the walk (`ExpressionBlock.walk`), and
/// gives up exactly where the walk would (a text, list or range where a comparison needs a plain value).
enum TruthProgram {
    /// True: can be true and not false.
    static let isTrue: UInt8 = 1
    /// False.
    static let isFalse: UInt8 = 2
    /// Unknown, or not a boolean: can be either.
    static let isUnknown: UInt8 = 3
    /// The most truths the stack holds (two bits each in a `UInt64`).
    static let maximumDepth = 32

    /// What an operation does. Leaves set the accumulator; a leaf operand is a slot index when non-negative,
    /// else constant `-1 - operand`.
    enum Code: UInt8, Sendable {
        /// Stop: the accumulator is the expression's truth.
        case end
        /// The constant truth `value`.
        case truth
        /// Slot `a`'s boolean (any other value is unknown).
        case slot
        /// Whether slot `a`'s value is known.
        case knownSlot
        /// Whether the accumulator is known.
        case known
        /// Negates the accumulator.
        case not
        /// Jumps to operation `a` if the accumulator is false; otherwise pushes it.
        case andThen
        /// Jumps to operation `a` if the accumulator is true; otherwise pushes it.
        case orElse
        /// The popped truth and the accumulator.
        case andPop
        /// The popped truth or the accumulator.
        case orPop
        /// Slot `a` `==` (`!=` when `negated`) constant `c`, an enum value of comparable ordinal `b`.
        case ordinalEqual
        /// Slot `a` compared (`op`) with constant `c`, an enum value of comparable ordinal `b`.
        case ordinal
        /// Slot `a` compared (`op`) with constant `c`, a number or quantity whose value (base value) is `number`.
        case number
        /// Leaf `a` in (not in, when `negated`) a constant list of enum values whose ordinals are the bits of
        /// `sets[b]`.
        case memberOrdinals
        /// Leaf `a` in (not in, when `negated`) a constant range whose bounds are `ranges[b]`.
        case memberRange
        /// Leaf `a` compared (`op`) with leaf `b`.
        case compare
    }

    /// One operation: a code and its operands (unused ones are zero).
    struct Op: Sendable {
        let code: Code
        var op: BinaryOperator = .equal
        var negated = false
        var value: UInt8 = 0
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
        var number = Number.zero
    }

    /// The truth of a decided comparison (nil: unknown).
    @inline(__always)
    static func truth(_ decided: Bool?) -> UInt8 {
        guard let decided else { return isUnknown }
        return decided ? isTrue : isFalse
    }

    /// The truth of a value as `and`/`or` read it: a boolean, or unknown.
    @inline(__always)
    static func truth(_ scalar: Scalar) -> UInt8 {
        if case .bool(let b) = scalar { return b ? isTrue : isFalse }
        return isUnknown
    }

    /// `and` over two-bit truths.
    @inline(__always)
    static func and(_ l: UInt8, _ r: UInt8) -> UInt8 { (l & r & isTrue) | ((l | r) & isFalse) }

    /// `or` over two-bit truths.
    @inline(__always)
    static func or(_ l: UInt8, _ r: UInt8) -> UInt8 { ((l | r) & isTrue) | (l & r & isFalse) }

    /// `not` over two-bit truths.
    @inline(__always)
    static func not(_ t: UInt8) -> UInt8 { ((t & isTrue) << 1) | ((t & isFalse) >> 1) }

    /// Appends the program of the walk rooted at `root` to `ops`, returning where it starts, or nil (appending
    /// nothing) when some operation has no compiled form or the program would not fit (`Int32` indexes, a stack
    /// deeper than `maximumDepth`).
    static func compile(
        _ root: ExpressionBlock.Operand, steps: [ExpressionBlock.Step], constants: [Scalar], ops: inout [Op]
    ) -> Int? {
        var compiler = Compiler(steps: steps, constants: constants, start: ops.count)
        guard ops.count < Int32.max / 2, compiler.emit(root, depth: 0), compiler.ops.count < Int32.max / 2 else { return nil }
        compiler.ops.append(Op(code: .end))
        ops.append(contentsOf: compiler.ops)
        return compiler.start
    }

    /// Emits the operations of one walk.
    private struct Compiler {
        let steps: [ExpressionBlock.Step]
        let constants: [Scalar]
        /// Where the emitted operations will start in the whole program (jump targets are absolute).
        let start: Int
        var ops: [Op] = []

        init(steps: [ExpressionBlock.Step], constants: [Scalar], start: Int) {
            self.steps = steps
            self.constants = constants
            self.start = start
        }

        /// A leaf operand (a slot, or a constant as `-1 - index`), if `operand` is one that fits.
        func leaf(_ operand: ExpressionBlock.Operand) -> Int32? {
            switch operand {
            case .slot(let s): return Int32(exactly: s).flatMap { $0 >= 0 ? $0 : nil }
            case .constant(let k): return k >= 0 && k < constants.count ? Int32(exactly: -1 - k) : nil
            case .step: return nil
            }
        }

        /// Emits `operand`'s truth into the accumulator, using at most `maximumDepth - depth` more stack entries.
        mutating func emit(_ operand: ExpressionBlock.Operand, depth: Int) -> Bool {
            switch operand {
            case .slot(let s):
                // A slot out of range reads as unknown.
                guard let s = Int32(exactly: s), s >= 0 else { return append(Op(code: .truth, value: TruthProgram.isUnknown)) }
                return append(Op(code: .slot, a: s))
            case .constant(let k):
                guard k >= 0, k < constants.count else { return false }
                return append(Op(code: .truth, value: TruthProgram.truth(constants[k])))
            case .step(let index):
                guard index >= 0, index < steps.count else { return false }
                return emit(step: steps[index], depth: depth)
            }
        }

        private mutating func emit(step: ExpressionBlock.Step, depth: Int) -> Bool {
            switch step {
            case .not(let a):
                return emit(a, depth: depth) && append(Op(code: .not))
            case .known(let a):
                switch a {
                case .slot(let s):
                    guard let s = Int32(exactly: s), s >= 0 else { return append(Op(code: .truth, value: TruthProgram.isFalse)) }
                    return append(Op(code: .knownSlot, a: s))
                case .constant(let k):
                    guard k >= 0, k < constants.count else { return false }
                    return append(Op(code: .truth, value: constants[k].isKnown ? TruthProgram.isTrue : TruthProgram.isFalse))
                case .step:
                    return emit(a, depth: depth) && append(Op(code: .known))
                }
            case .and(let a, let b):
                return emitJunction(a, b, depth: depth, and: true)
            case .or(let a, let b):
                return emitJunction(a, b, depth: depth, and: false)
            case .compare(let op, let a, let b):
                guard let l = leaf(a), let r = leaf(b) else { return false }
                return append(Op(code: .compare, op: op, a: l, b: r))
            case .compareSlot(let op, let s, let k):
                guard let slot = Int32(exactly: s), slot >= 0, k >= 0, k < constants.count, let constant = Int32(exactly: -1 - k) else {
                    guard let l = leaf(.slot(s)), let r = leaf(.constant(k)) else { return false }
                    return append(Op(code: .compare, op: op, a: l, b: r))
                }
                switch constants[k] {
                case .symbol(_, let ordinal) where ThreeValued.comparableOrdinal(ordinal):
                    guard let ordinal = Int32(exactly: ordinal) else { return append(Op(code: .compare, op: op, a: slot, b: constant)) }
                    if op == .equal || op == .notEqual {
                        return append(Op(code: .ordinalEqual, negated: op == .notEqual, a: slot, b: ordinal, c: constant))
                    }
                    return append(Op(code: .ordinal, op: op, a: slot, b: ordinal, c: constant))
                case .number(let n): return append(Op(code: .number, op: op, a: slot, c: constant, number: n))
                case .quantity(let q): return append(Op(code: .number, op: op, a: slot, c: constant, number: q.baseValue))
                default: return append(Op(code: .compare, op: op, a: slot, b: constant))
                }
            case .memberOrdinals(let a, let set, let negated):
                guard let element = leaf(a), let set = Int32(exactly: set) else { return false }
                return append(Op(code: .memberOrdinals, negated: negated, a: element, b: set))
            case .memberRange(let a, let range, let negated):
                guard let element = leaf(a), let range = Int32(exactly: range) else { return false }
                return append(Op(code: .memberRange, negated: negated, a: element, b: range))
            }
        }

        /// `a and b` / `a or b`: `a`, a jump past the rest when `a` decides, `b`, the combination.
        private mutating func emitJunction(_ a: ExpressionBlock.Operand, _ b: ExpressionBlock.Operand, depth: Int, and: Bool) -> Bool {
            guard depth < TruthProgram.maximumDepth, emit(a, depth: depth) else { return false }
            let jump = ops.count
            ops.append(Op(code: .end))
            guard emit(b, depth: depth + 1), append(Op(code: and ? .andPop : .orPop)) else { return false }
            let target = Int32(start + ops.count)
            ops[jump] = Op(code: and ? .andThen : .orElse, a: target)
            return true
        }

        private mutating func append(_ op: Op) -> Bool {
            ops.append(op)
            return true
        }
    }
}
