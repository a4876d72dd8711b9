/// A fact's value given from Swift: text read as a case file's plain value is (`"T12"`, `"6 mo"`, `"45000"`),
/// a boolean, a number, or `nil` for not recorded.
///
/// ```swift
/// let facts: [String: CaseValue] = ["spine.level": "T12", "neuro.deficit": false, "labs.platelets": nil]
/// ```
///
/// Each is validated against the fact's declaration exactly as a case file's value is: its type, its enum
/// values, its unit's dimension and its declared range.
public enum CaseValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
    /// Not recorded: the fact is unknown.
    case notRecorded
    /// Text, read as a case file's plain value: an enum value, `6 mo`, `true`, `12.5`.
    case text(String)
    /// A boolean.
    case bool(Bool)
    /// A whole number.
    case integer(Int)
    /// A decimal number (at most six decimal places are kept, as for every number).
    case decimal(Double)

    /// Text.
    public init(stringLiteral value: String) { self = .text(value) }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A whole number.
    public init(integerLiteral value: Int) { self = .integer(value) }
    /// A decimal number.
    public init(floatLiteral value: Double) { self = .decimal(value) }
    /// Not recorded.
    public init(nilLiteral: ()) { self = .notRecorded }

    /// The text a case file would give for the value; nil when not recorded.
    var text: String? {
        switch self {
        case .notRecorded: nil
        case .text(let text): text
        case .bool(let b): b ? "true" : "false"
        case .integer(let n): String(n)
        case .decimal(let d): d.isFinite && d == d.rounded() && d.magnitude < 1e15 ? String(Int64(d)) : "\(d)"
        }
    }
}
