import Dispatch
import GuidelineAudit
import GuidelineDiagnostics
import Logging
import PostgresNIO
import Synchronization

/// One connection to PostgreSQL, used synchronously: each call runs its queries on the connection's event loop
/// and blocks the calling thread until they are done.
///
/// The audit store's protocol is synchronous (the commands, replay on every core and the server's evaluation path
/// all call it from plain functions), so this is where the bridge to postgres-nio's futures is. The event loop
/// is this module's own thread, never one of the caller's, so a caller blocked here (a server task included)
/// cannot stop the answer from arriving. Calls are serialized: a transaction has the connection to itself. A
/// closed connection (the server restarted) is opened again at the next call.
final class PostgresSession: Sendable {
    /// The event loop of every PostgreSQL connection of the process: a thread of its own.
    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// postgres-nio logs nothing: its debug lines would carry queries and their values.
    private static let logger = Logger(label: "guideline.audit.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    /// How long a statement waits for a lock (another instance's append) before it fails, as SQLite's busy
    /// timeout does.
    static let lockSeconds = 5

    private let location: PostgresStoreLocation
    private let connection = Mutex<PostgresConnection?>(nil)

    /// A session for `location`; it connects at the first call.
    init(location: PostgresStoreLocation) {
        self.location = location
    }

    /// What the queries of one call run on.
    struct Connection {
        let connection: PostgresConnection

        /// Runs `query` and returns its rows.
        @discardableResult
        func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
            let result = try PostgresSession.wait(
                connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: PostgresSession.logger))
            return Array(result.rows)
        }

        /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
        func transaction<T>(_ body: () throws -> T) throws -> T {
            try query("BEGIN")
            do {
                let value = try body()
                try query("COMMIT")
                return value
            } catch {
                _ = try? query("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` with the connection (connecting first when there is none or it was closed).
    func with<T>(_ body: (Connection) throws -> T) throws -> T {
        try connection.withLock { current in
            if current == nil || current?.isClosed == true {
                current = try connect()
            }
            // swift-format-ignore: NeverForceUnwrap
            return try body(Connection(connection: current!))
        }
    }

    /// Opens a connection and sets what every audit session needs: durable commits, the lock timeout, the schema.
    private func connect() throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        let opened = try Self.wait(
            PostgresConnection.connect(
                on: Self.group.next(), configuration: configuration, id: 1, logger: Self.logger))
        do {
            let setup = Connection(connection: opened)
            try setup.query("SET synchronous_commit = on")
            try setup.query("SET lock_timeout = '\(Self.lockSeconds)s'")
            try setup.query("SET search_path TO \(location.schema ?? "public")")
        } catch {
            _ = try? Self.wait(opened.close())
            throw error
        }
        return opened
    }

    /// Closes the connection, if open.
    func close() {
        connection.withLock { current in
            if let open = current { _ = try? Self.wait(open.close()) }
            current = nil
        }
    }

    /// Blocks until `future` completes; never called on the session's own event loop.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        // swift-format-ignore: NeverForceUnwrap
        return try outcome.withLock { $0! }.get()
    }

    /// Why a PostgreSQL call failed, in words that never hold a password or a value: the server's message, or
    /// what went wrong with the connection.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else {
            if let audit = error as? AuditError { return audit.message }
            return "\(error)"
        }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }
}
