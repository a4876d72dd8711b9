/// Walked expressions compiled into flat three-valued jump programs, for deciding truths without a trace.
///
/// A program keeps one truth (false, true or unknown, as `ExpressionBlock.Truth`'s raw values) in an
/// accumulator. A chain of `and`s (or of `or`s) is flattened: each element is a leaf (a comparison fused with its
/// operands' loads, such as "slot k == ordinal n" or "slot k >= constant", reading slots in place), which
/// combines its truth into the accumulator through a small table and jumps to the chain's end as soon as the
/// chain is decided (false for `and`, true for `or`), short-circuiting as the walk does. Only a compound
/// element inside a chain (a nested chain of the other kind, a negated or `known` chain) saves the accumulator
/// on a stack of two-bit truths held in one integer. Running a program is one loop with no recursion and no
/// `Value` copies. The programs of a block's expressions lie end to end in expression order, so many
/// expressions are decided in one run.
///
/// An operation meets the same values in the same order as the walk (`ExpressionBlock.walk`) and gives up
/// exactly where the walk would (a text, list or range where a comparison needs a plain value).
enum TruthProgram {
    /// False.
    ///
    /// The truths are `ExpressionBlock.Truth`'s raw values.
    static let isFalse: UInt8 = 0
    /// True.
    static let isTrue: UInt8 = 1
    /// Unknown, or not a boolean.
    static let isUnknown: UInt8 = 2
    /// A leaf's truth where the walk gives up: the expression needs evaluation.
    static let fails: UInt8 = 3
    /// The most truths the stack holds (two bits each in a `UInt64`).
    static let maximumDepth = 32

    /// What an operation does.
    ///
    /// A leaf computes a truth `t` and combines it into the accumulator as its `combine` says; a leaf operand is a slot
    /// index when non-negative, else constant `-1 - operand`.
    enum Code: UInt8, Sendable {
        /// Stop: the accumulator is the expression's truth (a run over many expressions goes on with the next).
        case end
        /// Give up: the expression needs evaluation.
        case fail
        /// Leaf: expression `a`'s truth by the recursive walk (for expressions without a compiled form).
        case walk
        /// Leaf: the constant truth `value`.
        case truth
        /// Leaf: slot `a`'s boolean (any other value is unknown).
        case slot
        /// Leaf: whether slot `a`'s value is known.
        case knownSlot
        /// Leaf: slot `a` `==` constant `c`, an enum value of comparable ordinal `b`.
        case ordinalEqual
        /// Leaf: slot `a` compared (`op`) with constant `c`, an enum value of comparable ordinal `b`.
        case ordinal
        /// Leaf: slot `a` compared (`op`) with constant `c`, a number or quantity whose value (base value) is
        /// `number`.
        case number
        /// Leaf: leaf `a` in a constant list of enum values whose ordinals are the bits of `sets[b]`.
        case memberOrdinals
        /// Leaf: leaf `a` in a constant range whose bounds are `ranges[b]`.
        case memberRange
        /// Leaf: leaf `a` compared (`op`) with leaf `b`.
        case compare
        /// Pushes the accumulator.
        case push
        /// Combines the accumulator (as a leaf's truth) into the popped truth.
        case pop
        /// Leaf: the accumulator (a compound first element of a chain, whose truth may decide the chain).
        case check
        /// Whether the accumulator is known.
        case known
        /// Negates the accumulator.
        case not
    }

    /// How a leaf's truth `t` goes into the accumulator: set, or combined with `and`/`or`; the chain is
    /// decided when the result is `stop`.
    enum Mode: UInt8, Sendable, CaseIterable {
        /// `acc = t` (the chain-free case: never stops).
        case set
        /// `acc = t`, the first element of an `and` chain.
        case firstAnd
        /// `acc = t`, the first element of an `or` chain.
        case firstOr
        /// `acc = acc and t`.
        case and
        /// `acc = acc or t`.
        case or

        /// The result that decides the chain (none for `set`).
        var stop: UInt8? {
            switch self {
            case .set: nil
            case .firstAnd, .and: TruthProgram.isFalse
            case .firstOr, .or: TruthProgram.isTrue
            }
        }

        /// `acc` combined with `t`.
        func apply(_ acc: UInt8, _ t: UInt8) -> UInt8 {
            switch self {
            case .set, .firstAnd, .firstOr: t
            case .and: TruthProgram.and(acc, t)
            case .or: TruthProgram.or(acc, t)
            }
        }
    }

    /// One operation: a code and its operands (unused ones are zero).
    struct Op: Sendable {
        let code: Code
        var op: BinaryOperator = .equal
        /// Row of the combination table (`row(_:negated:root:last:)`).
        var combine: UInt8 = 0
        var value: UInt8 = 0
        var a: Int32 = 0
        var b: Int32 = 0
        var c: Int32 = 0
        /// Where the chain ends (for an element of the expression's own chain, or the expression itself: its
        /// `end`).
        var target: Int32 = 0
        var number = Number.zero
    }

    /// The row of the combination table for a leaf's truth combined as `mode`, negated or not; `root` when
    /// the chain it decides is the whole expression (whose truth it then finishes, rather than jumping), and
    /// `last` when it is the last operation of that chain (which finishes it either way).
    static func row(_ mode: Mode, negated: Bool, root: Bool = false, last: Bool = false) -> UInt8 {
        ((mode.rawValue * 2 + (negated ? 1 : 0)) * 2 + (root ? 1 : 0)) * 2 + (root && last ? 1 : 0)
    }

    /// Whether a row combines into the expression's own chain (so its `target` is the expression's `end`).
    static func isRoot(_ row: UInt8) -> Bool { row & 2 != 0 }

    /// The combination table: entry `row << 4 | acc << 2 | t` is the new accumulator, plus 4 when it decides a
    /// chain (jump to the chain's end) or 8 when it finishes the expression.
    static func combinationTable() -> [UInt8] {
        var table = [UInt8](repeating: isUnknown, count: Int(row(.or, negated: true, root: true, last: true) + 1) << 4)
        for mode in Mode.allCases {
            for negated in [false, true] {
                for (root, last) in [(false, false), (true, false), (true, true)] {
                    for acc in [isTrue, isFalse, isUnknown] {
                        for t in [isTrue, isFalse, isUnknown] {
                            let result = mode.apply(acc, negated ? not(t) : t)
                            let decides = result == mode.stop
                            let flag: UInt8 = root && (decides || last) ? 8 : decides ? 4 : 0
                            table[
                                Int(row(mode, negated: negated, root: root, last: last)) << 4 | Int(acc) << 2 | Int(t)] =
                                result | flag
                        }
                    }
                }
            }
        }
        return table
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

    /// Three-valued `and`.
    @inline(__always)
    static func and(_ l: UInt8, _ r: UInt8) -> UInt8 {
        l == isFalse || r == isFalse ? isFalse : l == isTrue && r == isTrue ? isTrue : isUnknown
    }

    /// Three-valued `or`.
    @inline(__always)
    static func or(_ l: UInt8, _ r: UInt8) -> UInt8 {
        l == isTrue || r == isTrue ? isTrue : l == isFalse && r == isFalse ? isFalse : isUnknown
    }

    /// Three-valued `not`.
    @inline(__always)
    static func not(_ t: UInt8) -> UInt8 { t == isUnknown ? isUnknown : t ^ 1 }

    /// Appends the program of expression `index` to `ops`: its walk's compiled form (returning true) or, when
    /// some operation has none or it does not fit, a program that walks it or, without a walk, gives up.
    static func append(
        _ index: Int, walk root: ExpressionBlock.Operand?, steps: [ExpressionBlock.Step], constants: [Scalar],
        ops: inout [Op]
    ) -> Bool {
        if let root, ops.count < Int32.max / 2 {
            var compiler = Compiler(steps: steps, constants: constants, start: ops.count)
            if compiler.element(root, mode: .set, negated: false, depth: 0, root: true, last: true),
                compiler.ops.count < Int32.max / 2
            {
                let end = Int32(ops.count + compiler.ops.count)
                for position in compiler.ops.indices where isRoot(compiler.ops[position].combine) {
                    compiler.ops[position].target = end
                }
                ops.append(contentsOf: compiler.ops)
                ops.append(Op(code: .end))
                return true
            }
        }
        if root != nil, let a = Int32(exactly: index) {
            ops.append(Op(code: .walk, a: a))
        } else {
            ops.append(Op(code: .fail))
        }
        ops.append(Op(code: .end))
        return false
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

        func step(_ operand: ExpressionBlock.Operand) -> ExpressionBlock.Step? {
            guard case .step(let index) = operand, index >= 0, index < steps.count else { return nil }
            return steps[index]
        }

        /// The elements of the chain of `and`s (or `or`s) rooted at `operand`, in walk order.
        func chain(_ operand: ExpressionBlock.Operand, and: Bool) -> [ExpressionBlock.Operand] {
            switch step(operand) {
            case .and(let a, let b)? where and: chain(a, and: and) + chain(b, and: and)
            case .or(let a, let b)? where !and: chain(a, and: and) + chain(b, and: and)
            default: [operand]
            }
        }

        /// Emits code that combines `operand`'s truth (negated if `negated`) into the accumulator as `mode`
        /// says, jumping to the chain's end (patched by the chain) where it decides the chain; at most
        /// `maximumDepth - depth` more stack entries.
        ///
        /// `root` and `last` as `TruthProgram.row` takes them.
        mutating func element(
            _ operand: ExpressionBlock.Operand, mode: Mode, negated: Bool, depth: Int, root: Bool = false,
            last: Bool = false
        ) -> Bool {
            if case .not(let a)? = step(operand) {
                return element(a, mode: mode, negated: !negated, depth: depth, root: root, last: last)
            }
            if let (leaf, inverted) = leafOp(operand) {
                var op = leaf
                op.combine = TruthProgram.row(mode, negated: negated != inverted, root: root, last: last)
                ops.append(op)
                return true
            }
            // A compound: computed into the accumulator (saved first, unless it is free), then combined.
            let nested = mode == .and || mode == .or
            if nested {
                guard depth < TruthProgram.maximumDepth else { return false }
                ops.append(Op(code: .push))
            }
            let inner = depth + (nested ? 1 : 0)
            switch step(operand) {
            case .and?, .or?:
                var and = false
                if case .and? = step(operand) { and = true }
                let first = ops.count
                let elements = chain(operand, and: and)
                // The whole expression's chain: its elements finish the expression themselves.
                let whole = root && mode == .set && !negated
                for (position, element) in elements.enumerated() {
                    let mode: Mode = position == 0 ? (and ? .firstAnd : .firstOr) : (and ? .and : .or)
                    let last = position == elements.count - 1
                    guard self.element(element, mode: mode, negated: false, depth: inner, root: whole, last: last)
                    else { return false }
                }
                // The stops of this chain's own elements jump to its end (nested chains patched theirs).
                let end = Int32(start + ops.count)
                for position in first..<ops.count
                where ops[position].combine >= TruthProgram.row(.firstAnd, negated: false) && ops[position].target == 0
                {
                    ops[position].target = end
                }
            case .known(let a)?:
                guard element(a, mode: .set, negated: false, depth: inner) else { return false }
                ops.append(Op(code: .known))
            default:
                return false
            }
            if negated { ops.append(Op(code: .not)) }
            if nested {
                ops.append(Op(code: .pop, combine: TruthProgram.row(mode, negated: false, root: root, last: last)))
            } else if mode != .set {
                ops.append(Op(code: .check, combine: TruthProgram.row(mode, negated: false, root: root, last: last)))
            }
            return true
        }

        /// The leaf operation for `operand`, if it is one (combination fields left to the caller), and whether
        /// its truth is negated (`!=`, `not in`).
        func leafOp(_ operand: ExpressionBlock.Operand) -> (Op, Bool)? {
            switch operand {
            case .slot(let s):
                // A slot out of range reads as unknown.
                guard let s = Int32(exactly: s), s >= 0 else {
                    return (Op(code: .truth, value: TruthProgram.isUnknown), false)
                }
                return (Op(code: .slot, a: s), false)
            case .constant(let k):
                guard k >= 0, k < constants.count else { return nil }
                return (Op(code: .truth, value: TruthProgram.truth(constants[k])), false)
            case .step:
                break
            }
            switch step(operand) {
            case .known(let a)?:
                switch a {
                case .slot(let s):
                    guard let s = Int32(exactly: s), s >= 0 else {
                        return (Op(code: .truth, value: TruthProgram.isFalse), false)
                    }
                    return (Op(code: .knownSlot, a: s), false)
                case .constant(let k):
                    guard k >= 0, k < constants.count else { return nil }
                    return (
                        Op(code: .truth, value: constants[k].isKnown ? TruthProgram.isTrue : TruthProgram.isFalse),
                        false
                    )
                case .step:
                    return nil
                }
            case .compare(let op, let a, let b)?:
                guard let l = leaf(a), let r = leaf(b) else { return nil }
                return (Op(code: .compare, op: op, a: l, b: r), false)
            case .compareSlot(let op, let s, let k)?:
                guard let slot = leaf(.slot(s)), let constant = leaf(.constant(k)) else { return nil }
                switch constants[k] {
                case .symbol(_, let ordinal) where ThreeValued.comparableOrdinal(ordinal):
                    guard let ordinal = Int32(exactly: ordinal) else { break }
                    // `!=` is the negated `==` (unknown stays unknown, and the general rule agrees).
                    if op == .equal || op == .notEqual {
                        return (Op(code: .ordinalEqual, a: slot, b: ordinal, c: constant), op == .notEqual)
                    }
                    return (Op(code: .ordinal, op: op, a: slot, b: ordinal, c: constant), false)
                case .number(let n): return (Op(code: .number, op: op, a: slot, c: constant, number: n), false)
                case .quantity(let q):
                    return (Op(code: .number, op: op, a: slot, c: constant, number: q.baseValue), false)
                default: break
                }
                return (Op(code: .compare, op: op, a: slot, b: constant), false)
            case .memberOrdinals(let a, let set, let negated)?:
                // `not in` is the negated `in` (unknown stays unknown).
                guard let element = leaf(a), let set = Int32(exactly: set) else { return nil }
                return (Op(code: .memberOrdinals, a: element, b: set), negated)
            case .memberRange(let a, let range, let negated)?:
                guard let element = leaf(a), let range = Int32(exactly: range) else { return nil }
                return (Op(code: .memberRange, a: element, b: range), negated)
            default:
                return nil
            }
        }
    }
}
