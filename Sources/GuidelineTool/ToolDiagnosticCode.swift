import GuidelineDiagnostics

/// The diagnostic codes of the command-line tool: batch limits, cohort lines (`guideline concordance`) and output
/// failures.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum ToolDiagnosticCode: String, DiagnosticCode {
    /// A batch line longer than `--max-line-bytes`.
    case lineTooLong = "batch.line-too-long"
    /// A cohort line whose `done` is not a list of action ids.
    case badDone = "cohort.bad-done"
    /// A cohort line that names an action twice in `done`.
    case duplicateAction = "cohort.duplicate-action"
    /// A cohort line without `done` (the actions taken: `[]` when none).
    case missingDone = "cohort.missing-done"
    /// A cohort line whose `done` names an action the ruleset does not declare.
    case unknownAction = "cohort.unknown-action"
    /// A cohort line with a key other than `case`, `facts` and `done`.
    case unknownKey = "cohort.unknown-key"
    /// Standard output that cannot be written.
    case writeFailed = "io.write-failed"
}
