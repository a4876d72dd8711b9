extension ExpressionBlock {
    /// The node count of expression `index` (0 for an index out of range).
    package func nodeCount(of index: Int) -> Int { entries.indices.contains(index) ? entries[index].count : 0 }

    /// The value of expression `index` over `slots` (a slot out of range reads as unknown), using `nodes` (at
    /// least `nodeCount(of: index)` values) for its nodes' values.
    ///
    /// With `tracing`, `nodes` ends holding exactly the trace `ExpressionEvaluator.evaluate(_:slots:recordingInto:)`
    /// records into a buffer of unknowns: every node's value (both sides of `and`/`or`), or after a failure what
    /// that evaluator reached. Without, the result and error are those of the untraced, short-circuiting
    /// `ExpressionEvaluator`, and what `nodes` holds afterwards is unspecified. Allocates nothing unless the
    /// expression builds lists (or has more nodes than fit on the stack).
    package func evaluate(
        _ index: Int, slots: UnsafeBufferPointer<Value>, nodes: UnsafeMutableBufferPointer<Value>, tracing: Bool
    ) throws(EvaluationError) -> Value {
        guard index >= 0, index < entries.count else { return .unknown }
        if !tracing {
            if let value = truthValue(index, slots) { return value }
            if let walk = entries[index].walk, let value = self.walk(walk, slots)?.value { return value }
        }
        return try evaluateInNodeOrder(index, slots: slots, nodes: nodes, tracing: tracing)
    }

    /// The value of expression `index` without a trace where its truth program decides it (the expression is
    /// an operation whose value is a boolean or unknown): what `evaluate(_:slots:nodes:tracing: false)` gives;
    /// nil otherwise.
    package func decidedValue(_ index: Int, slots: UnsafeBufferPointer<Value>) -> Value? {
        guard index >= 0, index < entries.count else { return nil }
        return truthValue(index, slots)
    }

    @inline(never)
    private func evaluateInNodeOrder(
        _ index: Int, slots: UnsafeBufferPointer<Value>, nodes: UnsafeMutableBufferPointer<Value>, tracing: Bool
    ) throws(EvaluationError) -> Value {
        let entry = entries[index]
        if entry.linear, nodes.count >= entry.count {
            let result = withUnsafeTemporaryAllocation(of: Scalar.self, capacity: entry.count) { scalars in
                // Never nil: an entry has a node (its root), and `nodes` at least as many; a hot path.
                // swift-format-ignore: NeverForceUnwrap
                run(entry, slots: slots, nodes: nodes.baseAddress!, scalars: scalars.baseAddress!, tracing: tracing)
            }
            if let result { return result }
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

    /// Computes every node of `entry` in id order, keeping each node's value in `scalars` and, for boxed values
    /// (and every value when `tracing`), in `nodes`.
    ///
    /// Returns the root's value, or nil when a node fails (overflow, division by zero). `entry` is linear (operands are
    /// earlier nodes, constants and operand spans in range) and both buffers hold at least `entry.count` values, so no
    /// access here is out of bounds.
    private func run(
        _ entry: Entry, slots: UnsafeBufferPointer<Value>, nodes: UnsafeMutablePointer<Value>,
        scalars: UnsafeMutablePointer<Scalar>,
        tracing: Bool
    ) -> Value? {
        // Never nil: `copy` allocates at least one element; a hot path.
        // swift-format-ignore: NeverForceUnwrap
        let code = instructions.baseAddress! + entry.start
        /// A node's value as a `Value` (copied from `nodes` when boxed).
        @inline(__always) func value(_ id: Int) -> Value { scalars[id].value ?? nodes[id] }
        for id in 0..<entry.count {
            let scalar: Scalar
            switch code[id] {
            case .constant(let index):
                scalar = constantScalars[index]
                if case .boxed = scalar { Value.store(constants[index], at: nodes + id) }
            case .slot(let s):
                if s >= 0 && s < slots.count {
                    scalar = Scalar(slots[s])
                    if case .boxed = scalar { Value.store(slots[s], at: nodes + id) }
                } else {
                    scalar = .unknown
                }
            case .not(let a):
                if case .bool(let b) = scalars[a] { scalar = .bool(!b) } else { scalar = .unknown }
            case .and(let a, let b):
                scalar = Scalar.and(scalars[a], scalars[b])
            case .or(let a, let b):
                scalar = Scalar.or(scalars[a], scalars[b])
            case .known(let a):
                scalar = .bool(scalars[a].isKnown)
            case .compare(let op, let a, let b):
                scalar =
                    Scalar.compare(op, scalars[a], scalars[b])
                    ?? general(ThreeValued.compare(op, value(a), value(b)), nodes + id)
            case .memberOrdinals(let a, let b, let set, let negated):
                switch scalars[a] {
                case .symbol(_, let ordinal) where ordinal >= 0 && ordinal < 64:
                    scalar = .bool(negated != (sets[set] & (1 << UInt64(ordinal)) != 0))
                case .unknown:
                    scalar = .unknown
                default:
                    scalar = general(Self.negate(ThreeValued.member(value(a), value(b)), negated), nodes + id)
                }
            case .memberRange(let a, let b, let range, let negated):
                let element = scalars[a]
                if let above = Scalar.compare(.greaterOrEqual, element, ranges[range].lo),
                    let below = Scalar.compare(.lessOrEqual, element, ranges[range].hi)
                {
                    let inside = Scalar.and(above, below)
                    if negated, case .bool(let r) = inside { scalar = .bool(!r) } else { scalar = inside }
                } else {
                    scalar = general(Self.negate(ThreeValued.member(value(a), value(b)), negated), nodes + id)
                }
            case .member(let a, let b, let negated):
                scalar = general(Self.negate(ThreeValued.member(value(a), value(b)), negated), nodes + id)
            case .arithmetic(let op, let a, let b):
                do throws(NumberError) {
                    scalar = general(try Arithmetic.apply(op, value(a), value(b)), nodes + id)
                } catch {
                    return nil
                }
            case .negate(let a):
                scalar = general(Arithmetic.negate(value(a)), nodes + id)
            case .abs(let a):
                scalar = general(Arithmetic.abs(value(a)), nodes + id)
            case .range(let a, let b):
                scalar = general(.range(value(a), value(b)), nodes + id)
            case .list(let start, let count):
                scalar = general(.list(values(start, count, value)), nodes + id)
            case .min(let start, let count):
                scalar = general(Arithmetic.extreme(values(start, count, value), smallest: true), nodes + id)
            case .max(let start, let count):
                scalar = general(Arithmetic.extreme(values(start, count, value), smallest: false), nodes + id)
            case .invalid:
                scalar = .unknown
            }
            scalars[id] = scalar
            if tracing, let value = scalar.value { Value.store(value, at: nodes + id) }
        }
        return value(entry.root)
    }

    /// A result of the general path as the loop keeps it, storing it at `pointer` when it is boxed.
    @inline(__always)
    private func general(_ value: consuming Value, _ pointer: UnsafeMutablePointer<Value>) -> Scalar {
        let scalar = Scalar(copy value)
        if case .boxed = scalar { Value.store(value, at: pointer) }
        return scalar
    }

    @inline(__always)
    private static func negate(_ result: Value, _ negated: Bool) -> Value {
        guard negated, case .bool(let r) = result else { return result }
        return .bool(!r)
    }

    private func values(_ start: Int, _ count: Int, _ value: (Int) -> Value) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for position in start..<(start + count) { values.append(value(operands[position])) }
        return values
    }
}
