/// The SQL of the audit store's tables and the triggers that make them append-only.
enum SQLiteAuditSchema {
    /// Creates every table, index and trigger.
    static let create = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entry (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            recorded TEXT NOT NULL,
            fingerprint TEXT,
            body BLOB NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX entry_id ON entry (id);
        CREATE INDEX entry_recorded ON entry (recorded);
        CREATE TABLE entry_ref (ref TEXT NOT NULL, seq INTEGER NOT NULL);
        CREATE INDEX entry_ref_ref ON entry_ref (ref);
        CREATE TABLE ruleset (fingerprint TEXT PRIMARY KEY, id TEXT NOT NULL, version TEXT NOT NULL, archived TEXT NOT NULL);
        CREATE TABLE ruleset_file (
            fingerprint TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (fingerprint, path)
        );
        CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER ref_no_update BEFORE UPDATE ON entry_ref BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER ref_no_delete BEFORE DELETE ON entry_ref BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER ruleset_no_update BEFORE UPDATE ON ruleset BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
        CREATE TRIGGER ruleset_no_delete BEFORE DELETE ON ruleset BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
        CREATE TRIGGER file_no_update BEFORE UPDATE ON ruleset_file BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
        CREATE TRIGGER file_no_delete BEFORE DELETE ON ruleset_file BEGIN SELECT RAISE(ABORT, 'the archive is append-only'); END;
        """
}
