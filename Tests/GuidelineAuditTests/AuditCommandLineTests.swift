import Foundation
import GuidelineAudit
import Testing

/// The built `guideline` executable: `evaluate --audit`, then `audit verify`, `show` and `replay`.
@Suite(.enabled(if: guidelineExecutable != nil, "the guideline executable was not found next to the test bundle"))
struct AuditCommandLineTests {
    @Test("evaluate --audit prints what it prints without, records the decision, and the audit commands read it")
    func endToEnd() throws {
        let directory = try temporaryDirectory()
        let store = "\(directory)/trail.sqlite"
        let keyFile = "\(directory)/key"
        try Data(testKey + [0x0A]).write(to: URL(fileURLWithPath: keyFile))
        let example = "Rules/spine-metastases/examples/unstable-t12.yaml"

        let plain = try runGuideline(["evaluate", example])
        let audited = try runGuideline(["evaluate", "--audit", store, "--audit-key-file", keyFile, example])
        #expect(audited.exitCode == 0, "\(audited.stderr)")
        #expect(audited.stdout == plain.stdout)
        #expect(audited.stderr.isEmpty)

        let again = try runGuideline(
            ["evaluate", "--audit", store, "--format", "json", example],
            environment: [IdentifierHasher.environmentVariable: String(decoding: testKey, as: UTF8.self)])
        #expect(again.exitCode == 0, "\(again.stderr)")

        let verify = try runGuideline(["audit", "verify", store])
        #expect(verify.exitCode == 0)
        #expect(verify.stdout == "2 records verified: the chain is intact\n")

        let ids = try decisionIDs(in: store)
        #expect(ids.count == 2)
        let show = try runGuideline(["audit", "show", store, ids[0]])
        #expect(show.exitCode == 0, "\(show.stderr)")
        #expect(show.stdout.contains("replay: reproduced against the archived ruleset"))

        let replay = try runGuideline(["audit", "replay", store, "--since", "2000-01-01"])
        #expect(replay.exitCode == 0)
        #expect(replay.stdout == "2 decisions replayed: 2 reproduced, 0 differ\n")

        try tamper(store, "DELETE FROM entry WHERE seq = 1")
        let broken = try runGuideline(["audit", "verify", store])
        #expect(broken.exitCode == 1)
        #expect(broken.stderr.contains("records were removed before record 2"))
    }

    @Test("without a key, with a wrong key or with a batch: an error and nothing evaluated or recorded")
    func refusals() throws {
        let directory = try temporaryDirectory()
        let store = "\(directory)/trail.sqlite"
        let example = "Rules/spine-metastases/examples/unstable-t12.yaml"
        let noKey = try runGuideline(["evaluate", "--audit", store, example])
        #expect(noKey.exitCode == 1)
        #expect(noKey.stdout.isEmpty)
        #expect(noKey.stderr.contains("needs an HMAC key"), "\(noKey.stderr)")
        #expect(noKey.stderr.contains("[audit.key-missing]"))

        let key = [IdentifierHasher.environmentVariable: String(decoding: testKey, as: UTF8.self)]
        #expect(try runGuideline(["evaluate", "--audit", store, example], environment: key).exitCode == 0)
        let wrong = try runGuideline(
            ["evaluate", "--audit", store, example],
            environment: [IdentifierHasher.environmentVariable: "another key of sixteen bytes at least"])
        #expect(wrong.exitCode == 1)
        #expect(wrong.stdout.isEmpty)
        #expect(wrong.stderr.contains("[audit.key-mismatch]"))
        #expect(!wrong.stderr.contains("another key"), "the key is printed")

        let batch = try runGuideline(["evaluate", "--audit", store, "--format", "jsonl", "-"], environment: key)
        #expect(batch.exitCode == 64)
        #expect(try decisionIDs(in: store).count == 1)
    }
}
