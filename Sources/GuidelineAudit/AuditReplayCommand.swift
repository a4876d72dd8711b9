import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineTool

/// `guideline audit replay STORE [--since T] [--against DIR]`: re-evaluates each decision against its archived
/// ruleset (each reproduced, or the difference shown), or against another ruleset (which decisions would change).
///
/// Only the decisions that differ or could not be replayed get a line, then one line of totals. Exit codes:
/// 0 every decision reproduced (with `--against`: the impact report, whatever it says), 1 a decision differs
/// from its record or could not be replayed, or the store cannot be read.
package struct AuditReplayCommand: Sendable {
    /// The store: an SQLite file's path or a PostgreSQL URL.
    package var store: String
    /// How the store is opened.
    package var opener: AuditStoreOpener = .sqliteOnly
    /// The environment (`PGPASSWORD` for a PostgreSQL store).
    package var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Only records at or after this time (RFC 3339 or a date).
    package var since: String?
    /// Another ruleset directory to replay against.
    package var against: String?

    /// Creates the command.
    package init(
        store: String, since: String? = nil, against: String? = nil, opener: AuditStoreOpener = .sqliteOnly
    ) {
        self.store = store
        self.opener = opener
        self.since = since
        self.against = against
    }

    /// Runs it.
    package func run() -> ToolOutput {
        var other: CompiledRuleset?
        if let against {
            let loaded = RulesetLoader(analysesTables: false).load(directory: against)
            guard let ruleset = loaded.ruleset else {
                var output = ToolOutput(stderr: DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics))
                output.stderr += "error: the ruleset \(quoted: against) has errors (see 'guideline check \(against)')\n"
                output.exitCode = ToolOutput.failure
                return output
            }
            other = ruleset
        }
        var output = ToolOutput()
        var replayed = 0
        var changed = 0
        var failed = 0
        var reproduced = 0
        do throws(AuditError) {
            let opened = try opener.open(store, environment: environment)
            let replayer = Replayer(store: opened, against: other)
            // Read and replayed a page at a time on every core, reported in chain order.
            var page: [StoredEntry] = []
            func flush() {
                let outcomes = replayer.replay(entries: page)
                for (entry, outcome) in zip(page, outcomes) {
                    replayed += 1
                    switch outcome {
                    case .success(let replay) where replay.differences.isEmpty: reproduced += 1
                    case .success(let replay):
                        changed += 1
                        let verb = other == nil ? "differs" : "would change"
                        output.stdout += "decision \(entry.id) (record \(entry.seq), \(entry.recorded)): \(verb)\n"
                        output.stdout += replay.differences.map { "  \($0)\n" }.joined()
                    case .failure(let error):
                        failed += 1
                        output.stdout += "decision \(entry.id) (record \(entry.seq)): not replayed: \(error)\n"
                    }
                }
                page.removeAll(keepingCapacity: true)
            }
            try opened.forEachEntry(since: since) { entry throws(AuditError) in
                guard entry.kind == AuditEntry.Kind.decision.rawValue else { return true }
                page.append(entry)
                if page.count == 4096 { flush() }
                return true
            }
            flush()
        } catch {
            output.stderr += "error: \(error)\n"
            output.exitCode = ToolOutput.failure
            return output
        }
        let notReplayed = failed > 0 ? ", \(failed) not replayed" : ""
        if let other, let against {
            output.stdout +=
                "impact of \(quoted: against) (\(other.fingerprint)): \(changed) of \(replayed) decisions would change\(notReplayed)\n"
            output.exitCode = failed > 0 ? ToolOutput.failure : ToolOutput.success
        } else {
            output.stdout +=
                "\(replayed) decisions replayed: \(reproduced) reproduced, \(changed) differ\(notReplayed)\n"
            output.exitCode = changed + failed > 0 ? ToolOutput.failure : ToolOutput.success
        }
        return output
    }
}
