import Foundation
import GuidelineAudit
import GuidelineDiagnostics
import PostgresNIO

/// The audit store in a PostgreSQL database: the SQLite store's tables and guarantees, for several server
/// instances sharing one trail.
///
/// An append is one transaction that first locks the chain's head row (`SELECT ... FOR UPDATE`), so appends of
/// every instance are chained one after another, whatever their number; it returns once PostgreSQL has committed
/// it with `synchronous_commit = on` (the WAL flushed to disk). A writer waits
/// ``PostgresSession/lockSeconds`` for another's lock, then fails. Triggers refuse `UPDATE`, `DELETE` and
/// `TRUNCATE` of entries and archived files.
package final class PostgresAuditStore: AuditStore {
    /// The URL without its password, as messages show it.
    package let name: String
    private let location: PostgresStoreLocation
    private let session: PostgresSession

    /// Opens the store at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=S]`, the password also from
    /// `PGPASSWORD` in `environment`); with `create`, makes its tables (and schema) when there are none.
    ///
    /// With `hasher`, the store remembers the key's check value at first and refuses another key afterwards.
    package init(
        url: String, create: Bool = false, hasher: IdentifierHasher? = nil, environment: [String: String] = [:]
    ) throws(AuditError) {
        location = try PostgresStoreLocation(url: url, environment: environment)
        name = location.displayName
        session = PostgresSession(location: location)
        let name = name
        let location = location
        do {
            try session.with { connection in
                try connection.transaction {
                    var lock = PostgresBindings()
                    lock.append(PostgresAuditSchema.setupLock)
                    try connection.query("SELECT pg_advisory_xact_lock($1)", lock)
                    if create, let schema = location.schema {
                        try connection.query("CREATE SCHEMA IF NOT EXISTS \(schema)")
                    }
                    try Self.prepareSchema(connection, name: name, create: create)
                    if let hasher { try Self.checkKey(connection, hasher: hasher, name: name) }
                }
            }
        } catch let error as AuditError {
            throw error
        } catch let error as PSQLError where error.serverInfo == nil {
            throw AuditError(
                .storeUnreachable, "cannot reach the audit store \(quoted: name): \(PostgresSession.reason(error))")
        } catch {
            throw AuditError(
                .storeCorrupt, "cannot open the audit store \(quoted: name): \(PostgresSession.reason(error))")
        }
    }

    deinit { session.close() }

    /// Creates the tables in an empty schema, or checks that the schema holds an audit store.
    private static func prepareSchema(_ connection: PostgresSession.Connection, name: String, create: Bool) throws {
        let exists = try connection.query("SELECT to_regclass('meta') IS NOT NULL").first?.decode(Bool.self) ?? false
        if exists {
            let format = try connection.query("SELECT value FROM meta WHERE key = 'format'").first?.decode(String.self)
            guard format == SQLiteAuditStore.format else {
                throw AuditError(
                    .storeCorrupt, "\(quoted: name) is not an audit store of this version (format \(format ?? "none"))")
            }
            let tables = try connection.query(
                """
                SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
                AND tablename IN ('head', 'entry', 'entry_ref', 'ruleset', 'ruleset_file')
                """
            ).first?.decode(Int.self)
            guard tables == 5 else {
                throw AuditError(.storeCorrupt, "\(quoted: name) is not an audit store: its tables are missing")
            }
            return
        }
        let tables =
            try connection.query("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()").first?
            .decode(Int.self) ?? 0
        guard tables == 0 else {
            throw AuditError(.storeCorrupt, "\(quoted: name) is a PostgreSQL database but not an audit store")
        }
        guard create else { throw AuditError(.storeMissing, "no audit store at \(quoted: name)") }
        for statement in PostgresAuditSchema.create { try connection.query(statement) }
        var binds = PostgresBindings()
        binds.append(SQLiteAuditStore.format)
        try connection.query("INSERT INTO meta (key, value) VALUES ('format', $1)", binds)
    }

    /// Remembers the key's check value, or refuses a key that is not the store's.
    private static func checkKey(
        _ connection: PostgresSession.Connection, hasher: IdentifierHasher, name: String
    )
        throws
    {
        let stored = try connection.query("SELECT value FROM meta WHERE key = 'key-check'").first?.decode(String.self)
        if let stored {
            guard stored == hasher.checkValue else {
                throw AuditError(
                    .keyMismatch,
                    "the HMAC key is not the one the audit store \(quoted: name) was created with; its identifiers would not match"
                )
            }
        } else {
            var binds = PostgresBindings()
            binds.append(hasher.checkValue)
            try connection.query(
                "INSERT INTO meta (key, value) VALUES ('key-check', $1) ON CONFLICT (key) DO NOTHING", binds)
        }
    }

    /// Runs `body` in a write transaction, mapping PostgreSQL's errors.
    private func writing<T>(_ body: (PostgresSession.Connection) throws -> T) throws(AuditError) -> T {
        do {
            return try session.with { connection in try connection.transaction { try body(connection) } }
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(
                .storeUnwritable, "cannot write to the audit store \(quoted: name): \(PostgresSession.reason(error))")
        }
    }

    /// Runs `body` with the connection, mapping PostgreSQL's errors.
    private func reading<T>(_ body: (PostgresSession.Connection) throws -> T) throws(AuditError) -> T {
        do {
            return try session.with(body)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(
                .storeCorrupt, "cannot read the audit store \(quoted: name): \(PostgresSession.reason(error))")
        }
    }

    /// How many entries one `INSERT` carries (8 parameters each, PostgreSQL allows 65,535).
    private static let insertRows = 1000

    @discardableResult
    package func append(_ entries: [AuditEntry]) throws(AuditError) -> [StoredEntry] {
        guard !entries.isEmpty else { return [] }
        let name = name
        return try writing { connection in
            guard
                let head = try connection.query("SELECT count, hash FROM head WHERE id = 1 FOR UPDATE").first?
                    .decode((Int, String).self)
            else { throw AuditError(.storeCorrupt, "the audit store \(quoted: name) has lost its head row") }
            var (seq, previous) = head
            var stored: [StoredEntry] = []
            stored.reserveCapacity(entries.count)
            for start in stride(from: 0, to: entries.count, by: Self.insertRows) {
                var binds = PostgresBindings(capacity: 8 * Self.insertRows)
                var rows: [String] = []
                var refs = PostgresBindings()
                var refRows: [String] = []
                for entry in entries[start..<min(start + Self.insertRows, entries.count)] {
                    seq += 1
                    var members = entry.body.object ?? [:]
                    members["seq"] = .int(seq)
                    let body = AuditJSON.object(members).canonicalBytes
                    let hash = ChainHash.hash(previous: previous, body: body)
                    let first = binds.count + 1
                    rows.append("(" + (first..<(first + 8)).map { "$\($0)" }.joined(separator: ", ") + ")")
                    binds.append(seq)
                    binds.append(entry.kind.rawValue)
                    binds.append(entry.id)
                    binds.append(entry.recorded)
                    if let fingerprint = entry.fingerprint { binds.append(fingerprint) } else { binds.appendNull() }
                    binds.append(ByteBuffer(bytes: body))
                    binds.append(previous)
                    binds.append(hash)
                    for ref in entry.refs {
                        refRows.append("($\(refs.count + 1), $\(refs.count + 2))")
                        refs.append(ref)
                        refs.append(seq)
                    }
                    stored.append(
                        StoredEntry(
                            seq: seq, kind: entry.kind.rawValue, id: entry.id, recorded: entry.recorded, body: body,
                            previousHash: previous, hash: hash))
                    previous = hash
                }
                try connection.query(
                    """
                    INSERT INTO entry (seq, kind, id, recorded, fingerprint, body, previous_hash, hash)
                    VALUES \(rows.joined(separator: ", "))
                    """, binds)
                if !refRows.isEmpty {
                    try connection.query(
                        "INSERT INTO entry_ref (ref, seq) VALUES \(refRows.joined(separator: ", "))", refs)
                }
            }
            var update = PostgresBindings()
            update.append(seq)
            update.append(previous)
            try connection.query("UPDATE head SET count = $1, hash = $2 WHERE id = 1", update)
            return stored
        }
    }

    package func archive(_ ruleset: ArchivedRuleset) throws(AuditError) {
        try writing { connection in
            var binds = PostgresBindings()
            binds.append(ruleset.fingerprint)
            binds.append(ruleset.id)
            binds.append(ruleset.version)
            binds.append(AuditClock.now())
            // Another instance archiving the same ruleset at once waits here, then inserts nothing.
            let inserted = try connection.query(
                """
                INSERT INTO ruleset (fingerprint, id, version, archived) VALUES ($1, $2, $3, $4)
                ON CONFLICT (fingerprint) DO NOTHING RETURNING fingerprint
                """, binds)
            guard !inserted.isEmpty else { return }
            for (path, bytes) in ruleset.files.sorted(by: { $0.key < $1.key }) {
                var file = PostgresBindings()
                file.append(ruleset.fingerprint)
                file.append(path)
                file.append(ChainHash.sha256(bytes))
                file.append(ByteBuffer(bytes: bytes))
                try connection.query(
                    "INSERT INTO ruleset_file (fingerprint, path, sha256, content) VALUES ($1, $2, $3, $4)", file)
            }
        }
    }

    package func archivedRuleset(fingerprint: String) throws(AuditError) -> ArchivedRuleset? {
        try reading { connection in
            var binds = PostgresBindings()
            binds.append(fingerprint)
            guard
                let (id, version) = try connection.query(
                    "SELECT id, version FROM ruleset WHERE fingerprint = $1", binds
                ).first?.decode((String, String).self)
            else { return nil }
            var files: [String: [UInt8]] = [:]
            for row in try connection.query("SELECT path, content FROM ruleset_file WHERE fingerprint = $1", binds) {
                let (path, content) = try row.decode((String, ByteBuffer).self)
                files[path] = Array(content.readableBytesView)
            }
            return ArchivedRuleset(fingerprint: fingerprint, id: id, version: version, files: files)
        }
    }

    /// How many entries `forEachEntry` reads per query; `body` runs between them, so it may use the store.
    private static let page = 2000

    /// The columns of an entry, in the order ``entry(_:)`` decodes them.
    private static let columns = "seq, kind, id, recorded, body, previous_hash, hash"

    package func forEachEntry(
        since: String?, _ body: (StoredEntry) throws(AuditError) -> Bool
    ) throws(AuditError) {
        var after = 0
        while true {
            let entries = try reading { connection in
                var binds = PostgresBindings()
                binds.append(after)
                binds.append(since ?? "")
                binds.append(Self.page)
                return try connection.query(
                    "SELECT \(Self.columns) FROM entry WHERE seq > $1 AND recorded >= $2 ORDER BY seq LIMIT $3", binds
                ).map(Self.entry)
            }
            for entry in entries where try !body(entry) { return }
            guard let last = entries.last, entries.count == Self.page else { return }
            after = last.seq
        }
    }

    package func entry(id: String) throws(AuditError) -> StoredEntry? {
        try reading { connection in
            var binds = PostgresBindings()
            binds.append(id)
            return try connection.query(
                "SELECT \(Self.columns) FROM entry WHERE id = $1 ORDER BY seq LIMIT 1", binds
            ).first.map(Self.entry)
        }
    }

    package func entries(referringTo refs: [String]) throws(AuditError) -> [StoredEntry] {
        guard !refs.isEmpty else { return [] }
        return try reading { connection in
            var binds = PostgresBindings()
            binds.append(refs)
            return try connection.query(
                """
                SELECT \(Self.columns) FROM entry WHERE kind = 'feedback'
                AND seq IN (SELECT seq FROM entry_ref WHERE ref = ANY($1)) ORDER BY seq
                """, binds
            ).map(Self.entry)
        }
    }

    package func head() throws(AuditError) -> (count: Int, hash: String) {
        try reading { connection in
            guard let head = try connection.query("SELECT count, hash FROM head WHERE id = 1").first else {
                return (0, ChainHash.genesis)
            }
            let (count, hash) = try head.decode((Int, String).self)
            return (count, hash)
        }
    }

    /// An entry from its row (the columns of ``columns``).
    private static func entry(_ row: PostgresRow) throws -> StoredEntry {
        let (seq, kind, id, recorded, body, previous, hash) = try row.decode(
            (Int, String, String, String, ByteBuffer, String, String).self)
        return StoredEntry(
            seq: seq, kind: kind, id: id, recorded: recorded, body: Array(body.readableBytesView),
            previousHash: previous, hash: hash)
    }
}
