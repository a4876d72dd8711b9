import Foundation
import GuidelineAudit
import Testing

/// `audit verify` finds a record altered, removed or inserted by someone editing the SQLite file directly.
@Suite("Audit chain verification")
struct ChainVerifyTests {
    /// A store holding the five bundled examples' decisions.
    func filledStore() throws -> String {
        let store = "\(try temporaryDirectory())/trail.sqlite"
        let outputs = try evaluateExamples(into: store)
        #expect(outputs.allSatisfy { $0.exitCode == 0 }, "\(outputs.map(\.stderr))")
        return store
    }

    @Test("an untouched store verifies, every record counted")
    func intact() throws {
        let store = try filledStore()
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout == "5 records verified: the chain is intact\n")
    }

    @Test("bytes changed in the SQLite file itself: the record is named altered")
    func alteredBytes() throws {
        let store = try filledStore()
        try SQLiteAuditStore(path: store).checkpoint()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: store)))
        let needle = Array(#""who":"tester""#.utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        bytes.replaceSubrange(at..<(at + needle.count), with: Array(#""who":"mallor""#.utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: store))
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("was altered: its content does not match its hash [audit.chain-altered]"))
    }

    @Test("a record's body rewritten with SQL: that record is named")
    func alteredRow() throws {
        let store = try filledStore()
        let ids = try decisionIDs(in: store)
        try tamper(
            store,
            "UPDATE entry SET body = CAST(replace(CAST(body AS TEXT), 'tester', 'mallory') AS BLOB) WHERE seq = 3")
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.hasPrefix("error: record 3 (decision \(ids[2])) was altered"), "\(output.stderr)")
    }

    @Test("a record deleted: the record after the gap is named")
    func removed() throws {
        let store = try filledStore()
        let ids = try decisionIDs(in: store)
        try tamper(store, "DELETE FROM entry WHERE seq = 3")
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(
            output.stderr
                == "error: records were removed before record 4 (decision \(ids[3])): the record it follows is not in the store [audit.chain-removed]\n"
        )
    }

    @Test("the last record deleted: the store's head gives it away")
    func removedAtEnd() throws {
        let store = try filledStore()
        try tamper(store, "DELETE FROM entry WHERE seq = 5")
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("records were removed at the end"), "\(output.stderr)")
        #expect(output.stderr.contains("[audit.chain-removed]"))
    }

    @Test("a well-formed record inserted in the middle: named, with the record it was slipped after")
    func inserted() throws {
        let store = try filledStore()
        // A forged record chained correctly after record 2, the later records moved up to make room.
        try tamper(
            store,
            """
            UPDATE entry SET seq = seq + 100 WHERE seq >= 3;
            INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
              SELECT 3, kind, 'forged', recorded, fingerprint, CAST(replace(CAST(body AS TEXT), id, 'forged') AS BLOB),
                     hash, 'to be computed' FROM entry WHERE seq = 2;
            """)
        try rehash(store, seq: 3)
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(
            output.stderr.hasPrefix(
                "error: records were inserted after record 2: record 103 (decision"), "\(output.stderr)")
        #expect(output.stderr.contains("follows record 2, not record 3 [audit.chain-inserted]"))
    }

    @Test("a forged record appended after the last: the head names fewer records")
    func insertedAtEnd() throws {
        let store = try filledStore()
        try tamper(
            store,
            """
            INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
              SELECT 6, kind, 'forged', recorded, fingerprint, body, hash, 'to be computed' FROM entry WHERE seq = 5;
            """)
        try rehash(store, seq: 6)
        let output = AuditVerifyCommand(store: store).run()
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("records were inserted at the end"), "\(output.stderr)")
    }

    @Test("the triggers refuse UPDATE and DELETE through SQLite")
    func appendOnly() throws {
        let store = try filledStore()
        #expect(throws: AuditTestError.self) {
            try tamperKeepingTriggers(store, "DELETE FROM entry WHERE seq = 1")
        }
        #expect(AuditVerifyCommand(store: store).run().exitCode == 0)
    }

    /// Sets the hash of record `seq` to what its previous hash and body give, as a forger would.
    func rehash(_ store: String, seq: Int) throws {
        try python(
            """
            import sqlite3, sys, hashlib
            db = sqlite3.connect(sys.argv[1])
            db.execute('DROP TRIGGER IF EXISTS entry_no_update')
            prev, body = db.execute('SELECT previous_hash, body FROM entry WHERE seq = ?', (int(sys.argv[2]),)).fetchone()
            body = body if isinstance(body, bytes) else body.encode()
            h = hashlib.sha256(b'guideline-audit-v1\\0' + prev.encode() + b'\\0' + body).hexdigest()
            db.execute('UPDATE entry SET hash = ? WHERE seq = ?', (h, int(sys.argv[2])))
            db.commit()
            """, [store, String(seq)])
    }

    /// Runs SQL with the store's triggers in place.
    func tamperKeepingTriggers(_ store: String, _ sql: String) throws {
        try python(
            "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.executescript(sys.argv[2])\ndb.commit()\n",
            [store, sql])
    }

    /// Runs a Python script with `arguments`; throws when it fails.
    func python(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw AuditTestError(description: "python failed") }
    }
}
