#if GUIDELINE_POSTGRES
import Foundation
import GuidelineAudit
import GuidelineAuditPostgres
import Testing

/// What only the PostgreSQL store has: URLs, passwords, a server that cannot be reached, a database that holds
/// something else, a lock held too long.
@Suite("PostgreSQL audit store")
struct PostgresStoreTests {
    /// The tests' URL with another password, or port, or database.
    func variant(of url: String, password: String? = nil, port: Int? = nil, database: String? = nil) throws -> String {
        var components = try #require(URLComponents(string: url))
        if let password { components.password = password }
        if let port { components.port = port }
        if let database { components.path = "/\(database)" }
        return try #require(components.string)
    }

    @Test("a server that cannot be reached, a wrong password: clear errors that never show the password")
    func unreachable() throws {
        let url = try StoreBackend.postgresURL()
        // A port nothing listens on: one bound on loopback, then closed.
        let free = try StoreBackend.run(
            [
                "python3", "-c",
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
            ], environment: [:])
        let closedPort = try #require(Int(free.trimmingCharacters(in: .whitespacesAndNewlines)))
        let nowhere = verify(try variant(of: url, password: "hunter2-secret", port: closedPort))
        #expect(nowhere.exitCode == 1)
        #expect(nowhere.stderr.contains("cannot reach the audit store 'postgres://"), "\(nowhere.stderr)")
        #expect(nowhere.stderr.contains("[audit.store-unreachable]"))
        #expect(!nowhere.stderr.contains("hunter2-secret"))

        let refused = verify(try variant(of: url, password: "hunter2-secret"))
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("hunter2-secret"))
        #expect(!refused.stderr.contains(try #require(URLComponents(string: url)?.password)))
    }

    @Test("the password from PGPASSWORD when the URL has none")
    func passwordFromEnvironment() throws {
        let url = try StoreBackend.postgresURL()
        let password = try #require(URLComponents(string: url)?.password)
        var components = try #require(URLComponents(string: url))
        components.password = nil
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let bare = try #require(components.string) + "?schema=\(schema)"
        let store = try PostgresAuditStore(url: bare, create: true, environment: ["PGPASSWORD": password])
        #expect(store.name.hasPrefix("postgres://\(try #require(components.user))@"))
        #expect(!store.name.contains(password))
        #expect(try store.head().count == 0)
        #expect(throws: AuditError.self) { try PostgresAuditStore(url: bare, environment: [:]) }
    }

    @Test("a missing store, a schema holding other tables, malformed URLs: errors, never crashes")
    func badStores() throws {
        let store = try StoreBackend.postgres.freshStore()
        let missing = verify(store)
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("no audit store at 'postgres://"), "\(missing.stderr)")
        #expect(missing.stderr.contains("[audit.store-missing]"))
        #expect(verify(store).stderr.contains("[audit.store-missing]"), "verify made a store")

        let schema = String(try #require(store.split(separator: "=").last))
        try StoreBackend.psql(
            try StoreBackend.postgresURL(), "CREATE SCHEMA \(schema); CREATE TABLE \(schema).t (x int)")
        let foreign = verify(store)
        #expect(foreign.stderr.contains("is a PostgreSQL database but not an audit store [audit.store-corrupt]"))

        let url = try StoreBackend.postgresURL()
        for (bad, message) in [
            (try variant(of: url, database: ""), "names no database"),
            (url + "?schema=Robert'); DROP TABLE entry;--", "must be a lowercase SQL name"),
            (url + "?search_path=x", "is not an option"),
            (url + "?sslmode=sometimes", "sslmode"),
            ("postgres://db.example.org/audit", "names no user"),
        ] {
            let output = verify(bad)
            #expect(output.exitCode == 1)
            #expect(output.stderr.contains(message), "\(bad): \(output.stderr)")
        }
    }
}

#endif
