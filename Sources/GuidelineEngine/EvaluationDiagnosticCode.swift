import GuidelineDiagnostics

/// The codes of evaluation: the issues of a result's `errors`, where a rule or a value is left undetermined.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum EvaluationDiagnosticCode: String, DiagnosticCode {
    /// An overflow or a division by zero while evaluating a case.
    case error = "eval.error"
}
