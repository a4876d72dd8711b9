import GuidelineDiagnostics
import GuidelineExpression

/// The declared type of a fact.
package enum FactType: Sendable, Hashable {
    /// `true` or `false`.
    case boolean
    /// A whole number.
    case integer
    /// An exact decimal.
    case decimal
    /// A decimal with a unit; cases may use any unit of the same dimension.
    case quantity(Unit)
    /// One word of a closed set, optionally ordered.
    case enumeration(EnumType)

    /// The type expressions see.
    package var expressionType: ExpressionType {
        switch self {
        case .boolean: .boolean
        case .integer: .integer
        case .decimal: .decimal
        case .quantity(let unit): .quantity(unit.dimension)
        case .enumeration(let type): .enumeration(type)
        }
    }

    /// The name used in the rule language (`boolean`, `quantity`, ...).
    package var keyword: String {
        switch self {
        case .boolean: "boolean"
        case .integer: "integer"
        case .decimal: "decimal"
        case .quantity: "quantity"
        case .enumeration: "enum"
        }
    }
}

/// A typed input of a case.
package struct FactDeclaration: Sendable {
    /// The dotted name (`spine.level`).
    package var name: String
    /// The type.
    package var type: FactType
    /// What the fact means, for authors and clinicians.
    package var description: String
    /// A short label for forms (`label:`), at most ``FactDeclaration/labelLimit`` characters; nil when not declared.
    package var label: String?
    /// The group a form shows the fact in (`group:`), nil when not declared.
    package var group: String?
    /// The allowed range (inclusive), for numeric and quantity facts.
    package var minimum: Value?
    /// The upper end of the allowed range (inclusive).
    package var maximum: Value?
    /// The value assumed when a case does not give one: an author's explicit decision.
    package var defaultValue: Value?
    /// Where the fact can be read from FHIR data (`fhir:`), if the author bound it.
    package var fhir: FHIRBinding?
    /// Where the name is declared.
    package var range: SourceRange

    /// The most characters a `label:` may have: a form shows it beside a control, and a phone is 360 px wide.
    package static let labelLimit = 40
}
