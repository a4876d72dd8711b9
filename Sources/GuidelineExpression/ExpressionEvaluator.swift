/// Evaluates checked expressions over slot values with three-valued logic; never traps.
///
/// `false and unknown` is false, `true or unknown` is true; otherwise an unknown operand makes an unknown
/// result. Comparisons and `in` on intervals are known when the whole interval decides them, and arithmetic on
/// intervals gives intervals. `known(x)` is never unknown. Overflow and division by zero throw `EvaluationError`.
package enum ExpressionEvaluator: Sendable {
    /// The value of `checked` given the slot values (a slot out of range reads as unknown).
    package static func evaluate(_ checked: CheckedExpression, slots: [Value]) throws(EvaluationError) -> Value {
        var trace: [Value]? = nil
        return try evaluate(checked, slots: slots, trace: &trace)
    }

    /// The value of `checked`; when `trace` is non-nil it is replaced by the value of every node, indexed by
    /// node id.
    ///
    /// While tracing, both sides of `and`/`or` are evaluated (an error in a side that did not matter is ignored and
    /// leaves that side's nodes unknown), so explanations can show every value.
    package static func evaluate(
        _ checked: CheckedExpression, slots: [Value], trace: inout [Value]?
    ) throws(EvaluationError) -> Value {
        let result: Result<Value, EvaluationError> = slots.withUnsafeBufferPointer { buffer in
            do throws(EvaluationError) {
                return .success(try evaluate(checked, slots: buffer, trace: &trace))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The value of `checked` over a buffer of slot values, optionally recording a trace (see above).
    package static func evaluate(
        _ checked: CheckedExpression, slots: UnsafeBufferPointer<Value>, trace: inout [Value]?
    ) throws(EvaluationError) -> Value {
        guard trace != nil else { return try run(checked, slots: slots, trace: nil) }
        var buffer = [Value](repeating: .unknown, count: checked.nodeCount)
        defer { trace = buffer }
        return try buffer.withUnsafeMutableBufferPointer { (recorded) throws(EvaluationError) -> Value in
            try evaluate(checked, slots: slots, recordingInto: recorded)
        }
    }

    /// The value of `checked`, recording the value of every node into `trace` (indexed by node id; a caller's
    /// buffer of at least `checked.nodeCount` values, for example one region of a whole case's trace).
    ///
    /// Nodes that were not evaluated keep what the buffer held. Allocates nothing unless the expression builds lists.
    package static func evaluate(
        _ checked: CheckedExpression, slots: UnsafeBufferPointer<Value>,
        recordingInto trace: UnsafeMutableBufferPointer<Value>
    ) throws(EvaluationError) -> Value {
        try run(checked, slots: slots, trace: trace.count >= checked.nodeCount ? trace : nil)
    }

    private static func run(
        _ checked: CheckedExpression, slots: UnsafeBufferPointer<Value>, trace: UnsafeMutableBufferPointer<Value>?
    ) throws(EvaluationError) -> Value {
        // `checked` (and so its storage and program) outlives this call: the machine refers to them uncounted.
        let storage = checked.storage
        var machine = EvaluationMachine(storage: storage, program: storage.program, slots: slots, trace: trace)
        return try machine.eval(machine.program.root)
    }
}

/// One evaluation's state.
struct EvaluationMachine {
    unowned(unsafe) let storage: CheckedExpression.Storage
    unowned(unsafe) let program: Program
    let slots: UnsafeBufferPointer<Value>
    let trace: UnsafeMutableBufferPointer<Value>?
    var tracing: Bool { trace != nil }
    var instructions: UnsafeMutableBufferPointer<Program.Instruction> { program.instructions }

    func failure(_ kind: NumberError, _ id: Int) -> EvaluationError {
        EvaluationError(
            kind: kind, node: id, span: storage.parsed.node(id)?.span ?? 0..<0, source: storage.parsed.source(of: id))
    }

    /// Evaluates a side whose value cannot change the result (tracing only): errors leave it unknown.
    mutating func evalIgnoringErrors(_ id: Int) -> Value {
        do throws(EvaluationError) { return try eval(id) } catch { return .unknown }
    }

    mutating func eval(_ id: Int) throws(EvaluationError) -> Value {
        guard id >= 0, id < instructions.count else { return .unknown }
        let value = try compute(id, instructions[id])
        if let trace { trace[id] = value }
        return value
    }

    private mutating func evalAll(start: Int, count: Int) throws(EvaluationError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for position in start..<(start + count) where program.operands.indices.contains(position) {
            values.append(try eval(program.operands[position]))
        }
        return values
    }

    private mutating func compute(_ id: Int, _ op: Program.Instruction) throws(EvaluationError) -> Value {
        switch op {
        case .constant(let index):
            return index < program.constants.count ? program.constants[index] : .unknown
        case .slot(let s):
            return s >= 0 && s < slots.count ? slots[s] : .unknown
        case .not(let a):
            guard case .bool(let b) = try eval(a) else { return .unknown }
            return .bool(!b)
        case .and(let a, let b):
            let l = try eval(a)
            if case .bool(false) = l {
                if tracing { _ = evalIgnoringErrors(b) }
                return l
            }
            return ThreeValued.and(l, try eval(b))
        case .or(let a, let b):
            let l = try eval(a)
            if case .bool(true) = l {
                if tracing { _ = evalIgnoringErrors(b) }
                return l
            }
            return ThreeValued.or(l, try eval(b))
        case .compare(let op, let a, let b):
            return ThreeValued.compare(op, try eval(a), try eval(b))
        case .member(let a, let b, let negated):
            let result = ThreeValued.member(try eval(a), try eval(b))
            guard negated, case .bool(let r) = result else { return result }
            return .bool(!r)
        case .arithmetic(let op, let a, let b):
            let l = try eval(a)
            let r = try eval(b)
            do throws(NumberError) {
                return try Arithmetic.apply(op, l, r)
            } catch {
                throw failure(error, id)
            }
        case .negate(let a):
            return Arithmetic.negate(try eval(a))
        case .abs(let a):
            return Arithmetic.abs(try eval(a))
        case .known(let a):
            return .bool(try eval(a).isKnown)
        case .min(let start, let count):
            return Arithmetic.extreme(try evalAll(start: start, count: count), smallest: true)
        case .max(let start, let count):
            return Arithmetic.extreme(try evalAll(start: start, count: count), smallest: false)
        case .range(let a, let b):
            return .range(try eval(a), try eval(b))
        case .list(let start, let count):
            return .list(try evalAll(start: start, count: count))
        case .invalid:
            return .unknown
        }
    }
}
