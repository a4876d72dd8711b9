import Foundation
import GuidelineCompiler
import GuidelineEngine
import Synchronization

/// Re-evaluates recorded decisions: against the archived ruleset of each record's fingerprint, or against
/// another ruleset (an impact report).
package final class Replayer: Sendable {
    /// One record replayed.
    package struct Outcome: Sendable {
        /// The record.
        package var record: DecisionRecord
        /// The result of the replay.
        package var result: EvaluationResult
        /// The ruleset it was replayed against.
        package var ruleset: CompiledRuleset
        /// The differences from the recorded result; empty when reproduced.
        package var differences: [String]
    }

    private let store: any AuditStore
    private let against: CompiledRuleset?
    /// Rulesets loaded from the archive, by fingerprint.
    private let loaded = Mutex<[String: (CompiledRuleset, RulesetEvaluator)]>([:])

    /// A replayer reading archived rulesets from `store`; with `against`, every record is replayed against that
    /// ruleset instead.
    package init(store: any AuditStore, against: CompiledRuleset? = nil) {
        self.store = store
        self.against = against
    }

    /// The ruleset and evaluator a record replays against.
    private func ruleset(for record: DecisionRecord) throws(AuditError) -> (CompiledRuleset, RulesetEvaluator) {
        let fingerprint = against?.fingerprint ?? record.ruleset.fingerprint
        if let known = loaded.withLock({ $0[fingerprint] }) { return known }
        let ruleset: CompiledRuleset
        if let against {
            ruleset = against
        } else {
            guard let archived = try store.archivedRuleset(fingerprint: fingerprint) else {
                throw AuditError(
                    .rulesetNotArchived, "the ruleset \(fingerprint) of decision \(record.id) is not archived")
            }
            ruleset = try archived.load().get()
        }
        let pair = (ruleset, RulesetEvaluator(ruleset: ruleset))
        loaded.withLock { $0[fingerprint] = pair }
        return pair
    }

    /// Replays `records` on `workers` threads; the outcomes in the order of `records`.
    package func replay(
        _ records: [DecisionRecord], workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [Result<Outcome, AuditError>] {
        Self.inParallel(records.count, workers: workers) { index throws(AuditError) in try self.replay(records[index]) }
    }

    /// Replays the decisions stored as `entries` on `workers` threads, each read (parsed) on the thread that
    /// replays it, so that reading is spread over the cores too; the outcomes in the order of `entries`.
    package func replay(
        entries: [StoredEntry], workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [Result<Outcome, AuditError>] {
        Self.inParallel(entries.count, workers: workers) { index throws(AuditError) in
            guard let body = AuditJSON.parse(entries[index].body), let record = DecisionRecord(body: body) else {
                throw AuditError(.replayFailed, "decision record \(entries[index].seq) cannot be read")
            }
            return try self.replay(record)
        }
    }

    /// `body` of 0..<count on `workers` threads (each a stride of the indexes); the results in index order.
    private static func inParallel(
        _ count: Int, workers: Int, _ body: @Sendable (Int) throws(AuditError) -> Outcome
    ) -> [Result<Outcome, AuditError>] {
        let threads = max(1, min(workers, count))
        let collected = Mutex<[(Int, Result<Outcome, AuditError>)]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var local: [(Int, Result<Outcome, AuditError>)] = []
            for index in stride(from: worker, to: count, by: threads) {
                local.append((index, Result { () throws(AuditError) in try body(index) }))
            }
            collected.withLock { $0.append(contentsOf: local) }
        }
        return collected.withLock { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Replays `record`.
    package func replay(_ record: DecisionRecord) throws(AuditError) -> Outcome {
        let (ruleset, evaluator) = try ruleset(for: record)
        let decoded = CaseDecoder(ruleset: ruleset).decode(
            values: record.facts.mapValues(CaseValue.text), id: nil, origin: "decision \(record.id)")
        guard let input = decoded.input else {
            let first = decoded.diagnostics.first { $0.severity == .error }?.message ?? "invalid facts"
            throw AuditError(
                .replayFailed, "decision \(record.id) does not replay against \(ruleset.manifest.id): \(first)")
        }
        let result = evaluator.evaluate(input, options: RulesetEvaluator.Options())
        let differences = ResultDigest.differences(recorded: record.result, replayed: ResultDigest.of(result))
        return Outcome(record: record, result: result, ruleset: ruleset, differences: differences)
    }
}
