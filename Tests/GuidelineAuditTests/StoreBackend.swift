import Foundation
import GuidelineAudit
import Testing

#if GUIDELINE_POSTGRES
import GuidelineAuditPostgres
#endif

/// The stores the store tests run against: SQLite always; PostgreSQL where the package has it (not with
/// `GUIDELINE_CORE_ONLY=1`), at the server `GUIDELINE_TEST_POSTGRES_URL` names (`.ci/postgres start DIR` starts
/// one and prints it). Without that variable the PostgreSQL cases fail: they are never skipped quietly.
enum StoreBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The environment variable with the PostgreSQL URL of the tests.
    static let urlVariable = "GUIDELINE_TEST_POSTGRES_URL"

    #if GUIDELINE_POSTGRES
    /// Every store this build has.
    static let all: [StoreBackend] = [.sqlite, .postgres]
    /// How the tests open stores.
    static let opener = AuditStoreOpener.withPostgres
    #else
    /// Every store this build has.
    static let all: [StoreBackend] = [.sqlite]
    /// How the tests open stores.
    static let opener = AuditStoreOpener.sqliteOnly
    #endif

    var testDescription: String { rawValue }

    /// The tests' PostgreSQL server URL (the database, no schema).
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else {
            throw AuditTestError(
                description:
                    "\(urlVariable) is not set: start a server with '.ci/postgres start DIR' and export the URL it prints"
            )
        }
        return url
    }

    /// The name of a new, empty store: a file in a new directory, or a new schema of the tests' database.
    func freshStore() throws -> String {
        switch self {
        case .sqlite: return "\(try temporaryDirectory())/trail.sqlite"
        case .postgres:
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return "\(try Self.postgresURL())?schema=\(schema)"
        }
    }

    /// Opens `store`.
    func open(
        _ store: String, create: Bool = false, hasher: IdentifierHasher? = nil
    ) throws(AuditError)
        -> any AuditStore
    {
        try Self.opener.open(store, create: create, hasher: hasher, environment: ProcessInfo.processInfo.environment)
    }

    /// `sqlite` or `postgres`, whichever dialect this store speaks.
    func sql(sqlite: String, postgres: String) -> String { self == .sqlite ? sqlite : postgres }

    /// Runs `sql` on the store directly, as someone bypassing the store would (its triggers disabled first).
    func tamper(_ store: String, _ sql: String) throws {
        switch self {
        case .sqlite: try GuidelineAuditTests.tamper(store, sql)
        case .postgres:
            try Self.psql(
                store,
                "ALTER TABLE entry DISABLE TRIGGER USER;\n\(sql);\nALTER TABLE entry ENABLE TRIGGER USER;")
        }
    }

    /// Runs `sql` on the store with its triggers in place; throws when it fails.
    func tamperKeepingTriggers(_ store: String, _ sql: String) throws {
        switch self {
        case .sqlite:
            try Self.run(
                [
                    "python3", "-c",
                    "import sqlite3, sys\ndb = sqlite3.connect(sys.argv[1])\ndb.executescript(sys.argv[2])\ndb.commit()\n",
                    store, sql,
                ], environment: [:])
        case .postgres: try Self.psql(store, sql)
        }
    }

    /// Sets the hash of record `seq` to what its previous hash and body give, as a forger would.
    func rehash(_ store: String, seq: Int) throws {
        switch self {
        case .sqlite:
            try Self.run(
                [
                    "python3", "-c",
                    """
                    import sqlite3, sys, hashlib
                    db = sqlite3.connect(sys.argv[1])
                    db.execute('DROP TRIGGER IF EXISTS entry_no_update')
                    prev, body = db.execute('SELECT previous_hash, body FROM entry WHERE seq = ?', (int(sys.argv[2]),)).fetchone()
                    body = body if isinstance(body, bytes) else body.encode()
                    h = hashlib.sha256(b'guideline-audit-v1\\0' + prev.encode() + b'\\0' + body).hexdigest()
                    db.execute('UPDATE entry SET hash = ? WHERE seq = ?', (h, int(sys.argv[2])))
                    db.commit()
                    """, store, String(seq),
                ], environment: [:])
        case .postgres:
            try tamper(
                store,
                """
                UPDATE entry SET hash = encode(sha256('guideline-audit-v1'::bytea || '\\x00'::bytea
                  || convert_to(previous_hash, 'UTF8') || '\\x00'::bytea || body), 'hex') WHERE seq = \(seq)
                """)
        }
    }

    /// Everything the store holds, as bytes or text: the SQLite files (WAL included), or every row of every
    /// table of the PostgreSQL schema as psql prints it.
    func contents(_ store: String) throws -> String {
        switch self {
        case .sqlite:
            var bytes: [UInt8] = []
            for suffix in ["", "-wal", "-shm"] {
                if let data = FileManager.default.contents(atPath: store + suffix) { bytes += data }
            }
            return String(decoding: bytes, as: UTF8.self)
        case .postgres:
            return try Self.psql(
                store,
                """
                SELECT * FROM meta; SELECT * FROM head; SELECT seq, kind, id, recorded, fingerprint,
                  convert_from(body, 'UTF8'), previous_hash, hash FROM entry; SELECT * FROM entry_ref;
                """)
        }
    }

    /// Runs `sql` with psql in the store's schema; returns what it printed.
    @discardableResult
    static func psql(_ store: String, _ sql: String) throws -> String {
        var url = store
        var environment: [String: String] = [:]
        if let query = store.range(of: "?schema=") {
            url = String(store[..<query.lowerBound])
            environment["PGOPTIONS"] = "-c search_path=\(store[query.upperBound...])"
        }
        return try run(
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql], environment: environment)
    }

    /// Runs a program with `environment` added; throws, with its standard error, when it fails.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let directory = try temporaryDirectory()
        let out = URL(fileURLWithPath: "\(directory)/out")
        let err = URL(fileURLWithPath: "\(directory)/err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let error = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw AuditTestError(description: "\(arguments[0]) failed: \(error)")
        }
        return output
    }
}
