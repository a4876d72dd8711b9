import Foundation
import GuidelineAudit
import GuidelineCompiler
import GuidelineEngine

/// `guideline-bench --audit N`: the audit trail's throughput on N generated decisions of a ruleset: durable
/// appends (in transactions of `batch` records, and one record per transaction), verify and replay.
struct AuditBenchmark {
    let ruleset: CompiledRuleset
    let records: Int
    let batch: Int
    let store: String?

    /// Runs it; returns the exit code.
    func run(_ generator: inout CaseGenerator) -> Int32 {
        let path = store ?? NSTemporaryDirectory() + "guideline-audit-bench-\(UUID().uuidString).sqlite"
        defer {
            if store == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        do throws(AuditError) {
            guard let hasher = IdentifierHasher(key: Array("guideline-bench audit key, 32 bytes".utf8)) else {
                return 1
            }
            let opened = try SQLiteAuditStore(path: path, create: true, hasher: hasher)
            let recorder = AuditRecorder(store: opened, hasher: hasher)
            try recorder.archive(ruleset)
            let evaluator = RulesetEvaluator(ruleset: ruleset)
            let decoder = CaseDecoder(ruleset: ruleset)
            let clock = ContinuousClock()
            var appendTime = Duration.zero
            var buildTime = Duration.zero
            var written = 0
            while written < records {
                let count = min(batch, records - written)
                var chunk: [DecisionRecord] = []
                chunk.reserveCapacity(count)
                buildTime += clock.measure {
                    for id in written..<(written + count) {
                        guard let input = decoder.decode(text: generator.jsonLine(id: id), file: "bench").input
                        else { continue }
                        let result = evaluator.evaluate(input)
                        chunk.append(
                            recorder.record(result, input: input, ruleset: ruleset, who: "bench", channel: "cli"))
                    }
                }
                let entries = chunk.map(\.entry)
                let start = clock.now
                try opened.append(entries)
                appendTime += clock.now - start
                written += count
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            report("evaluate + build records", written, buildTime)
            report("append, \(batch) per durable transaction", written, appendTime)
            // One record per transaction: what a server request without batching pays (a sync per record).
            let single = min(2000, records)
            var singleTime = Duration.zero
            for id in 0..<single {
                guard let input = decoder.decode(text: generator.jsonLine(id: records + id), file: "bench").input
                else { continue }
                let entry = recorder.record(
                    evaluator.evaluate(input), input: input, ruleset: ruleset, who: "bench", channel: "cli"
                ).entry
                let start = clock.now
                try opened.append([entry])
                singleTime += clock.now - start
            }
            report("append, 1 per durable transaction", single, singleTime)
            let verifyStart = clock.now
            let verified = try ChainVerifier.verify(opened)
            let verifyTime = clock.now - verifyStart
            report("verify (\(verified.failure == nil ? "intact" : "BROKEN"))", verified.checked, verifyTime)
            let replayer = Replayer(store: opened)
            var replayed = 0
            var reproduced = 0
            let replayStart = clock.now
            var page: [StoredEntry] = []
            func flush() {
                for outcome in replayer.replay(entries: page) {
                    replayed += 1
                    if case .success(let replay) = outcome, replay.differences.isEmpty { reproduced += 1 }
                }
                page.removeAll(keepingCapacity: true)
            }
            try opened.forEachEntry(since: nil) { entry throws(AuditError) in
                guard entry.kind == AuditEntry.Kind.decision.rawValue else { return true }
                page.append(entry)
                if page.count == 4096 { flush() }
                return true
            }
            flush()
            let replayTime = clock.now - replayStart
            report("replay (\(reproduced) of \(replayed) reproduced)", replayed, replayTime)
            print("store: \(size / 1_000_000) MB for \(verified.checked) records (WAL checkpointed as SQLite does)")
            return verified.failure == nil && reproduced == replayed ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 1
        }
    }

    /// Prints a rate line.
    private func report(_ label: String, _ count: Int, _ duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        print(
            String(
                format: "%-48@ %9d records  %8.2f s  %10.0f records/s", label as NSString, count, seconds,
                Double(count) / max(seconds, 1e-9)))
    }
}
