import Foundation
import GuidelineAudit
import Testing

/// Identifying fields are never in clear; a missing store, a file that is not one and a wrong key are clear
/// errors.
@Suite("Audit store safety")
struct StoreSafetyTests {
    @Test("case ids are stored only as HMACs: not in the database bytes, WAL included")
    func identifiersHashed() throws {
        let store = "\(try temporaryDirectory())/trail.sqlite"
        _ = try evaluateExamples(into: store)
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: store + suffix) { bytes += data }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"who\":\"tester\""), "the store holds the records")
        for id in ["unstable-t12", "suspected-mescc", "incomplete-data", "stable-cleared-for-pt"] {
            #expect(!text.contains(id), "case id '\(id)' is in the store in clear")
        }
        let hasher = try #require(IdentifierHasher(key: testKey))
        #expect(text.contains(hasher.hash("unstable-t12", field: "case")))
        #expect(!text.contains(String(decoding: testKey, as: UTF8.self)), "the key is in the store")
    }

    @Test("another key is refused: the identifiers would not match")
    func wrongKey() throws {
        let store = "\(try temporaryDirectory())/trail.sqlite"
        _ = try evaluateExamples(into: store)
        let other = try #require(IdentifierHasher(key: Array("another key, sixteen bytes or more".utf8)))
        #expect(throws: AuditError(.keyMismatch, "")) {
            do {
                _ = try SQLiteAuditStore(path: store, create: true, hasher: other)
            } catch {
                throw AuditError(error.code, "")
            }
        }
        #expect(IdentifierHasher(key: Array("short".utf8)) == nil)
        let noKey = IdentifierHasher.load(file: nil, environment: [:])
        #expect(throws: AuditError.self) { try noKey.get() }
    }

    @Test("a missing store, a directory, a file that is not SQLite and another database are errors, never crashes")
    func badStores() throws {
        let directory = try temporaryDirectory()
        let missing = AuditVerifyCommand(store: "\(directory)/none.sqlite").run()
        #expect(missing.exitCode == 1)
        #expect(missing.stderr == "error: no audit store at '\(directory)/none.sqlite' [audit.store-missing]\n")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/none.sqlite"), "verify made a store")

        let folder = AuditVerifyCommand(store: directory).run()
        #expect(folder.stderr.contains("is a directory, not an audit store [audit.store-corrupt]"))

        let garbage = "\(directory)/garbage.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: garbage))
        for output in [
            AuditVerifyCommand(store: garbage).run(), AuditReplayCommand(store: garbage).run(),
            AuditShowCommand(store: garbage, id: "x").run(),
        ] {
            #expect(output.exitCode == 1)
            #expect(output.stderr.contains("is not an audit store"), "\(output.stderr)")
            #expect(output.stderr.contains("[audit.store-corrupt]"))
        }

        let other = "\(directory)/other.sqlite"
        try python("import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.execute('CREATE TABLE t (x)')\ndb.commit()\n", other)
        let foreign = AuditVerifyCommand(store: other).run()
        #expect(foreign.stderr.contains("is an SQLite database but not an audit store [audit.store-corrupt]"))
    }

    /// Runs a Python script with one argument.
    func python(_ script: String, _ argument: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        try process.run()
        process.waitUntilExit()
    }
}
