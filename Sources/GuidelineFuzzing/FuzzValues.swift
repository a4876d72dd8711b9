import GuidelineExpression

/// Slot values of a given type drawn from fuzz bytes: unknown, ordinary and extreme values, intervals.
enum FuzzValues {
    /// Scaled numbers that exercise the edges of fixed-point arithmetic.
    private static let edges: [Int64] = [
        0, 1, -1, Number.scale, -Number.scale, 13 * Number.scale, 500_000, Int64.max, Int64.min, Int64.max / 2,
        Int64.min / 2, Int64.max / Number.scale, 999_999_999_999_999_999,
    ]

    /// A value for a slot of `type` (a quarter of the time unknown).
    static func value(for type: ExpressionType, from bytes: inout FuzzBytes, depth: Int = 0) -> Value {
        if bytes.choose(4) == 0 { return .unknown }
        switch type {
        case .boolean:
            return .bool(bytes.choose(2) == 0)
        case .integer:
            let lo = integer(&bytes)
            return bytes.choose(3) == 0 ? .between(lo, integer(&bytes)) : .number(lo)
        case .decimal:
            return .number(number(&bytes))
        case .quantity(let dimension):
            let units = dimension.units
            guard !units.isEmpty else { return .unknown }
            return .quantity(Quantity(baseValue: number(&bytes), unit: units[bytes.choose(units.count)]))
        case .enumeration(let enumType):
            guard !enumType.values.isEmpty else { return .unknown }
            return .symbol(enumType, bytes.choose(enumType.values.count))
        case .list(let element):
            guard depth < 3 else { return .list([]) }
            return .list((0..<bytes.choose(4)).map { _ in value(for: element, from: &bytes, depth: depth + 1) })
        case .string:
            return .string(String(repeating: "x", count: bytes.choose(8)))
        case .range, .error:
            return .unknown
        }
    }

    /// A whole number: small, or an edge scaled down to an integer.
    private static func integer(_ bytes: inout FuzzBytes) -> Number {
        let scaled = number(&bytes).scaled
        return Number(scaled: scaled - scaled % Number.scale)
    }

    /// A fixed-point number: small, an edge, or any 64-bit pattern.
    private static func number(_ bytes: inout FuzzBytes) -> Number {
        switch bytes.choose(3) {
        case 0: return Number(scaled: Int64(Int8(bitPattern: bytes.byte())) * Number.scale)
        case 1: return Number(scaled: edges[bytes.choose(edges.count)])
        default: return Number(scaled: bytes.int64())
        }
    }
}
