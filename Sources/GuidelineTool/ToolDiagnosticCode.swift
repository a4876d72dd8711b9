import GuidelineDiagnostics

/// The diagnostic codes of the command-line tool: batch limits and output failures.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum ToolDiagnosticCode: String, DiagnosticCode {
    /// A batch line longer than `--max-line-bytes`.
    case lineTooLong = "batch.line-too-long"
    /// Standard output that cannot be written.
    case writeFailed = "io.write-failed"
}
