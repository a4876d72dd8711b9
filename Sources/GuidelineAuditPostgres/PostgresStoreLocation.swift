import Foundation
import GuidelineAudit
import GuidelineDiagnostics

/// Where a PostgreSQL audit store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=S&sslmode=M]`.
///
/// The password comes from the URL or, when the URL has none, from `PGPASSWORD`; it is never part of
/// ``displayName``, which is what messages show. `schema` keeps the store's tables in a schema of their own
/// (default: the database's `public`), so one database may hold several trails; `sslmode` is `disable` (the
/// default), `prefer` or `require`.
struct PostgresStoreLocation: Sendable, Equatable {
    /// The connection mode of TLS.
    enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var schema: String?
    var tls: TLSMode

    /// The URL without its password.
    var displayName: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var query: [String] = []
        if let schema { query.append("schema=\(schema)") }
        if tls != .disable { query.append("sslmode=\(tls.rawValue)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// Reads `url`, with `PGPASSWORD` from `environment` when the URL has no password.
    ///
    /// A malformed URL is `audit.store-corrupt`, with a message that never holds the password.
    init(url: String, environment: [String: String]) throws(AuditError) {
        let shown = AuditStoreOpener.redacted(url)
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw AuditError(.storeCorrupt, "\(quoted: shown) is not a PostgreSQL URL") }
        guard let host = components.host, !host.isEmpty else {
            throw AuditError(.storeCorrupt, "the PostgreSQL URL \(quoted: shown) names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw AuditError(
                .storeCorrupt, "the PostgreSQL URL \(quoted: shown) names no user (postgres://USER@HOST/DB)")
        }
        let database = String(components.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else {
            throw AuditError(
                .storeCorrupt, "the PostgreSQL URL \(quoted: shown) names no database (postgres://USER@HOST/DB)")
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password ?? environment["PGPASSWORD"]
        self.database = database
        self.schema = nil
        self.tls = .disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let value = item.value, Self.isIdentifier(value) else {
                    throw AuditError(
                        .storeCorrupt,
                        "the schema in \(quoted: shown) must be a lowercase SQL name (letters, digits, '_'; not first a digit)"
                    )
                }
                schema = value
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw AuditError(.storeCorrupt, "sslmode in \(quoted: shown) is disable, prefer or require")
                }
                tls = mode
            default:
                throw AuditError(
                    .storeCorrupt,
                    "\(quoted: item.name) in \(quoted: shown) is not an option: the options are schema and sslmode")
            }
        }
    }

    /// A plain lowercase SQL identifier, safe to put in SQL text unquoted.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 63, !(48...57).contains(first) else { return false }
        return text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}
