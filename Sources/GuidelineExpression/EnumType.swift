/// An enumeration such as `spine.level` or `sins.band`: a name and its values, optionally ordered.
///
/// Two enum types are equal when their names are equal (names are unique in a ruleset).
public final class EnumType: Sendable, Hashable, CustomStringConvertible {
    /// The name, e.g. `spine.level`.
    public let name: String
    /// The values in declaration order; for an ordered enum, lowest first.
    public let values: [String]
    /// Whether `<`, `>` and ranges are meaningful.
    public let ordered: Bool
    private let ordinals: [String: Int]

    /// Creates an enum type; a duplicate value keeps its first ordinal.
    public init(name: String, values: [String], ordered: Bool) {
        self.name = name
        self.values = values
        self.ordered = ordered
        var ordinals: [String: Int] = [:]
        for (i, v) in values.enumerated() where ordinals[v] == nil { ordinals[v] = i }
        self.ordinals = ordinals
    }

    /// The position of `value` in `values`, if it is one.
    public func ordinal(of value: String) -> Int? { ordinals[value] }

    /// The value at `ordinal`, if in range.
    public func value(at ordinal: Int) -> String? {
        values.indices.contains(ordinal) ? values[ordinal] : nil
    }

    /// The name.
    public var description: String { name }

    /// Equal when the names are equal.
    public static func == (lhs: EnumType, rhs: EnumType) -> Bool { lhs === rhs || lhs.name == rhs.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
