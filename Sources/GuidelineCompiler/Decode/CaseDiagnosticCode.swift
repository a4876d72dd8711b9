import GuidelineDiagnostics

/// The diagnostic codes of case input: a case file, a JSONL line or a fact default that does not fit the ruleset's
/// facts.
///
/// The catalog lives beside `FactValueReader`, which reads case values and fact defaults alike, so that the compiler
/// and the case decoder of GuidelineEngine share it.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum CaseDiagnosticCode: String, DiagnosticCode {
    /// A `case` id that is not text.
    case badId = "case.bad-id"
    /// An empty case.
    case empty = "case.empty"
    /// A case, or its `facts`, that is not a mapping.
    case expectedMapping = "case.expected-mapping"
    /// A number too large or with too many decimal places.
    case invalidNumber = "case.invalid-number"
    /// A case without `facts`.
    case missingFacts = "case.missing-facts"
    /// A value outside the declared range of its fact.
    case outOfRange = "case.out-of-range"
    /// A fact the ruleset does not declare, or one it computes.
    case undeclaredFact = "case.undeclared-fact"
    /// A quantity in a unit of another dimension than its fact's.
    case unitMismatch = "case.unit-mismatch"
    /// A word that is not a value of its enum fact.
    case unknownEnumValue = "case.unknown-enum-value"
    /// A key of a case other than `case` and `facts`.
    case unknownKey = "case.unknown-key"
    /// A unit not in the table of units.
    case unknownUnit = "case.unknown-unit"
    /// A case file that cannot be read.
    case unreadableFile = "case.unreadable-file"
    /// A value not of its fact's type.
    case wrongType = "case.wrong-type"
}

extension FactValueReader.Problem {
    /// Creates a problem with a code of the case catalog.
    init(code: CaseDiagnosticCode, message: String, help: [String]) {
        self.init(code: code.rawValue, message: message, help: help)
    }
}
