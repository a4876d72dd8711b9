import Foundation
import GuidelineAudit
import GuidelineTool
import Testing

/// Identifying fields are never in clear; a missing store, a file that is not one and a wrong key are clear
/// errors.
@Suite("Audit store safety")
struct StoreSafetyTests {
    @Test(
        "case ids are stored only as HMACs: not in the database's bytes (WAL included) or rows",
        arguments: StoreBackend.all)
    func identifiersHashed(_ backend: StoreBackend) throws {
        let directory = try temporaryDirectory()
        let store = try backend.freshStore()
        // The examples with case ids no rule file could hold (the archive keeps the rule files in clear).
        var ids: [String] = []
        var cases: [String] = []
        for (index, path) in try examplePaths().enumerated() {
            let id = "MRN-\(index)-\(UUID().uuidString)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasPrefix("case:") ? "case: \(id)" : String($0)
            }
            let file = "\(directory)/case-\(index).yaml"
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
            ids.append(id)
            cases.append(file)
        }
        var command = EvaluateCommand(rules: bundledRuleset, format: .json, cases: cases)
        #expect(
            AuditedEvaluation.attach(
                to: &command, store: store, keyFile: nil, who: "tester",
                environment: [IdentifierHasher.environmentVariable: String(decoding: testKey, as: UTF8.self)],
                opener: StoreBackend.opener) == nil)
        #expect(command.run().exitCode == 0)
        let text = try backend.contents(store)
        #expect(text.contains("\"who\":\"tester\""), "the store holds the records")
        #expect(try decisionIDs(in: store).count == ids.count)
        let hasher = try #require(IdentifierHasher(key: testKey))
        for id in ids {
            #expect(!text.contains(id), "a case id is in the store in clear")
            #expect(text.contains(hasher.hash(id, field: "case")))
        }
        #expect(!text.contains(String(decoding: testKey, as: UTF8.self)), "the key is in the store")
    }

    @Test("another key is refused: the identifiers would not match", arguments: StoreBackend.all)
    func wrongKey(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store)
        let other = try #require(IdentifierHasher(key: Array("another key, sixteen bytes or more".utf8)))
        do {
            _ = try backend.open(store, create: true, hasher: other)
            Issue.record("another key was accepted")
        } catch {
            #expect(error.code == .keyMismatch)
            #expect(error.message.contains("is not the one the audit store"))
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
        #expect(missing.stderr.hasPrefix("error: no audit store at '"))
        #expect(missing.stderr.hasSuffix("' [audit.store-missing]\n"), "\(missing.stderr)")
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
        try python(
            "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.execute('CREATE TABLE t (x)')\ndb.commit()\n",
            other)
        let foreign = AuditVerifyCommand(store: other).run()
        #expect(foreign.stderr.contains("is an SQLite database but not an audit store [audit.store-corrupt]"))
    }

    @Test("a PostgreSQL URL in a build without PostgreSQL is a clear error; a URL's password is never shown")
    func postgresWithoutPostgres() throws {
        do {
            _ = try AuditStoreOpener.sqliteOnly.open("postgres://auditor:s3cret@db.example.org:5432/audit")
            Issue.record("a PostgreSQL URL was opened without PostgreSQL")
        } catch {
            #expect(error.code == .storeUnsupported)
            #expect(error.message.contains("no PostgreSQL audit store"))
        }
        #expect(
            AuditStoreOpener.redacted("postgres://auditor:s3cret@db.example.org:5432/audit")
                == "postgres://auditor@db.example.org:5432/audit")
        #expect(AuditStoreOpener.redacted("postgresql://a:p@ss@h/db?schema=x") == "postgresql://a@h/db?schema=x")
        #expect(AuditStoreOpener.redacted("trail:with:colons.sqlite") == "trail:with:colons.sqlite")
        #expect(!AuditStoreOpener.isPostgres("postgres.sqlite"))
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
