import Foundation
import GRDB
import GuidelineDiagnostics

/// The audit store in one SQLite file (GRDB, WAL): entries append-only and hash-chained, rulesets archived by
/// fingerprint.
///
/// Every append is one immediate transaction, synced before it returns (`synchronous = FULL`); triggers refuse
/// any `UPDATE` or `DELETE` of an entry or an archived file, so that only someone who bypasses them (editing the
/// file) can change the trail, and `audit verify` then finds it. Several processes may append to one file: the
/// chain's head is read inside the writing transaction.
package final class SQLiteAuditStore: AuditStore {
    /// The value of `format` in the `meta` table.
    package static let format = "guideline-audit 1"

    /// How long an append waits for another writer's lock before it fails (and the server answers 503).
    package static let busySeconds: TimeInterval = 5

    private let pool: DatabasePool
    private let path: String

    /// Opens the store at `path`; with `create`, makes it when there is none.
    ///
    /// With `hasher`, the store remembers the key's check value at first and refuses another key afterwards.
    package init(path: String, create: Bool = false, hasher: IdentifierHasher? = nil) throws(AuditError) {
        self.path = path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            throw AuditError(.storeCorrupt, "\(quoted: path) is a directory, not an audit store")
        }
        if !exists && !create { throw AuditError(.storeMissing, "no audit store at \(quoted: path)") }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busySeconds)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(error, path: path)
        }
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try Self.prepareSchema(db, path: path, create: create)
                    if let hasher { try Self.checkKey(db, hasher: hasher, path: path) }
                    return .commit
                }
            }
        } catch let error as AuditError {
            throw error
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    /// The error for a file SQLite cannot open as a database.
    private static func openError(_ error: any Error, path: String) -> AuditError {
        let reason = (error as? DatabaseError)?.message ?? "\(error)"
        return AuditError(.storeCorrupt, "\(quoted: path) is not an audit store: \(reason)")
    }

    /// Creates the tables in an empty file, or checks that the file holds an audit store.
    private static func prepareSchema(_ db: Database, path: String, create: Bool) throws {
        if try db.tableExists("meta") {
            let format = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'")
            guard format == Self.format else {
                throw AuditError(
                    .storeCorrupt, "\(quoted: path) is not an audit store of this version (format \(format ?? "none"))"
                )
            }
            guard try db.tableExists("entry"), try db.tableExists("ruleset_file") else {
                throw AuditError(.storeCorrupt, "\(quoted: path) is not an audit store: its tables are missing")
            }
            return
        }
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
        guard tables == 0 else {
            throw AuditError(.storeCorrupt, "\(quoted: path) is an SQLite database but not an audit store")
        }
        guard create else { throw AuditError(.storeMissing, "no audit store at \(quoted: path) (an empty file)") }
        try db.execute(sql: SQLiteAuditSchema.create)
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('format', ?)", arguments: [Self.format])
    }

    /// Remembers the key's check value, or refuses a key that is not the store's.
    private static func checkKey(_ db: Database, hasher: IdentifierHasher, path: String) throws {
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key-check'")
        if let stored {
            guard stored == hasher.checkValue else {
                throw AuditError(
                    .keyMismatch,
                    "the HMAC key is not the one the audit store \(quoted: path) was created with; its identifiers would not match"
                )
            }
        } else {
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES ('key-check', ?)", arguments: [hasher.checkValue])
        }
    }

    /// Runs `body` in a write transaction, mapping SQLite's errors.
    private func writing<T>(_ body: (Database) throws -> T) throws(AuditError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                // swift-format-ignore: NeverForceUnwrap
                return value!
            }
        } catch let error as AuditError {
            throw error
        } catch {
            let reason = (error as? DatabaseError)?.message ?? "\(error)"
            throw AuditError(.storeUnwritable, "cannot write to the audit store \(quoted: path): \(reason)")
        }
    }

    /// Runs `body` in a read transaction, mapping SQLite's errors.
    private func reading<T>(_ body: (Database) throws -> T) throws(AuditError) -> T {
        do {
            return try pool.read(body)
        } catch let error as AuditError {
            throw error
        } catch {
            let reason = (error as? DatabaseError)?.message ?? "\(error)"
            throw AuditError(.storeCorrupt, "cannot read the audit store \(quoted: path): \(reason)")
        }
    }

    @discardableResult
    package func append(_ entries: [AuditEntry]) throws(AuditError) -> [StoredEntry] {
        guard !entries.isEmpty else { return [] }
        return try writing { db in
            let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM entry ORDER BY seq DESC LIMIT 1")
            var seq: Int = last?["seq"] ?? 0
            var previous: String = last?["hash"] ?? ChainHash.genesis
            var stored: [StoredEntry] = []
            stored.reserveCapacity(entries.count)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let insertRef = try db.cachedStatement(sql: "INSERT INTO entry_ref (ref, seq) VALUES (?, ?)")
            for entry in entries {
                seq += 1
                var members = entry.body.object ?? [:]
                members["seq"] = .int(seq)
                let body = AuditJSON.object(members).canonicalBytes
                let hash = ChainHash.hash(previous: previous, body: body)
                try insert.execute(arguments: [
                    seq, entry.kind.rawValue, entry.id, entry.recorded, entry.fingerprint, Data(body), previous, hash,
                ])
                for ref in entry.refs { try insertRef.execute(arguments: [ref, seq]) }
                stored.append(
                    StoredEntry(
                        seq: seq, kind: entry.kind.rawValue, id: entry.id, recorded: entry.recorded, body: body,
                        previousHash: previous, hash: hash))
                previous = hash
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('head-count', ?), ('head-hash', ?)",
                arguments: [String(seq), previous])
            return stored
        }
    }

    package func archive(_ ruleset: ArchivedRuleset) throws(AuditError) {
        try writing { db in
            let known =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM ruleset WHERE fingerprint = ?", arguments: [ruleset.fingerprint])
                ?? 0
            guard known == 0 else { return }
            try db.execute(
                sql: "INSERT INTO ruleset (fingerprint, id, version, archived) VALUES (?, ?, ?, ?)",
                arguments: [ruleset.fingerprint, ruleset.id, ruleset.version, AuditClock.now()])
            for (path, bytes) in ruleset.files.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO ruleset_file (fingerprint, path, sha256, content) VALUES (?, ?, ?, ?)",
                    arguments: [ruleset.fingerprint, path, ChainHash.sha256(bytes), Data(bytes)])
            }
        }
    }

    package func archivedRuleset(fingerprint: String) throws(AuditError) -> ArchivedRuleset? {
        try reading { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, version FROM ruleset WHERE fingerprint = ?", arguments: [fingerprint])
            else { return nil }
            var files: [String: [UInt8]] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, content FROM ruleset_file WHERE fingerprint = ?", arguments: [fingerprint])
            while let file = try rows.next() {
                let content: Data = file["content"]
                files[file["path"]] = Array(content)
            }
            return ArchivedRuleset(fingerprint: fingerprint, id: row["id"], version: row["version"], files: files)
        }
    }

    /// How many entries `forEachEntry` reads per read transaction; `body` runs outside them, so it may use the
    /// store (replay reads the archive).
    private static let page = 2000

    package func forEachEntry(
        since: String?, _ body: (StoredEntry) throws(AuditError) -> Bool
    ) throws(AuditError) {
        var after = 0
        while true {
            let entries = try reading { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM entry WHERE seq > ? AND recorded >= ? ORDER BY seq LIMIT ?",
                    arguments: [after, since ?? "", Self.page]
                ).map(Self.entry)
            }
            for entry in entries where try !body(entry) { return }
            guard let last = entries.last, entries.count == Self.page else { return }
            after = last.seq
        }
    }

    package func entry(id: String) throws(AuditError) -> StoredEntry? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE id = ? ORDER BY seq LIMIT 1", arguments: [id])
                .map(Self.entry)
        }
    }

    package func entries(referringTo refs: [String]) throws(AuditError) -> [StoredEntry] {
        guard !refs.isEmpty else { return [] }
        return try reading { db in
            let marks = Array(repeating: "?", count: refs.count).joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM entry WHERE kind = 'feedback'
                    AND seq IN (SELECT seq FROM entry_ref WHERE ref IN (\(marks))) ORDER BY seq
                    """, arguments: StatementArguments(refs)
            ).map(Self.entry)
        }
    }

    package func head() throws(AuditError) -> (count: Int, hash: String) {
        try reading { db in
            let count = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'head-count'")
            let hash = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'head-hash'")
            return (count.flatMap { Int($0) } ?? 0, hash ?? ChainHash.genesis)
        }
    }

    /// Writes the WAL back into the main file, so that the whole store is in one file (tests, copies).
    package func checkpoint() throws(AuditError) {
        do {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            throw AuditError(.storeUnwritable, "cannot checkpoint the audit store \(quoted: path): \(error)")
        }
    }

    /// An entry from its row.
    private static func entry(_ row: Row) -> StoredEntry {
        let body: Data = row["body"] ?? Data()
        return StoredEntry(
            seq: row["seq"], kind: row["kind"] ?? "", id: row["id"] ?? "", recorded: row["recorded"] ?? "",
            body: Array(body), previousHash: row["previous_hash"] ?? "", hash: row["hash"] ?? "")
    }
}
