import GuidelineTool

/// `guideline audit verify STORE`: recomputes the hash chain; exit 1 naming the first record altered, removed
/// or inserted.
package struct AuditVerifyCommand: Sendable {
    /// The store's path.
    package var store: String

    /// Creates the command.
    package init(store: String) { self.store = store }

    /// Runs it.
    package func run() -> ToolOutput {
        do {
            let opened = try SQLiteAuditStore(path: store)
            let report = try ChainVerifier.verify(opened)
            if let failure = report.failure {
                return ToolOutput(stderr: "error: \(failure)\n", exitCode: ToolOutput.failure)
            }
            let noun = report.checked == 1 ? "record" : "records"
            return ToolOutput(stdout: "\(report.checked) \(noun) verified: the chain is intact\n")
        } catch {
            return ToolOutput(stderr: "error: \(error)\n", exitCode: ToolOutput.failure)
        }
    }
}
