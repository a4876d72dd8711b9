/// A measured amount: a value held in base units plus the unit it was written in, for display.
///
/// Equality, hashing and ordering use the base value only: `3 mo == 91.3125 d`, `1900 cGy == 19 Gy`.
/// Only quantities of one dimension should be compared; the type checker guarantees it.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in the dimension's base unit (for example seconds for time).
    package let baseValue: Number
    /// The unit it is shown in.
    package let unit: Unit

    /// The dimension.
    package var dimension: Dimension { unit.dimension }

    /// Creates a quantity from a value written in `unit`; throws `.overflow` when the base value does not fit.
    package init(_ value: Number, _ unit: Unit) throws(NumberError) {
        self.baseValue = try unit.toBase(value)
        self.unit = unit
    }

    /// Creates a quantity from a base value, shown in `unit`.
    package init(baseValue: Number, unit: Unit) {
        self.baseValue = baseValue
        self.unit = unit
    }

    /// Parses `6 mo`, `45000 /uL` or `6mo`; nil when the number or unit is not valid.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        if i < scalars.count, scalars[i] == "-" { i += 1 }
        while i < scalars.count, Number.asciiDigit(scalars[i]) != nil || scalars[i] == "." { i += 1 }
        let numberText = String(String.UnicodeScalarView(scalars[0..<i]))
        while i < scalars.count, scalars[i] == " " { i += 1 }
        let unitText = String(String.UnicodeScalarView(scalars[i...]))
        guard let n = Number(numberText), let unit = Unit.lookup(unitText), let q = try? Quantity(n, unit) else {
            return nil
        }
        self = q
    }

    /// The value in its display unit (rounded to six places if the base value is not a whole number of units).
    public var value: Number { (try? unit.fromBase(baseValue)) ?? baseValue }

    /// The same quantity shown in another unit of the same dimension.
    package func converted(to unit: Unit) -> Quantity { Quantity(baseValue: baseValue, unit: unit) }

    /// `value unit`, for example `6 mo`, `45000 /uL`, `19 Gy`, `50 %`.
    public var description: String { "\(value) \(unit.symbol)" }

    /// Equal when the base values and dimensions are equal, whatever the display units.
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.baseValue == rhs.baseValue && lhs.dimension == rhs.dimension
    }

    /// Hashes the base value and dimension.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(baseValue)
        hasher.combine(dimension)
    }

    /// Orders by base value (meaningful within one dimension).
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.baseValue < rhs.baseValue }

    /// Of two units of one dimension, the finer one (smaller factor): sums are shown in it.
    static func finer(_ a: Unit, _ b: Unit) -> Unit { b.factor < a.factor ? b : a }
}
