/// A UCUM unit from the supported table, with its exact factor to its dimension's base unit.
package struct Unit: Sendable, Hashable, CustomStringConvertible {
    /// One row of the unit table.
    private struct Definition: Sendable {
        let symbol: String
        let dimension: Dimension
        let factor: Number

        init(_ symbol: String, _ dimension: Dimension, _ factor: String) {
            self.symbol = symbol
            self.dimension = dimension
            self.factor = Number(factor) ?? .one
        }
    }

    /// The position in the built-in table.
    ///
    /// A unit is a plain index, so values holding quantities are trivially copyable (no reference counting on the
    /// evaluator's hot path).
    private let index: UInt8

    private init(index: Int) { self.index = UInt8(index) }

    /// The UCUM symbol, for example `mo`, `/uL`, `10*9/L`.
    package var symbol: String { Self.table[Int(index)].symbol }
    /// The dimension.
    package var dimension: Dimension { Self.table[Int(index)].dimension }
    /// How many base units one of this unit is (for example `mo` is 2629800 `s`); exact.
    package var factor: Number { Self.table[Int(index)].factor }

    /// The symbol.
    package var description: String { symbol }

    private static let table: [Definition] = [
        Definition("s", .time, "1"), Definition("min", .time, "60"), Definition("h", .time, "3600"),
        Definition("d", .time, "86400"),
        Definition("wk", .time, "604800"), Definition("mo", .time, "2629800"), Definition("a", .time, "31557600"),
        Definition("Gy", .dose, "100"), Definition("cGy", .dose, "1"),
        Definition("kg", .mass, "1000000"), Definition("g", .mass, "1000"), Definition("mg", .mass, "1"),
        Definition("ug", .mass, "0.001"),
        Definition("L", .volume, "1000"), Definition("dL", .volume, "100"), Definition("mL", .volume, "1"),
        Definition("uL", .volume, "0.001"),
        Definition("/L", .countPerVolume, "1"), Definition("/mL", .countPerVolume, "1000"),
        Definition("/uL", .countPerVolume, "1000000"), Definition("/mm3", .countPerVolume, "1000000"),
        Definition("10*9/L", .countPerVolume, "1000000000"),
        Definition("mg/dL", .massConcentration, "1"), Definition("g/dL", .massConcentration, "1000"),
        Definition("g/L", .massConcentration, "100"),
        Definition("mmol/L", .substanceConcentration, "1"),
        Definition("m", .length, "1000"), Definition("cm", .length, "10"), Definition("mm", .length, "1"),
        Definition("%", .fraction, "1"),
    ]

    /// Every supported unit, grouped by dimension, base unit first within the dimension's row of the README.
    package static let all: [Unit] = table.indices.map { Unit(index: $0) }

    /// The symbols, longest first: the order the lexer tries them in.
    static let symbolsLongestFirst: [Unit] = all.sorted {
        $0.symbol.unicodeScalars.count > $1.symbol.unicodeScalars.count
    }

    /// The unit with exactly this symbol (case-sensitive, as UCUM is), if supported.
    package static func lookup(_ symbol: String) -> Unit? { bySymbol[symbol] }

    private static let bySymbol: [String: Unit] = Dictionary(
        all.map { ($0.symbol, $0) }, uniquingKeysWith: { first, _ in first })

    /// Converts `value` written in this unit to base units, or throws `.overflow`.
    package func toBase(_ value: Number) throws(NumberError) -> Number { try value.multiplied(by: factor) }

    /// Converts `base` base units to this unit (rounded half-to-even to six places when inexact).
    package func fromBase(_ base: Number) throws(NumberError) -> Number { try base.divided(by: factor) }
}
