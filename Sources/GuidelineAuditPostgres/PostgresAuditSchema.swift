import GuidelineAudit

/// The SQL of the PostgreSQL audit store's tables and the triggers that make them append-only: the SQLite store's
/// tables (``SQLiteAuditSchema`` in GuidelineAudit), with the chain's head in a row of its own that every append
/// locks.
enum PostgresAuditSchema {
    /// The advisory lock key taken while the tables are made or checked, so that instances starting together do
    /// not both make them.
    static let setupLock = 0x6775_6964_6531_3931

    /// Creates every table, index, function and trigger, one statement each.
    static let create: [String] =
        [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                count BIGINT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "INSERT INTO head (id, count, hash) VALUES (1, 0, '\(ChainHash.genesis)')",
            """
            CREATE TABLE entry (
                seq BIGINT PRIMARY KEY,
                kind TEXT NOT NULL,
                id TEXT NOT NULL,
                recorded TEXT NOT NULL,
                fingerprint TEXT,
                body BYTEA NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX entry_id ON entry (id)",
            "CREATE INDEX entry_recorded ON entry (recorded)",
            "CREATE TABLE entry_ref (ref TEXT NOT NULL, seq BIGINT NOT NULL)",
            "CREATE INDEX entry_ref_ref ON entry_ref (ref)",
            """
            CREATE TABLE ruleset (
                fingerprint TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, archived TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE ruleset_file (
                fingerprint TEXT NOT NULL,
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                content BYTEA NOT NULL,
                PRIMARY KEY (fingerprint, path)
            )
            """,
            """
            CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$
            """,
        ]
        // Every table refuses UPDATE, DELETE and TRUNCATE, but the head, which each append updates.
        + ["entry", "entry_ref", "ruleset", "ruleset_file"].flatMap { table in
            [
                "CREATE TRIGGER \(table)_append_only BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION refuse_change()",
                "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()",
            ]
        } + [
            "CREATE TRIGGER head_kept BEFORE DELETE ON head FOR EACH ROW EXECUTE FUNCTION refuse_change()",
            "CREATE TRIGGER head_no_truncate BEFORE TRUNCATE ON head FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()",
        ]
}
