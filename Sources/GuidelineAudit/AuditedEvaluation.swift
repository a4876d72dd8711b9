import Foundation
import GuidelineTool

/// `guideline evaluate --audit STORE`: each case evaluated is appended to the store as a decision record (channel
/// `cli`), durably, before its result is shown.
///
/// The record's `who` is the `--who` given, as given, or else `os-user:NAME`, the account the process runs as
/// (from the password database, not `$USER`, which any caller can set).
package enum AuditedEvaluation {
    /// `os-user:NAME` for the account of the process's real user id (`os-user:uid-N` when it has no name).
    package static func osUser() -> String {
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return "os-user:" + String(cString: name) }
        return "os-user:uid-\(uid)"
    }

    /// Makes `command` append to the store at `store`; the output to finish with when the store or key cannot be
    /// used.
    package static func attach(
        to command: inout EvaluateCommand, store: String, keyFile: String?, who: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment, opener: AuditStoreOpener = .sqliteOnly
    ) -> ToolOutput? {
        let recorder: AuditRecorder
        switch AuditRecorder.open(path: store, keyFile: keyFile, environment: environment, opener: opener) {
        case .success(let opened): recorder = opened
        case .failure(let error): return ToolOutput(stderr: "error: \(error)\n", exitCode: ToolOutput.failure)
        }
        let user = who ?? osUser()
        command.recordDecision = { ruleset, input, result in
            do throws(AuditError) {
                let record = recorder.record(result, input: input, ruleset: ruleset, who: user, channel: "cli")
                try recorder.append([record], ruleset: ruleset)
                return nil
            } catch {
                return "\(error); the case was evaluated but not recorded, so its result is not shown"
            }
        }
        return nil
    }
}
