/// Many checked expressions laid end to end in one instruction stream that runs in node order, for evaluators
/// that decide many expressions per case (every rule condition, derived value and table cell of a ruleset).
///
/// The parser numbers a node after its operands, so running an expression's nodes in id order computes every
/// operand before its use: one loop computes every node, with no recursion, keeping values that hold no
/// reference as plain data (`Scalar`) and writing `Value`s only where a trace is recorded or a value holds a
/// reference. Lists and ranges of constants are built once, here; membership in a constant list of enum values
/// is a bit test, and in a constant range two comparisons. Without a trace, an expression of logic, comparisons
/// and membership is decided by its truth program (`TruthProgram`: a flat three-valued jump program,
/// short-circuiting, with slots and constants read in place; the programs of all expressions lie end to end,
/// so `truths(_:slots:into:)` decides a range of them in one run), or walked from its root where it has no
/// compiled program. An expression that cannot run in node order (which the checker never makes) or whose
/// evaluation fails (overflow, division by zero) is evaluated again by `ExpressionEvaluator`, so results,
/// traces and errors are always the ones `ExpressionEvaluator` gives.
///
/// Immutable after `init` and `Sendable`.
package final class ExpressionBlock: @unchecked Sendable {
    /// One node's work.
    ///
    /// Operands are node ids of the same expression, each smaller than the node's own id.
    enum Instruction: Sendable {
        /// `constants[index]`.
        case constant(Int)
        case slot(Int)
        case not(Int)
        case negate(Int)
        case and(Int, Int)
        case or(Int, Int)
        case compare(BinaryOperator, Int, Int)
        case member(Int, Int, negated: Bool)
        /// Membership of an element in a constant, non-empty list of enum values (the second node) whose ordinals
        /// are the bits of `sets[set]`.
        case memberOrdinals(Int, Int, set: Int, negated: Bool)
        /// Membership of an element in a constant range (the second node) whose bounds, neither boxed, are
        /// `ranges[range]`.
        case memberRange(Int, Int, range: Int, negated: Bool)
        case arithmetic(BinaryOperator, Int, Int)
        case range(Int, Int)
        /// Operands `operands[start..<start+count]`.
        case list(start: Int, count: Int)
        case min(start: Int, count: Int)
        case max(start: Int, count: Int)
        case abs(Int)
        case known(Int)
        case invalid
    }

    /// Where one expression's instructions are.
    struct Entry: Sendable {
        /// Its first instruction in `instructions`.
        let start: Int
        /// Its node count.
        let count: Int
        /// Its root's node id.
        let root: Int
        /// Whether it runs in node order (operands before users, every node reachable from the root).
        let linear: Bool
        /// Its root's operand in the untraced walk, if every node has a walked form.
        let walk: Operand?

        /// Whether the walk's root is an operation, whose value is a boolean or unknown.
        var walkRootIsStep: Bool {
            if case .step? = walk { return true }
            return false
        }
    }

    /// The expressions, by index.
    package let expressions: [CheckedExpression]
    let entries: [Entry]
    /// Every expression's instructions, one per node, concatenated.
    ///
    /// Immutable after `init`, freed in `deinit`.
    let instructions: UnsafeMutableBufferPointer<Instruction>
    /// The constants the instructions refer to (literals, and lists and ranges of literals).
    let constants: UnsafeMutableBufferPointer<Value>
    /// The operands of lists and of `min`/`max`, concatenated (node ids).
    let operands: UnsafeMutableBufferPointer<Int>
    /// Each constant as the loop keeps it.
    let constantScalars: UnsafeMutableBufferPointer<Scalar>
    /// The ordinal sets of `memberOrdinals`.
    let sets: UnsafeMutableBufferPointer<UInt64>
    /// The bounds of `memberRange`.
    let ranges: UnsafeMutableBufferPointer<(lo: Scalar, hi: Scalar)>
    /// The steps of the untraced walks.
    let steps: UnsafeMutableBufferPointer<Step>
    /// Every expression's truth program (`TruthProgram`), in expression order, end to end.
    let truthOps: UnsafeMutableBufferPointer<TruthProgram.Op>
    /// Where each expression's truth program starts in `truthOps`.
    let truthStarts: UnsafeMutableBufferPointer<Int32>
    /// Whether each expression's truth program is its compiled walk (rather than a call of the walk, or a
    /// refusal).
    let truthCompiled: [Bool]
    /// Whether each expression's value without a trace is what its truth program decides: compiled, and an
    /// operation (whose value is a boolean or unknown) rather than a slot or constant.
    let truthValued: UnsafeMutableBufferPointer<Bool>
    /// `TruthProgram.combinationTable()`.
    let truthTable: UnsafeMutableBufferPointer<UInt8>
    /// The largest node count of any expression: the size of a buffer that can hold any one's node values.
    package let largestNodeCount: Int

    deinit {
        instructions.deallocate()
        constants.deinitialize().deallocate()
        operands.deallocate()
        constantScalars.deallocate()
        sets.deallocate()
        ranges.deallocate()
        steps.deallocate()
        truthOps.deallocate()
        truthStarts.deallocate()
        truthTable.deallocate()
        truthValued.deallocate()
    }

    /// Lays out `expressions`; expression `i` is evaluated by `evaluate(i, ...)`.
    package init(_ expressions: [CheckedExpression]) {
        self.expressions = expressions
        var builder = Builder()
        entries = expressions.map { builder.add($0) }
        largestNodeCount = expressions.map(\.nodeCount).max() ?? 0
        instructions = Self.copy(builder.instructions)
        constants = Self.copy(builder.constants)
        operands = Self.copy(builder.operands)
        constantScalars = Self.copy(builder.constants.map(Scalar.init))
        sets = Self.copy(builder.sets)
        ranges = Self.copy(builder.ranges)
        steps = Self.copy(builder.steps)
        let scalars = builder.constants.map(Scalar.init)
        var ops: [TruthProgram.Op] = []
        var starts: [Int32] = []
        var compiled: [Bool] = []
        for (index, entry) in entries.enumerated() {
            starts.append(Int32(clamping: ops.count))
            compiled.append(
                TruthProgram.append(index, walk: entry.walk, steps: builder.steps, constants: scalars, ops: &ops))
        }
        // Every start must fit (a block of over a billion operations is refused whole: every truth walks).
        if ops.count >= Int32.max {
            ops = []
            starts = []
            compiled = []
            for index in entries.indices {
                starts.append(Int32(clamping: ops.count))
                compiled.append(TruthProgram.append(index, walk: nil, steps: [], constants: [], ops: &ops))
            }
        }
        truthOps = Self.copy(ops)
        truthStarts = Self.copy(starts)
        truthCompiled = compiled
        truthValued = Self.copy(zip(compiled, entries).map { $0 && $1.walkRootIsStep })
        truthTable = Self.copy(TruthProgram.combinationTable())
    }

    /// The number of expressions.
    package var count: Int { entries.count }

    /// Whether expression `index` runs in node order (true for everything the checker makes; for tests).
    package func runsInNodeOrder(_ index: Int) -> Bool { entries.indices.contains(index) && entries[index].linear }

    /// Whether expression `index` is walked when evaluated without a trace (for tests).
    package func isWalked(_ index: Int) -> Bool { entries.indices.contains(index) && entries[index].walk != nil }

    /// Whether expression `index` has a truth program (for tests).
    package func hasTruthProgram(_ index: Int) -> Bool { entries.indices.contains(index) && truthCompiled[index] }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// Translates checked expressions' programs into the block's instructions.
    private struct Builder {
        var instructions: [Instruction] = []
        var constants: [Value] = []
        var operands: [Int] = []
        var sets: [UInt64] = []
        var ranges: [(lo: Scalar, hi: Scalar)] = []
        var steps: [Step] = []

        mutating func add(_ checked: CheckedExpression) -> Entry {
            let program = checked.program
            let count = checked.nodeCount
            let start = instructions.count
            let linear = Self.runsInNodeOrder(program, count: count)
            guard linear else {
                instructions.append(contentsOf: repeatElement(.invalid, count: count))
                return Entry(start: start, count: count, root: program.root, linear: false, walk: nil)
            }
            // The constant value of each node so far, if it has one (literals, and lists and ranges of them).
            var known: [Value?] = []
            known.reserveCapacity(count)
            for id in 0..<count {
                let (instruction, value) = translate(program.instructions[id], program, known)
                instructions.append(instruction)
                known.append(value)
            }
            let walk = ExpressionBlock.walkRoot(
                instructions[start..<(start + count)], root: program.root, steps: &steps)
            return Entry(start: start, count: count, root: program.root, linear: true, walk: walk)
        }

        private mutating func constant(_ value: Value) -> (Instruction, Value?) {
            constants.append(value)
            return (.constant(constants.count - 1), value)
        }

        private func ids(_ program: Program, _ start: Int, _ count: Int) -> [Int] {
            (start..<(start + count)).map { program.operands[$0] }
        }

        private mutating func span(_ ids: [Int]) -> (Int, Int) {
            defer { operands.append(contentsOf: ids) }
            return (operands.count, ids.count)
        }

        private mutating func translate(
            _ instruction: Program.Instruction, _ program: Program, _ known: [Value?]
        ) -> (Instruction, Value?) {
            switch instruction {
            case .constant(let index): return constant(program.constants[index])
            case .slot(let s): return (.slot(s), nil)
            case .not(let a): return (.not(a), nil)
            case .negate(let a): return (.negate(a), nil)
            case .and(let a, let b): return (.and(a, b), nil)
            case .or(let a, let b): return (.or(a, b), nil)
            case .compare(let op, let a, let b): return (.compare(op, a, b), nil)
            case .member(let a, let b, let negated):
                if let ordinals = Self.ordinalSet(known[b]) {
                    sets.append(ordinals)
                    return (.memberOrdinals(a, b, set: sets.count - 1, negated: negated), nil)
                }
                if case .range(let lo, let hi)? = known[b], !lo.holdsReference, !hi.holdsReference {
                    ranges.append((Scalar(lo), Scalar(hi)))
                    return (.memberRange(a, b, range: ranges.count - 1, negated: negated), nil)
                }
                return (.member(a, b, negated: negated), nil)
            case .arithmetic(let op, let a, let b): return (.arithmetic(op, a, b), nil)
            case .range(let a, let b):
                if let lo = known[a], let hi = known[b] { return constant(.range(lo, hi)) }
                return (.range(a, b), nil)
            case .list(let start, let count):
                let items = ids(program, start, count)
                let values = items.compactMap { known[$0] }
                if values.count == items.count { return constant(.list(values)) }
                let (s, c) = span(items)
                return (.list(start: s, count: c), nil)
            case .min(let start, let count):
                let (s, c) = span(ids(program, start, count))
                return (.min(start: s, count: c), nil)
            case .max(let start, let count):
                let (s, c) = span(ids(program, start, count))
                return (.max(start: s, count: c), nil)
            case .abs(let a): return (.abs(a), nil)
            case .known(let a): return (.known(a), nil)
            case .invalid: return (.invalid, nil)
            }
        }

        /// The ordinals of a constant, non-empty list of enum values, all below 64, as bits.
        static func ordinalSet(_ value: Value?) -> UInt64? {
            guard case .list(let items)? = value, !items.isEmpty else { return nil }
            var bits: UInt64 = 0
            for item in items {
                guard case .symbol(_, let ordinal) = item, ordinal >= 0, ordinal < 64 else { return nil }
                bits |= 1 << UInt64(ordinal)
            }
            return bits
        }

        /// Whether every operand of every node is a smaller node id and every node is reachable from the root,
        /// so that running the nodes in id order computes exactly what the recursive evaluator computes.
        static func runsInNodeOrder(_ program: Program, count: Int) -> Bool {
            guard program.instructions.count == count, program.root >= 0, program.root < count else { return false }
            var children: [[Int]] = []
            children.reserveCapacity(count)
            for id in 0..<count {
                let ids: [Int]
                switch program.instructions[id] {
                case .constant(let index):
                    guard index >= 0, index < program.constants.count else { return false }
                    ids = []
                case .slot, .invalid: ids = []
                case .not(let a), .negate(let a), .abs(let a), .known(let a): ids = [a]
                case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _),
                    .arithmetic(_, let a, let b), .range(let a, let b):
                    ids = [a, b]
                case .list(let start, let n), .min(let start, let n), .max(let start, let n):
                    guard start >= 0, n >= 0, start + n <= program.operands.count else { return false }
                    ids = (start..<(start + n)).map { program.operands[$0] }
                }
                guard ids.allSatisfy({ $0 >= 0 && $0 < id }) else { return false }
                children.append(ids)
            }
            var reached = [Bool](repeating: false, count: count)
            var stack = [program.root]
            while let id = stack.popLast() {
                guard !reached[id] else { continue }
                reached[id] = true
                stack.append(contentsOf: children[id])
            }
            return !reached.contains(false)
        }
    }
}
