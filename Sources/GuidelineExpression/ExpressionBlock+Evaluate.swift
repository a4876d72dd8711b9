extension ExpressionBlock {
    /// The node count of expression `index` (0 for an index out of range).
    public func nodeCount(of index: Int) -> Int { entries.indices.contains(index) ? entries[index].count : 0 }

    /// The value of expression `index` over `slots` (a slot out of range reads as unknown), using `nodes` (at
    /// least `nodeCount(of: index)` values) for its nodes' values.
    ///
    /// With `tracing`, `nodes` ends holding exactly the trace `ExpressionEvaluator.evaluate(_:slots:recordingInto:)`
    /// records into a buffer of unknowns: every node's value (both sides of `and`/`or`), or after a failure what
    /// that evaluator reached. Without, the result and error are those of the untraced, short-circuiting
    /// `ExpressionEvaluator`, and what `nodes` holds afterwards is unspecified. Allocates nothing unless the
    /// expression builds lists.
    public func evaluate(
        _ index: Int, slots: UnsafeBufferPointer<Value>, nodes: UnsafeMutableBufferPointer<Value>, tracing: Bool
    ) throws(EvaluationError) -> Value {
        guard entries.indices.contains(index) else { return .unknown }
        let entry = entries[index]
        if entry.linear, nodes.count >= entry.count, run(entry, slots: slots, nodes: nodes) {
            return nodes[entry.root]
        }
        // Not in node order, or a node failed: the recursive evaluator decides (and describes the error).
        let checked = expressions[index]
        guard tracing, nodes.count >= entry.count else {
            var trace: [Value]? = nil
            return try ExpressionEvaluator.evaluate(checked, slots: slots, trace: &trace)
        }
        let region = UnsafeMutableBufferPointer(rebasing: nodes[0..<entry.count])
        region.update(repeating: .unknown)
        return try ExpressionEvaluator.evaluate(checked, slots: slots, recordingInto: region)
    }

    /// Computes every node of `entry` in id order into `nodes`; false when a node fails (overflow, division by
    /// zero). `entry` is linear (operands are earlier nodes, constants and operand spans in range) and `nodes`
    /// holds at least `entry.count` values, so no access here is out of bounds.
    private func run(_ entry: Entry, slots: UnsafeBufferPointer<Value>, nodes: UnsafeMutableBufferPointer<Value>) -> Bool {
        let code = instructions.baseAddress! + entry.start
        for id in 0..<entry.count {
            let value: Value
            switch code[id] {
            case .constant(let index):
                value = constants[index]
            case .slot(let s):
                value = s >= 0 && s < slots.count ? slots[s] : .unknown
            case .not(let a):
                if case .bool(let b) = nodes[a] { value = .bool(!b) } else { value = .unknown }
            case .and(let a, let b):
                value = ThreeValued.and(nodes[a], nodes[b])
            case .or(let a, let b):
                value = ThreeValued.or(nodes[a], nodes[b])
            case .compare(let op, let a, let b):
                value = ThreeValued.compare(op, nodes[a], nodes[b])
            case .member(let a, let b, let negated):
                value = Self.negate(ThreeValued.member(nodes[a], nodes[b]), negated)
            case .memberOrdinals(let a, let b, let set, let negated):
                switch nodes[a] {
                case .symbol(_, let ordinal) where ordinal >= 0 && ordinal < 64:
                    value = .bool(negated != (sets[set] & (1 << UInt64(ordinal)) != 0))
                case .unknown:
                    value = .unknown
                default:
                    value = Self.negate(ThreeValued.member(nodes[a], nodes[b]), negated)
                }
            case .arithmetic(let op, let a, let b):
                do throws(NumberError) {
                    value = try Arithmetic.apply(op, nodes[a], nodes[b])
                } catch {
                    return false
                }
            case .negate(let a):
                value = Arithmetic.negate(nodes[a])
            case .abs(let a):
                value = Arithmetic.abs(nodes[a])
            case .known(let a):
                value = .bool(nodes[a].isKnown)
            case .range(let a, let b):
                value = .range(nodes[a], nodes[b])
            case .list(let start, let count):
                value = .list(values(start, count, nodes))
            case .min(let start, let count):
                value = Arithmetic.extreme(values(start, count, nodes), smallest: true)
            case .max(let start, let count):
                value = Arithmetic.extreme(values(start, count, nodes), smallest: false)
            case .invalid:
                value = .unknown
            }
            Self.store(value, nodes.baseAddress! + id)
        }
        return true
    }

    /// Moves `value` into `pointer`, destroying the value there only when it holds a reference (text, a list or
    /// a range): the others have nothing to destroy.
    @inline(__always)
    static func store(_ value: consuming Value, _ pointer: UnsafeMutablePointer<Value>) {
        if pointer.pointee.holdsReference {
            pointer.pointee = value
        } else {
            pointer.initialize(to: value)
        }
    }

    @inline(__always)
    private static func negate(_ result: Value, _ negated: Bool) -> Value {
        guard negated, case .bool(let r) = result else { return result }
        return .bool(!r)
    }

    private func values(_ start: Int, _ count: Int, _ nodes: UnsafeMutableBufferPointer<Value>) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for position in start..<(start + count) { values.append(nodes[operands[position]]) }
        return values
    }
}
