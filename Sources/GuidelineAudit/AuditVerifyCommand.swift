import Foundation
import GuidelineTool

/// `guideline audit verify STORE`: recomputes the hash chain; exit 1 naming the first record altered, removed
/// or inserted.
package struct AuditVerifyCommand: Sendable {
    /// The store: an SQLite file's path or a PostgreSQL URL.
    package var store: String
    /// How the store is opened.
    package var opener: AuditStoreOpener = .sqliteOnly
    /// The environment (`PGPASSWORD` for a PostgreSQL store).
    package var environment: [String: String] = ProcessInfo.processInfo.environment

    /// Creates the command.
    package init(store: String, opener: AuditStoreOpener = .sqliteOnly) {
        self.store = store
        self.opener = opener
    }

    /// Runs it.
    package func run() -> ToolOutput {
        do {
            let opened = try opener.open(store, environment: environment)
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
