import Foundation
import GuidelineAudit
import Testing

/// `audit verify` finds a record altered, removed or inserted by someone editing the store directly (the SQLite
/// file, or the PostgreSQL tables with their triggers disabled).
@Suite("Audit chain verification")
struct ChainVerifyTests {
    /// A store holding the five bundled examples' decisions.
    func filledStore(_ backend: StoreBackend) throws -> String {
        let store = try backend.freshStore()
        let outputs = try evaluateExamples(into: store)
        #expect(outputs.allSatisfy { $0.exitCode == 0 }, "\(outputs.map(\.stderr))")
        return store
    }

    @Test("an untouched store verifies, every record counted", arguments: StoreBackend.all)
    func intact(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        let output = verify(store)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout == "5 records verified: the chain is intact\n")
    }

    @Test("bytes changed in the SQLite file itself: the record is named altered")
    func alteredBytes() throws {
        let store = try filledStore(.sqlite)
        try SQLiteAuditStore(path: store).checkpoint()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: store)))
        let needle = Array(#""who":"tester""#.utf8)
        let at = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) })
        bytes.replaceSubrange(at..<(at + needle.count), with: Array(#""who":"mallor""#.utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: store))
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("was altered: its content does not match its hash [audit.chain-altered]"))
    }

    @Test("a record's body rewritten with SQL: that record is named", arguments: StoreBackend.all)
    func alteredRow(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        let ids = try decisionIDs(in: store)
        try backend.tamper(
            store,
            backend.sql(
                sqlite:
                    "UPDATE entry SET body = CAST(replace(CAST(body AS TEXT), 'tester', 'mallory') AS BLOB) WHERE seq = 3",
                postgres:
                    "UPDATE entry SET body = convert_to(replace(convert_from(body, 'UTF8'), 'tester', 'mallory'), 'UTF8') WHERE seq = 3"
            ))
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(output.stderr.hasPrefix("error: record 3 (decision \(ids[2])) was altered"), "\(output.stderr)")
    }

    @Test("a record deleted: the record after the gap is named", arguments: StoreBackend.all)
    func removed(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        let ids = try decisionIDs(in: store)
        try backend.tamper(store, "DELETE FROM entry WHERE seq = 3")
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(
            output.stderr
                == "error: records were removed before record 4 (decision \(ids[3])): the record it follows is not in the store [audit.chain-removed]\n"
        )
    }

    @Test("the last record deleted: the store's head gives it away", arguments: StoreBackend.all)
    func removedAtEnd(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        try backend.tamper(store, "DELETE FROM entry WHERE seq = 5")
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("records were removed at the end"), "\(output.stderr)")
        #expect(output.stderr.contains("[audit.chain-removed]"))
    }

    @Test(
        "a well-formed record inserted in the middle: named, with the record it was slipped after",
        arguments: StoreBackend.all)
    func inserted(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        // A forged record chained correctly after record 2, the later records moved up to make room.
        let forgedBody = backend.sql(
            sqlite: "CAST(replace(CAST(body AS TEXT), id, 'forged') AS BLOB)",
            postgres: "convert_to(replace(convert_from(body, 'UTF8'), id, 'forged'), 'UTF8')")
        try backend.tamper(
            store,
            """
            UPDATE entry SET seq = seq + 100 WHERE seq >= 3;
            INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
              SELECT 3, kind, 'forged', recorded, fingerprint, \(forgedBody),
                     hash, 'to be computed' FROM entry WHERE seq = 2;
            """)
        try backend.rehash(store, seq: 3)
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(
            output.stderr.hasPrefix(
                "error: records were inserted after record 2: record 103 (decision"), "\(output.stderr)")
        #expect(output.stderr.contains("follows record 2, not record 3 [audit.chain-inserted]"))
    }

    @Test("a forged record appended after the last: the head names fewer records", arguments: StoreBackend.all)
    func insertedAtEnd(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        try backend.tamper(
            store,
            """
            INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
              SELECT 6, kind, 'forged', recorded, fingerprint, body, hash, 'to be computed' FROM entry WHERE seq = 5;
            """)
        try backend.rehash(store, seq: 6)
        let output = verify(store)
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("records were inserted at the end"), "\(output.stderr)")
    }

    @Test("the triggers refuse UPDATE, DELETE (and in PostgreSQL TRUNCATE) of entries", arguments: StoreBackend.all)
    func appendOnly(_ backend: StoreBackend) throws {
        let store = try filledStore(backend)
        var attempts = ["DELETE FROM entry WHERE seq = 1", "UPDATE entry SET kind = 'x' WHERE seq = 2"]
        if backend == .postgres { attempts += ["TRUNCATE entry", "DELETE FROM head", "DELETE FROM ruleset_file"] }
        for sql in attempts {
            #expect(throws: AuditTestError.self, "\(sql) was allowed") {
                try backend.tamperKeepingTriggers(store, sql)
            }
        }
        #expect(verify(store).exitCode == 0)
    }
}
