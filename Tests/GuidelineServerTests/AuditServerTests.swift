import Foundation
import Testing

@testable import GuidelineServer

/// `guideline serve` with `audit:` in its configuration: every REST evaluation is appended before it is
/// answered, and a store that cannot be written gives 503, never an answer without its record.
@Suite struct AuditServerTests {
    static let key = "ev-audit-test-key"
    static let path = "/v1/rulesets/spine-metastases/evaluate"
    static let secretCase =
        #"{"case":"PATIENT-4411-AUDIT","facts":{"spine.level":"T11","neuro.presentation":"suspected-mescc"}}"#

    @Test func evaluationsAreRecordedAndAStoreFailureIs503() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-audit-serve-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = "\(directory)/trail.sqlite"
        try "a server key of at least sixteen bytes\n".write(
            toFile: "\(directory)/audit.key", atomically: true, encoding: .utf8)
        let configuration = "\(directory)/serve.yaml"
        try """
        host: 127.0.0.1
        apiKeys:
          - name: ehr
            sha256: \(try AuthenticationAndLimitTests.sha256(Self.key))
            roles: [evaluate]
        audit:
          store: trail.sqlite
          hmacKeyFile: audit.key
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        let server = try ServerProcess(["--rules", bundledRuleset, "--config", configuration])
        let headers = AuthenticationAndLimitTests.bearer(Self.key)
        #expect(try server.client.request("POST", Self.path, headers: headers, text: Self.secretCase).status == 200)
        #expect(try server.client.request("POST", Self.path, headers: headers, text: Self.secretCase).status == 200)
        // An invalid case is not a decision: nothing is appended.
        #expect(
            try server.client.request("POST", Self.path, headers: headers, text: "{\"facts\":{\"x\":1}}").status == 422)

        // Another process holds the write lock past the store's busy timeout: the answer is 503.
        let locker = Process()
        locker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        locker.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time\ndb = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                + "db.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\ntime.sleep(14)\ndb.execute('ROLLBACK')\n",
            store,
        ]
        let lockerOutput = Pipe()
        locker.standardOutput = lockerOutput
        try locker.run()
        _ = lockerOutput.fileHandleForReading.availableData
        let refused = try server.client.request("POST", Self.path, headers: headers, text: Self.secretCase)
        #expect(refused.status == 503)
        #expect(!refused.text.contains("suspected-mescc"), "the refused answer holds the result")
        locker.waitUntilExit()
        #expect(try server.client.request("POST", Self.path, headers: headers, text: Self.secretCase).status == 200)
        server.stop()

        let verify = try runGuideline(["audit", "verify", store])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("3 records verified: the chain is intact"), "\(verify.stderr)")
        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += FileManager.default.contents(atPath: store + suffix) ?? Data() }
        #expect(!String(decoding: bytes, as: UTF8.self).contains("PATIENT-4411-AUDIT"), "the case id is in clear")
        #expect(!server.stderr.contains("PATIENT-4411-AUDIT"))
    }

    @Test func theAuditSectionIsReadWithPathsBesideTheFile() throws {
        let keys = "apiKeys: [{name: k, sha256: \(ConfigurationTests.keyHash), roles: [evaluate]}]\n"
        let read = try ServerConfiguration.parse(
            bytes: Array((keys + "audit: {store: trail.sqlite, hmacKeyFile: /etc/key}\n").utf8), file: "conf/s.yaml"
        ).get()
        #expect(read.audit?.store == "conf/trail.sqlite")
        #expect(read.audit?.hmacKeyFile == "/etc/key")
        let url = "postgres://auditor@db.example.org:5432/audit?schema=trail"
        let postgres = try ServerConfiguration.parse(
            bytes: Array((keys + "audit: {store: \"\(url)\"}\n").utf8), file: "conf/s.yaml"
        ).get()
        #expect(postgres.audit?.store == url, "a PostgreSQL URL is not a path beside the file")
        guard
            case .failure(let error) = ServerConfiguration.parse(
                bytes: Array((keys + "audit: {hmacKeyFile: k, stor: x}\n").utf8), file: "s.yaml")
        else {
            Issue.record("an audit section without a store was accepted")
            return
        }
        #expect(error.message.contains("'audit' needs 'store'"))
    }
}
