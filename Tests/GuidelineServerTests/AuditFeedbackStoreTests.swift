import Foundation
import GuidelineAudit
import GuidelineCDSHooks
import Testing

@testable import GuidelineServer

/// CDS Hooks feedback in the audit trail: the same item sent many times at once is appended once.
@Suite struct AuditFeedbackStoreTests {
    @Test func theSameItemSentConcurrentlyIsAppendedOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorder = try AuditRecorder.open(
            path: directory.appendingPathComponent("trail.sqlite").path, keyFile: nil,
            environment: [IdentifierHasher.environmentVariable: String(repeating: "k", count: 32)]
        ).get()
        let store = AuditFeedbackStore(recorder: recorder)
        let body = #"{"feedback":[{"card":"c-1","outcome":"accepted","outcomeTimestamp":"2026-12-03T10:00:00Z"}]}"#
        let feedback = try Feedback.parse(Array(body.utf8))
        let appended = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try await store.store(feedback, service: "svc") } }
            var total = 0
            for try await count in group { total += count }
            return total
        }
        #expect(appended == 1)
        #expect(try recorder.store.head().count == 1)
    }
}
