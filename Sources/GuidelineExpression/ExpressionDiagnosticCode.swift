import GuidelineDiagnostics

/// The stable diagnostic codes of the expression language: expressions and text templates that do not parse or do
/// not type-check, and errors while evaluating.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum ExpressionDiagnosticCode: String, DiagnosticCode {
    /// A function called with the wrong number of arguments.
    case arity = "expr.arity"
    /// An overflow or division by zero while evaluating.
    case evaluation = "expr.evaluation"
    /// A number literal that is too large or has more than six decimal places.
    case invalidNumber = "expr.invalid-number"
    /// A condition or logical operand that is not boolean.
    case notBoolean = "expr.not-boolean"
    /// A syntax error.
    case syntax = "expr.syntax"
    /// Unbalanced or empty braces in a text template.
    case template = "expr.template"
    /// An expression nested deeper than `ExpressionLimits.maxDepth`.
    case tooDeep = "expr.too-deep"
    /// An expression longer than `ExpressionLimits.maxLength`, or with more operations one after another than
    /// `ExpressionLimits.maxChain`.
    case tooLong = "expr.too-long"
    /// Operands of the wrong type.
    case typeMismatch = "expr.type-mismatch"
    /// A name that is not declared.
    case undeclaredName = "expr.undeclared-name"
    /// Quantities of different dimensions, or a quantity and a plain number, combined.
    case unitMismatch = "expr.unit-mismatch"
    /// A bare word that is not a value of the enum expected there.
    case unknownEnumValue = "expr.unknown-enum-value"
    /// A call of a function that does not exist.
    case unknownFunction = "expr.unknown-function"
    /// A word after a number that is not a supported unit.
    case unknownUnit = "expr.unknown-unit"
    /// An ordering or range on an enum that is not ordered.
    case unorderedEnum = "expr.unordered-enum"
}
