/// Three-valued logic, comparisons and membership over `Value`s, with intervals.
enum ThreeValued {
    static func and(_ l: Value, _ r: Value) -> Value {
        if l == .bool(false) || r == .bool(false) { return .bool(false) }
        if l == .bool(true) && r == .bool(true) { return .bool(true) }
        return .unknown
    }

    static func or(_ l: Value, _ r: Value) -> Value {
        if l == .bool(true) || r == .bool(true) { return .bool(true) }
        if l == .bool(false) && r == .bool(false) { return .bool(false) }
        return .unknown
    }

    /// The interval a value is known to lie in, in a common numeric order: numbers, intervals, quantities
    /// (base value), enum values (ordinal), booleans (0/1). Nil for unknown, text, lists and ranges.
    static func bounds(_ v: Value) -> (lo: Number, hi: Number)? {
        switch v {
        case .number(let n): return (n, n)
        case .interval(let lo, let hi): return (lo, hi)
        case .quantity(let q): return (q.baseValue, q.baseValue)
        case .symbol(_, let i):
            let n = Number(exactly: i) ?? .zero
            return (n, n)
        case .bool(let b): return b ? (.one, .one) : (.zero, .zero)
        default: return nil
        }
    }

    static func compare(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value {
        if l == .unknown || r == .unknown { return .unknown }
        guard let a = bounds(l), let b = bounds(r) else {
            return compareOther(op, l, r)
        }
        func decide(_ isTrue: Bool, _ isFalse: Bool) -> Value {
            isTrue ? .bool(true) : isFalse ? .bool(false) : .unknown
        }
        switch op {
        case .less: return decide(a.hi < b.lo, a.lo >= b.hi)
        case .lessOrEqual: return decide(a.hi <= b.lo, a.lo > b.hi)
        case .greater: return decide(a.lo > b.hi, a.hi <= b.lo)
        case .greaterOrEqual: return decide(a.lo >= b.hi, a.hi < b.lo)
        case .equal, .notEqual:
            let equal = a.lo == a.hi && b.lo == b.hi && a.lo == b.lo
            let disjoint = a.hi < b.lo || b.hi < a.lo
            let result = decide(equal, disjoint)
            guard op == .notEqual, case .bool(let x) = result else { return result }
            return .bool(!x)
        default: return .unknown
        }
    }

    private static func containsUnknown(_ v: Value) -> Bool {
        switch v {
        case .unknown, .interval: true
        case .list(let items): items.contains(where: containsUnknown)
        case .range(let a, let b): containsUnknown(a) || containsUnknown(b)
        default: false
        }
    }

    private static func compareOther(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value {
        if case .string(let a) = l, case .string(let b) = r {
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterOrEqual: return .bool(a >= b)
            default: return .unknown
            }
        }
        guard op == .equal || op == .notEqual, !containsUnknown(l), !containsUnknown(r) else { return .unknown }
        return .bool((l == r) == (op == .equal))
    }

    static func member(_ element: Value, _ collection: Value) -> Value {
        switch collection {
        case .list(let items):
            var result = Value.bool(false)
            for item in items {
                result = or(result, compare(.equal, element, item))
                if result == .bool(true) { return result }
            }
            return result
        case .range(let lo, let hi):
            return and(compare(.greaterOrEqual, element, lo), compare(.lessOrEqual, element, hi))
        case .interval(let lo, let hi):
            return and(compare(.greaterOrEqual, element, .number(lo)), compare(.lessOrEqual, element, .number(hi)))
        default:
            return .unknown
        }
    }
}
