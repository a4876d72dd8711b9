import Dispatch
import Foundation
import GuidelineAudit
import Synchronization
import Testing

/// Several writers on one trail: each store instance stands for a server instance (its own connection or
/// database pool), all appending at once; the chain they leave verifies and holds every record once.
@Suite("Concurrent appends to one store")
struct ConcurrentAppendTests {
    /// A feedback entry, small and valid, numbered `n` by writer `writer`.
    func entry(writer: Int, n: Int) -> AuditEntry {
        FeedbackRecord(
            id: "w\(writer)-\(n)", recorded: AuditClock.now(), who: "writer-\(writer)", service: "svc",
            card: "card-\(writer)-\(n)", outcome: "accepted", acceptedSuggestions: [], overrideReason: .null,
            outcomeTimestamp: "2026-12-03T10:00:00Z"
        ).entry
    }

    @Test(
        "two instances, made at the same moment, appending from four threads each: one chain that verifies",
        arguments: StoreBackend.all)
    func twoInstances(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        let hasher = try #require(IdentifierHasher(key: testKey))
        // Both instances create the store at once, as two servers started together do.
        let opened = Mutex<[Int: Result<any AuditStore, AuditError>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { () throws(AuditError) in try backend.open(store, create: true, hasher: hasher) }
            opened.withLock { $0[index] = result }
        }
        let stores = try opened.withLock { found in try (0..<2).map { try #require(found[$0]).get() } }
        let writers = 8
        let rounds = 25
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            let target = stores[writer % 2]
            for round in 0..<rounds {
                // Batches of one to three entries, so that transactions of different sizes interleave.
                let batch = (0...(round % 3)).map { entry(writer: writer, n: round * 3 + $0) }
                do {
                    let stored = try target.append(batch)
                    if stored.map(\.id) != batch.map(\.id) { failures.withLock { $0.append("ids out of order") } }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let expected = writers * (0..<rounds).map { $0 % 3 + 1 }.reduce(0, +)
        let output = verify(store)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout == "\(expected) records verified: the chain is intact\n")
        var seqs: [Int] = []
        var ids = Set<String>()
        try stores[1].forEachEntry(since: nil) { entry in
            seqs.append(entry.seq)
            ids.insert(entry.id)
            return true
        }
        #expect(seqs == Array(1...expected))
        #expect(ids.count == expected, "an entry was appended twice or lost")
        #expect(try stores[0].head().count == expected)
    }
}
