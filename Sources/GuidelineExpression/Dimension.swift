/// The physical dimension of a quantity; quantities compare and add only within one dimension.
package enum Dimension: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Time (base unit `s`).
    case time
    /// Absorbed radiation dose (base unit `cGy`).
    case dose
    /// Mass (base unit `mg`).
    case mass
    /// Volume (base unit `mL`).
    case volume
    /// A count per volume, such as cells (base unit `/L`).
    case countPerVolume
    /// Mass concentration (base unit `mg/dL`).
    case massConcentration
    /// Substance concentration (base unit `mmol/L`).
    case substanceConcentration
    /// Length (base unit `mm`).
    case length
    /// A fraction (base unit `%`).
    case fraction
    /// No unit at all.
    case dimensionless

    /// The name used in messages, for example `absorbed dose`.
    package var description: String {
        switch self {
        case .time: "time"
        case .dose: "absorbed dose"
        case .mass: "mass"
        case .volume: "volume"
        case .countPerVolume: "count per volume"
        case .massConcentration: "mass concentration"
        case .substanceConcentration: "substance concentration"
        case .length: "length"
        case .fraction: "fraction"
        case .dimensionless: "dimensionless"
        }
    }

    /// The unit whose factor is 1; nil for `dimensionless`.
    package var baseUnit: Unit? { Unit.all.first { $0.dimension == self && $0.factor == .one } }

    /// The units of this dimension, in table order.
    package var units: [Unit] { Unit.all.filter { $0.dimension == self } }
}
