/// The stable diagnostic codes of the expression language.
public enum ExpressionDiagnosticCode: Sendable {
    /// A syntax error.
    public static let syntax = "expr.syntax"
    /// A name that is not declared.
    public static let undeclaredName = "expr.undeclared-name"
    /// A bare word that is not a value of the enum expected there.
    public static let unknownEnumValue = "expr.unknown-enum-value"
    /// A word after a number that is not a supported unit.
    public static let unknownUnit = "expr.unknown-unit"
    /// Quantities of different dimensions, or a quantity and a plain number, combined.
    public static let unitMismatch = "expr.unit-mismatch"
    /// Operands of the wrong type.
    public static let typeMismatch = "expr.type-mismatch"
    /// An ordering or range on an enum that is not ordered.
    public static let unorderedEnum = "expr.unordered-enum"
    /// A condition or logical operand that is not boolean.
    public static let notBoolean = "expr.not-boolean"
    /// A function called with the wrong number of arguments.
    public static let arity = "expr.arity"
    /// A call of a function that does not exist.
    public static let unknownFunction = "expr.unknown-function"
    /// A number literal that is too large or has more than six decimal places.
    public static let invalidNumber = "expr.invalid-number"
    /// An expression longer than `ExpressionLimits.maxLength`, or with more operations one after another than `ExpressionLimits.maxChain`.
    public static let tooLong = "expr.too-long"
    /// An expression nested deeper than `ExpressionLimits.maxDepth`.
    public static let tooDeep = "expr.too-deep"
    /// Unbalanced or empty braces in a text template.
    public static let template = "expr.template"
    /// An overflow or division by zero while evaluating.
    public static let evaluation = "expr.evaluation"
}
