/// A UCUM unit from the supported table, with its exact factor to its dimension's base unit.
public struct Unit: Sendable, Hashable, CustomStringConvertible {
    /// The UCUM symbol, e.g. `mo`, `/uL`, `10*9/L`.
    public let symbol: String
    /// The dimension.
    public let dimension: Dimension
    /// How many base units one of this unit is (e.g. `mo` is 2629800 `s`); exact.
    public let factor: Number

    /// Creates a unit; used for the built-in table.
    init(_ symbol: String, _ dimension: Dimension, _ factor: String) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = Number(factor) ?? .one
    }

    /// The symbol.
    public var description: String { symbol }

    /// Every supported unit, grouped by dimension, base unit first within the dimension's row of the README.
    public static let all: [Unit] = [
        Unit("s", .time, "1"), Unit("min", .time, "60"), Unit("h", .time, "3600"), Unit("d", .time, "86400"),
        Unit("wk", .time, "604800"), Unit("mo", .time, "2629800"), Unit("a", .time, "31557600"),
        Unit("Gy", .dose, "100"), Unit("cGy", .dose, "1"),
        Unit("kg", .mass, "1000000"), Unit("g", .mass, "1000"), Unit("mg", .mass, "1"), Unit("ug", .mass, "0.001"),
        Unit("L", .volume, "1000"), Unit("dL", .volume, "100"), Unit("mL", .volume, "1"), Unit("uL", .volume, "0.001"),
        Unit("/L", .countPerVolume, "1"), Unit("/mL", .countPerVolume, "1000"),
        Unit("/uL", .countPerVolume, "1000000"), Unit("/mm3", .countPerVolume, "1000000"),
        Unit("10*9/L", .countPerVolume, "1000000000"),
        Unit("mg/dL", .massConcentration, "1"), Unit("g/dL", .massConcentration, "1000"),
        Unit("g/L", .massConcentration, "100"),
        Unit("mmol/L", .substanceConcentration, "1"),
        Unit("m", .length, "1000"), Unit("cm", .length, "10"), Unit("mm", .length, "1"),
        Unit("%", .fraction, "1"),
    ]

    /// The symbols, longest first: the order the lexer tries them in.
    static let symbolsLongestFirst: [Unit] = all.sorted { $0.symbol.unicodeScalars.count > $1.symbol.unicodeScalars.count }

    /// The unit with exactly this symbol (case-sensitive, as UCUM is), if supported.
    public static func lookup(_ symbol: String) -> Unit? { all.first { $0.symbol == symbol } }

    /// Converts `value` written in this unit to base units, or throws `.overflow`.
    public func toBase(_ value: Number) throws(NumberError) -> Number { try value.multiplied(by: factor) }

    /// Converts `base` base units to this unit (rounded half-to-even to six places when inexact).
    public func fromBase(_ base: Number) throws(NumberError) -> Number { try base.divided(by: factor) }
}
