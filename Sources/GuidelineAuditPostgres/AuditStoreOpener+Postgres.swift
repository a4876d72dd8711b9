import GuidelineAudit

extension AuditStoreOpener {
    /// Opens SQLite files and PostgreSQL URLs (``PostgresAuditStore``).
    package static let withPostgres = AuditStoreOpener { url, create, hasher, environment throws(AuditError) in
        try PostgresAuditStore(url: url, create: create, hasher: hasher, environment: environment)
    }
}
