/// A runtime value: what a fact, a score or an expression evaluates to, possibly unknown.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    /// Not known (a missing fact, or a result that depends on one).
    case unknown
    /// A boolean.
    case bool(Bool)
    /// An integer or decimal number.
    case number(Number)
    /// A number known only to lie in `lo...hi` (e.g. a score with unknown components).
    case interval(lo: Number, hi: Number)
    /// A quantity.
    case quantity(Quantity)
    /// An enum value, by ordinal into the enum's values.
    case symbol(EnumType, Int)
    /// Free text.
    case string(String)
    /// A list.
    case list([Value])
    /// A range `lo..hi` (inclusive).
    indirect case range(Value, Value)

    /// An interval, or a plain number when `lo == hi`; the bounds are swapped when reversed.
    package static func between(_ lo: Number, _ hi: Number) -> Value {
        if lo == hi { return .number(lo) }
        return lo < hi ? .interval(lo: lo, hi: hi) : .interval(lo: hi, hi: lo)
    }

    /// An enum value by name; `unknown` when `name` is not one of the enum's values.
    package static func symbol(_ name: String, of type: EnumType) -> Value {
        type.ordinal(of: name).map { .symbol(type, $0) } ?? .unknown
    }

    /// An integer number.
    package static func integer(_ n: Int) -> Value { Number(exactly: n).map(Value.number) ?? .unknown }

    /// True unless `unknown` (an interval counts as known only partly, so it is not "known").
    public var isKnown: Bool {
        switch self {
        case .unknown, .interval: false
        default: true
        }
    }

    /// Whether the value holds a reference (text, a list, a range), so that copying or destroying it counts
    /// references; every other value is plain data.
    @usableFromInline
    var holdsReference: Bool {
        switch self {
        case .string, .list, .range: true
        default: false
        }
    }

    /// The boolean, if this is one.
    package var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Display text: `14`, `6 mo`, `unstable`, `true`, `7..12`, `[a, b]`, `unknown`.
    public var description: String {
        switch self {
        case .unknown: "unknown"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.description
        case .interval(let lo, let hi): "\(lo)..\(hi)"
        case .quantity(let q): q.description
        case .symbol(let e, let i): e.value(at: i) ?? "unknown"
        case .string(let s): s
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .range(let lo, let hi): "\(lo)..\(hi)"
        }
    }
}

extension Value {
    /// Copies the value at `source` over the value at `target` (both initialized).
    ///
    /// When neither holds a reference the copy is of plain bytes, without the outlined copy and destroy of a `Value`
    /// assignment.
    @inlinable @inline(__always)
    package static func assign(_ target: UnsafeMutablePointer<Value>, from source: UnsafePointer<Value>) {
        if source.pointee.holdsReference || target.pointee.holdsReference {
            target.pointee = source.pointee
        } else {
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: MemoryLayout<Value>.size)
        }
    }

    /// Moves `value` into `target` (initialized), destroying the value there only when it holds a reference:
    /// the others have nothing to destroy.
    @inlinable @inline(__always)
    package static func store(_ value: consuming Value, at target: UnsafeMutablePointer<Value>) {
        if target.pointee.holdsReference {
            target.pointee = value
        } else {
            target.initialize(to: value)
        }
    }
}
