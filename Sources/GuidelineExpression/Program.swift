/// A checked expression's operations in the form the evaluator runs: one trivially copyable instruction per node,
/// with constants and variadic operands kept in side tables, so evaluating copies no arrays.
struct Program: Sendable {
    /// One node's instruction. Payloads are node ids, or indexes into `constants` and `operands`.
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

    /// The instructions, indexed by node id.
    let instructions: [Instruction]
    /// The constant values the instructions refer to.
    let constants: [Value]
    /// The operands of lists and of `min`/`max`, concatenated.
    let operands: [Int]

    init(_ operations: [CheckedExpression.Operation]) {
        var constants: [Value] = []
        var operands: [Int] = []
        func span(_ ids: [Int]) -> (Int, Int) {
            defer { operands.append(contentsOf: ids) }
            return (operands.count, ids.count)
        }
        instructions = operations.map { operation in
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
        self.constants = constants
        self.operands = operands
    }
}
