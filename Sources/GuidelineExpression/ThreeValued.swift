/// Three-valued logic, comparisons and membership over `Value`s, with intervals.
enum ThreeValued {
    // `and`, `or` and `compare` test cases by pattern rather than `Value.==`: they run once per node of every
    // rule, and derived equality on `Value` goes through outlined copies.

    @inline(__always)
    static func and(_ l: Value, _ r: Value) -> Value {
        if case .bool(let a) = l {
            if !a { return .bool(false) }
            if case .bool(let b) = r { return .bool(b) }
            return .unknown
        }
        if case .bool(false) = r { return .bool(false) }
        return .unknown
    }

    @inline(__always)
    static func or(_ l: Value, _ r: Value) -> Value {
        if case .bool(let a) = l {
            if a { return .bool(true) }
            if case .bool(let b) = r { return .bool(b) }
            return .unknown
        }
        if case .bool(true) = r { return .bool(true) }
        return .unknown
    }

    /// The interval a value is known to lie in, in a common numeric order: numbers, intervals, quantities
    /// (base value), enum values (ordinal), booleans (0/1).
    ///
    /// Nil for unknown, text, lists and ranges.
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

    /// The largest enum ordinal whose comparison by ordinal agrees with comparing `bounds` (which turns an
    /// ordinal into a `Number`, zero when it does not fit): `Number.largestWhole`, as a literal so reading it
    /// needs no lazy initialisation.
    static var largestComparableOrdinal: Int { 9_223_372_036_854 }

    @inline(__always)
    static func comparableOrdinal(_ i: Int) -> Bool { i >= -largestComparableOrdinal && i <= largestComparableOrdinal }

    /// The comparison of two points `a` and `b` (nil: unknown): what `compareByBounds` decides for two exact
    /// values.
    @inline(__always)
    static func decide<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) -> Bool? {
        switch op {
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .equal: a == b
        case .notEqual: a != b
        default: nil
        }
    }

    /// The comparison of two values known to lie in the intervals `a` and `b` (nil: unknown): decided when the
    /// whole intervals decide it.
    static func decide(_ op: BinaryOperator, bounds a: (lo: Number, hi: Number), _ b: (lo: Number, hi: Number)) -> Bool?
    {
        func decide(_ isTrue: Bool, _ isFalse: Bool) -> Bool? {
            isTrue ? true : isFalse ? false : nil
        }
        switch op {
        case .less: return decide(a.hi < b.lo, a.lo >= b.hi)
        case .lessOrEqual: return decide(a.hi <= b.lo, a.lo > b.hi)
        case .greater: return decide(a.lo > b.hi, a.hi <= b.lo)
        case .greaterOrEqual: return decide(a.lo >= b.hi, a.hi < b.lo)
        case .equal, .notEqual:
            let equal = a.lo == a.hi && b.lo == b.hi && a.lo == b.lo
            let disjoint = a.hi < b.lo || b.hi < a.lo
            return decide(equal, disjoint).map { op == .notEqual ? !$0 : $0 }
        default: return nil
        }
    }

    /// True, false or unknown.
    @inline(__always)
    static func value(_ decided: Bool?) -> Value { decided.map(Value.bool) ?? .unknown }

    /// `l op r`, three-valued.
    ///
    /// Two enum values, numbers or quantities are compared directly; every other pair as `compareByBounds` does (the
    /// same answer, which a test checks).
    @inline(__always)
    static func compare(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value {
        switch l {
        case .unknown: return .unknown
        case .symbol(_, let i):
            if case .symbol(_, let j) = r, comparableOrdinal(i), comparableOrdinal(j) {
                return value(decide(op, i, j))
            }
        case .number(let a):
            if case .number(let b) = r { return value(decide(op, a, b)) }
        case .quantity(let a):
            if case .quantity(let b) = r { return value(decide(op, a.baseValue, b.baseValue)) }
        default: break
        }
        return compareByBounds(op, l, r)
    }

    /// `l op r` through `bounds`: the general comparison.
    @inline(never)
    static func compareByBounds(_ op: BinaryOperator, _ l: Value, _ r: Value) -> Value {
        if case .unknown = l { return .unknown }
        if case .unknown = r { return .unknown }
        guard let a = bounds(l), let b = bounds(r) else {
            return compareOther(op, l, r)
        }
        return value(decide(op, bounds: a, b))
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
                if case .bool(true) = result { return result }
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
