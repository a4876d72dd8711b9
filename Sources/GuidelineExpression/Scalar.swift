/// A node's value as `ExpressionBlock`'s loop keeps it: the values that hold no reference, as plain data that
/// copies without reference counting, and `boxed` for text, lists and ranges, whose `Value` the loop keeps in
/// the node buffer instead.
///
/// The operations here give what `ThreeValued` gives on the same values (tests compare them); where one needs
/// a boxed operand they return nil and the loop takes the general path over `Value`s.
enum Scalar: Sendable {
    case unknown
    case bool(Bool)
    case number(Number)
    case interval(lo: Number, hi: Number)
    case quantity(Quantity)
    case symbol(EnumType, Int)
    /// Text, a list or a range.
    case boxed

    @inline(__always)
    init(_ value: Value) {
        switch value {
        case .unknown: self = .unknown
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .interval(let lo, let hi): self = .interval(lo: lo, hi: hi)
        case .quantity(let q): self = .quantity(q)
        case .symbol(let e, let i): self = .symbol(e, i)
        case .string, .list, .range: self = .boxed
        }
    }

    /// The value, unless boxed.
    @inline(__always)
    var value: Value? {
        switch self {
        case .unknown: .unknown
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .interval(let lo, let hi): .interval(lo: lo, hi: hi)
        case .quantity(let q): .quantity(q)
        case .symbol(let e, let i): .symbol(e, i)
        case .boxed: nil
        }
    }

    /// True, false or unknown.
    @inline(__always)
    init(_ decided: Bool?) {
        if let decided { self = .bool(decided) } else { self = .unknown }
    }

    /// `Value.isKnown`.
    @inline(__always)
    var isKnown: Bool {
        switch self {
        case .unknown, .interval: false
        default: true
        }
    }

    /// `ThreeValued.bounds`; nil for unknown and boxed values.
    @inline(__always)
    var bounds: (lo: Number, hi: Number)? {
        switch self {
        case .number(let n): return (n, n)
        case .interval(let lo, let hi): return (lo, hi)
        case .quantity(let q): return (q.baseValue, q.baseValue)
        case .symbol(_, let i):
            let n = Number(exactly: i) ?? .zero
            return (n, n)
        case .bool(let b): return b ? (.one, .one) : (.zero, .zero)
        case .unknown, .boxed: return nil
        }
    }

    /// `ThreeValued.and` (a boxed value is not a boolean).
    @inline(__always)
    static func and(_ l: Scalar, _ r: Scalar) -> Scalar {
        if case .bool(let a) = l {
            if !a { return .bool(false) }
            if case .bool(let b) = r { return .bool(b) }
            return .unknown
        }
        if case .bool(false) = r { return .bool(false) }
        return .unknown
    }

    /// `ThreeValued.or`.
    @inline(__always)
    static func or(_ l: Scalar, _ r: Scalar) -> Scalar {
        if case .bool(let a) = l {
            if a { return .bool(true) }
            if case .bool(let b) = r { return .bool(b) }
            return .unknown
        }
        if case .bool(true) = r { return .bool(true) }
        return .unknown
    }

    /// `ThreeValued.compare`, or nil when a side is boxed and neither is unknown.
    @inline(__always)
    static func compare(_ op: BinaryOperator, _ l: Scalar, _ r: Scalar) -> Scalar? {
        switch l {
        case .unknown: return .unknown
        case .symbol(_, let i):
            if case .symbol(_, let j) = r, ThreeValued.comparableOrdinal(i), ThreeValued.comparableOrdinal(j) {
                return Scalar(ThreeValued.decide(op, i, j))
            }
        case .number(let a):
            if case .number(let b) = r { return Scalar(ThreeValued.decide(op, a, b)) }
        case .quantity(let a):
            if case .quantity(let b) = r { return Scalar(ThreeValued.decide(op, a.baseValue, b.baseValue)) }
        default: break
        }
        if case .unknown = r { return .unknown }
        guard let a = l.bounds, let b = r.bounds else { return nil }
        return Scalar(ThreeValued.decide(op, bounds: a, b))
    }
}
