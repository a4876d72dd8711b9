/// A checked expression's operations in the form the evaluator runs: one trivially copyable instruction per node,
/// with constants and variadic operands kept in side tables, all in buffers this object owns, so evaluating
/// copies no arrays and counts no references.
final class Program: @unchecked Sendable {
    /// One node's instruction.
    ///
    /// Payloads are node ids, or indexes into `constants` and `operands`.
    enum Instruction: Sendable {
        case constant(Int)
        case slot(Int)
        case not(Int)
        case negate(Int)
        case and(Int, Int)
        case or(Int, Int)
        case compare(BinaryOperator, Int, Int)
        case member(Int, Int, negated: Bool)
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

    /// The root node's id.
    let root: Int
    /// The instructions, indexed by node id.
    ///
    /// Immutable after `init`, freed in `deinit`.
    let instructions: UnsafeMutableBufferPointer<Instruction>
    /// The constant values the instructions refer to.
    let constants: UnsafeMutableBufferPointer<Value>
    /// The operands of lists and of `min`/`max`, concatenated.
    let operands: UnsafeMutableBufferPointer<Int>

    deinit {
        instructions.deallocate()
        constants.deinitialize().deallocate()
        operands.deallocate()
    }

    init(_ operations: [CheckedExpression.Operation], root: Int) {
        self.root = root
        var constants: [Value] = []
        var operands: [Int] = []
        func span(_ ids: [Int]) -> (Int, Int) {
            defer { operands.append(contentsOf: ids) }
            return (operands.count, ids.count)
        }
        let table: [Instruction] = operations.map { operation in
            switch operation {
            case .constant(let value):
                constants.append(value)
                return .constant(constants.count - 1)
            case .slot(let s): return .slot(s)
            case .not(let a): return .not(a)
            case .negate(let a): return .negate(a)
            case .and(let a, let b): return .and(a, b)
            case .or(let a, let b): return .or(a, b)
            case .compare(let op, let a, let b): return .compare(op, a, b)
            case .member(let a, let b, let negated): return .member(a, b, negated: negated)
            case .arithmetic(let op, let a, let b): return .arithmetic(op, a, b)
            case .range(let a, let b): return .range(a, b)
            case .list(let items):
                let (start, count) = span(items)
                return .list(start: start, count: count)
            case .min(let args):
                let (start, count) = span(args)
                return .min(start: start, count: count)
            case .max(let args):
                let (start, count) = span(args)
                return .max(start: start, count: count)
            case .abs(let a): return .abs(a)
            case .known(let a): return .known(a)
            case .invalid: return .invalid
            }
        }
        self.instructions = Self.copy(table)
        self.constants = Self.copy(constants)
        self.operands = Self.copy(operands)
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }
}
