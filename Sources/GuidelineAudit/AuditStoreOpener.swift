/// Opens an audit store from its name: a `postgres://` (or `postgresql://`) URL names a PostgreSQL store, anything
/// else an SQLite file.
///
/// GuidelineAudit knows only SQLite; the PostgreSQL store lives in the module `GuidelineAuditPostgres` (left out
/// with `GUIDELINE_CORE_ONLY=1`), which gives the `guideline` executable and the server an opener that knows both
/// (`AuditStoreOpener.withPostgres`).
package struct AuditStoreOpener: Sendable {
    /// Opens a PostgreSQL store: the URL, whether to create the store's tables, the HMAC key to check, and the
    /// environment (`PGPASSWORD`).
    package typealias PostgresOpen =
        @Sendable (
            _ url: String, _ create: Bool, _ hasher: IdentifierHasher?, _ environment: [String: String]
        ) throws(AuditError) -> any AuditStore

    private let postgres: PostgresOpen?

    /// An opener that opens PostgreSQL URLs with `postgres` (nil: they are refused with a clear error).
    package init(postgres: PostgresOpen?) { self.postgres = postgres }

    /// Opens SQLite files only; a PostgreSQL URL is `audit.store-unsupported`.
    package static let sqliteOnly = AuditStoreOpener(postgres: nil)

    /// Whether `name` is a PostgreSQL URL rather than a file path.
    package static func isPostgres(_ name: String) -> Bool {
        name.hasPrefix("postgres://") || name.hasPrefix("postgresql://")
    }

    /// `name` as messages show it: a PostgreSQL URL without its password, a path as it is.
    package static func redacted(_ name: String) -> String {
        guard isPostgres(name), let scheme = name.range(of: "://") else { return name }
        let authority = name[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return name }
        let userInfo = name[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return name }
        return String(name[..<colon]) + String(name[at...])
    }

    /// Opens the store named `name`; with `create`, makes it when there is none; with `hasher`, checks (or, at
    /// first, remembers) the HMAC key's check value.
    package func open(
        _ name: String, create: Bool = false, hasher: IdentifierHasher? = nil, environment: [String: String] = [:]
    ) throws(AuditError) -> any AuditStore {
        guard Self.isPostgres(name) else { return try SQLiteAuditStore(path: name, create: create, hasher: hasher) }
        guard let postgres else {
            throw AuditError(
                .storeUnsupported,
                "this build has no PostgreSQL audit store (it was built with GUIDELINE_CORE_ONLY=1); give an SQLite file"
            )
        }
        return try postgres(name, create, hasher, environment)
    }
}
