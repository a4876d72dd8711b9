/// The static type of an expression or a fact.
package indirect enum ExpressionType: Sendable, Hashable, CustomStringConvertible {
    /// `true` or `false`.
    case boolean
    /// A whole number.
    case integer
    /// A decimal number with up to six places.
    case decimal
    /// A quantity with a unit of the dimension.
    case quantity(Dimension)
    /// A value of an enum.
    case enumeration(EnumType)
    /// A list of values of the element type.
    case list(ExpressionType)
    /// A range `lo..hi` of the bound type.
    case range(ExpressionType)
    /// Free text.
    case string
    /// The type of an expression that already has an error; compatible with everything, so errors do not cascade.
    case error

    /// True for `integer` and `decimal`.
    package var isNumeric: Bool { self == .integer || self == .decimal }

    /// True for the error type, or a list or range of it.
    package var containsError: Bool {
        switch self {
        case .error: true
        case .list(let t), .range(let t): t.containsError
        default: false
        }
    }

    /// How messages name the type: `boolean`, `quantity of time`, `enum 'spine.level'`, `list of integer`.
    package var description: String {
        switch self {
        case .boolean: "boolean"
        case .integer: "integer"
        case .decimal: "decimal"
        case .quantity(let d): d == .dimensionless ? "dimensionless quantity" : "quantity of \(d)"
        case .enumeration(let e): "enum \(quoted: e.name)"
        case .list(let t): "list of \(t)"
        case .range(let t): "range of \(t)"
        case .string: "text"
        case .error: "unknown type"
        }
    }
}
