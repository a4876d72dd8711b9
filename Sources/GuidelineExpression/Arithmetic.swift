/// Checked arithmetic over `Value`s: numbers, intervals and quantities.
///
/// Unknown operands give unknown.
enum Arithmetic {
    static func apply(_ op: BinaryOperator, _ l: Value, _ r: Value) throws(NumberError) -> Value {
        switch (l, r) {
        case (.number(let a), .number(let b)):
            switch op {
            case .add: return .number(try a.adding(b))
            case .subtract: return .number(try a.subtracting(b))
            case .multiply: return .number(try a.multiplied(by: b))
            case .divide: return .number(try a.divided(by: b))
            default: return .unknown
            }
        case (.number, .interval), (.interval, .number), (.interval, .interval):
            guard let a = ThreeValued.bounds(l), let b = ThreeValued.bounds(r) else { return .unknown }
            return try interval(op, a, b)
        case (.quantity(let a), .quantity(let b)):
            switch op {
            case .add:
                return .quantity(
                    Quantity(baseValue: try a.baseValue.adding(b.baseValue), unit: Quantity.finer(a.unit, b.unit)))
            case .subtract:
                return .quantity(
                    Quantity(baseValue: try a.baseValue.subtracting(b.baseValue), unit: Quantity.finer(a.unit, b.unit)))
            case .divide: return .number(try a.baseValue.divided(by: b.baseValue))
            default: return .unknown
            }
        case (.quantity(let q), .number(let n)):
            switch op {
            case .multiply: return .quantity(Quantity(baseValue: try q.baseValue.multiplied(by: n), unit: q.unit))
            case .divide: return .quantity(Quantity(baseValue: try q.baseValue.divided(by: n), unit: q.unit))
            default: return .unknown
            }
        case (.number(let n), .quantity(let q)):
            guard op == .multiply else { return .unknown }
            return .quantity(Quantity(baseValue: try n.multiplied(by: q.baseValue), unit: q.unit))
        default:
            return .unknown
        }
    }

    private static func interval(
        _ op: BinaryOperator, _ a: (lo: Number, hi: Number), _ b: (lo: Number, hi: Number)
    ) throws(NumberError) -> Value {
        switch op {
        case .add: return .between(try a.lo.adding(b.lo), try a.hi.adding(b.hi))
        case .subtract: return .between(try a.lo.subtracting(b.hi), try a.hi.subtracting(b.lo))
        case .multiply:
            return spread([
                try a.lo.multiplied(by: b.lo), try a.lo.multiplied(by: b.hi),
                try a.hi.multiplied(by: b.lo), try a.hi.multiplied(by: b.hi),
            ])
        case .divide:
            if b.lo == .zero && b.hi == .zero { throw .divisionByZero }
            // A divisor that may be zero gives no useful bound.
            if b.lo <= .zero && b.hi >= .zero { return .unknown }
            return spread([
                try a.lo.divided(by: b.lo), try a.lo.divided(by: b.hi),
                try a.hi.divided(by: b.lo), try a.hi.divided(by: b.hi),
            ])
        default: return .unknown
        }
    }

    private static func spread(_ values: [Number]) -> Value {
        guard let lo = values.min(), let hi = values.max() else { return .unknown }
        return .between(lo, hi)
    }

    static func negate(_ v: Value) -> Value {
        switch v {
        case .number(let n): .number(n.negated)
        case .interval(let lo, let hi): .between(hi.negated, lo.negated)
        case .quantity(let q): .quantity(Quantity(baseValue: q.baseValue.negated, unit: q.unit))
        default: .unknown
        }
    }

    static func abs(_ v: Value) -> Value {
        switch v {
        case .number(let n): return .number(n.magnitude)
        case .interval(let lo, let hi):
            if lo >= .zero { return v }
            if hi <= .zero { return .between(hi.negated, lo.negated) }
            return .between(.zero, max(lo.negated, hi))
        case .quantity(let q): return .quantity(Quantity(baseValue: q.baseValue.magnitude, unit: q.unit))
        default: return .unknown
        }
    }

    /// `min` or `max` of numbers, intervals or quantities; unknown if any argument is unknown.
    static func extreme(_ values: [Value], smallest: Bool) -> Value {
        guard let first = values.first else { return .unknown }
        if case .quantity = first {
            var best: Quantity?
            for v in values {
                guard case .quantity(let q) = v else { return .unknown }
                if let b = best, smallest ? !(q < b) : !(b < q) { continue }
                best = q
            }
            return best.map(Value.quantity) ?? .unknown
        }
        var lo: Number?, hi: Number?
        for v in values {
            guard let b = ThreeValued.bounds(v) else { return .unknown }
            if let l = lo, let h = hi {
                lo = smallest ? Swift.min(l, b.lo) : Swift.max(l, b.lo)
                hi = smallest ? Swift.min(h, b.hi) : Swift.max(h, b.hi)
            } else {
                lo = b.lo
                hi = b.hi
            }
        }
        guard let lo, let hi else { return .unknown }
        return .between(lo, hi)
    }
}
