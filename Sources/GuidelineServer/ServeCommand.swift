import Foundation
import GuidelineAudit
import GuidelineAuditPostgres
import GuidelineCDSHooks
import GuidelineDiagnostics
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// `guideline serve`: loads the rulesets and serves them over HTTP until SIGTERM or SIGINT, which end it
/// gracefully (requests in flight finish).
package struct ServeCommand: Sendable {
    /// What the command line gives.
    package struct Options: Sendable {
        /// Ruleset directories (none: every ruleset under `./Rules`).
        package var rules: [String] = []
        /// The address to bind, over the configuration's.
        package var host: String?
        /// The port (0: any free one), over the configuration's.
        package var port: Int?
        /// The configuration file; nil: no authentication, loopback only.
        package var configuration: String?

        /// Creates options.
        package init(rules: [String] = [], host: String? = nil, port: Int? = nil, configuration: String? = nil) {
            self.rules = rules
            self.host = host
            self.port = port
            self.configuration = configuration
        }
    }

    /// The options.
    package var options: Options
    /// Routes added by other modules (CDS Hooks).
    package var mounts: [RouteMount]

    /// Creates the command.
    package init(_ options: Options, mounts: [RouteMount] = []) {
        self.options = options
        self.mounts = mounts
    }

    /// The addresses that reach this machine only.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1"]

    /// The configuration the options and the file give, or the message and exit code for standard error.
    func resolveConfiguration() -> Result<(ServerConfiguration, notice: String?), ExitMessage> {
        var configuration = ServerConfiguration()
        var notice: String?
        if let path = options.configuration {
            switch ServerConfiguration.load(path: path) {
            case .success(let loaded): configuration = loaded
            case .failure(let error): return .failure(ExitMessage(text: error.message, code: 1))
            }
            if configuration.cdsHooks.issuers.isEmpty {
                notice =
                    "no CDS Hooks client in the configuration ('cdsHooks: issuers:'): every CDS Hooks call is refused\n"
            }
        } else {
            if let host = options.host, !Self.loopbackHosts.contains(host) {
                return .failure(
                    ExitMessage(
                        text: "error: without --config the server listens on 127.0.0.1 only, not \(quoted: host); "
                            + "give a configuration file with API keys to listen on other addresses\n", code: 64))
            }
            notice =
                "no --config: no authentication (no API key, no CDS Hooks client token), listening on 127.0.0.1 only\n"
        }
        if let host = options.host { configuration.host = host }
        if let port = options.port {
            guard (0...65535).contains(port) else {
                return .failure(ExitMessage(text: "error: --port takes a number from 0 to 65535\n", code: 64))
            }
            configuration.port = port
        }
        return .success((configuration, notice))
    }

    /// A message for standard error and the exit code.
    struct ExitMessage: Error {
        var text: String
        var code: Int32
    }

    /// Runs the server until it is asked to stop; returns the exit code (0 after a graceful stop, 1 when a
    /// ruleset or the configuration has errors or the address cannot be bound, 64 for a usage mistake).
    package func run() -> Int32 {
        let configuration: ServerConfiguration
        let notice: String?
        switch resolveConfiguration() {
        case .success(let resolved): (configuration, notice) = resolved
        case .failure(let failure):
            Self.standardError(failure.text)
            return failure.code
        }
        let registry: RulesetRegistry
        switch RulesetRegistry.load(directories: options.rules) {
        case .success(let loaded): registry = loaded
        case .failure(let failure):
            Self.standardError(failure.message)
            return failure.exitCode
        }
        if let notice { Self.standardError("notice: " + notice) }
        var logger = Logger(label: "guideline.serve", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        var recorder: AuditRecorder?
        if let audit = configuration.audit {
            switch AuditRecorder.open(
                path: audit.store, keyFile: audit.hmacKeyFile, environment: ProcessInfo.processInfo.environment,
                opener: .withPostgres)
            {
            case .success(let opened): recorder = opened
            case .failure(let error):
                Self.standardError("error: \(error)\n")
                return 1
            }
            do throws(AuditError) {
                for ruleset in registry.rulesets { try recorder?.archive(ruleset) }
            } catch {
                Self.standardError("error: \(error)\n")
                return 1
            }
        }
        let environment = ServerEnvironment(
            registry: registry, configuration: configuration, metrics: ServerMetrics(), logger: logger,
            audit: recorder)
        let outcome = ExitBox()
        let feedback: any FeedbackStore = recorder.map { AuditFeedbackStore(recorder: $0) } ?? InMemoryFeedbackStore()
        let application = Self.application(environment, mounts: mounts, feedback: feedback) { _ in
            outcome.listening.store(true, ordering: .releasing)
        }
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let group = ServiceGroup(
                    configuration: ServiceGroupConfiguration(services: [application], logger: logger))
                ShutdownSignals.install(for: group)
                try await group.run()
            } catch {
                if outcome.listening.load(ordering: .acquiring) {
                    Self.standardError("error: the server stopped: \(error)\n")
                } else {
                    Self.standardError(
                        "error: cannot listen on \(configuration.host) port \(configuration.port): \(error)\n")
                }
                outcome.code = 1
            }
            done.signal()
        }
        done.wait()
        return outcome.code
    }

    /// The exit code the server task sets.
    private final class ExitBox: @unchecked Sendable {
        var code: Int32 = 0
        /// Set once the server listens.
        let listening = Atomic<Bool>(false)
    }

    /// The Hummingbird application: middleware (request log and metrics, CORS, concurrency limit), the REST routes,
    /// the CDS Hooks routes (feedback kept in `feedback`), then the mounted ones.
    ///
    /// `onListening` is called with the port once the server listens (after the `listening on` line).
    package static func application(
        _ environment: ServerEnvironment, mounts: [RouteMount] = [],
        feedback: any FeedbackStore = InMemoryFeedbackStore(),
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        let routes = RESTRoutes.routes + CDSHooksRoutes.routes + mounts.flatMap(\.routes)
        router.add(
            middleware: RequestLogMiddleware(logger: environment.logger, metrics: environment.metrics, routes: routes))
        router.add(middleware: CORSAllowlistMiddleware(allowedOrigins: Set(environment.configuration.allowedOrigins)))
        router.add(
            middleware: ConcurrencyLimitMiddleware(
                limit: environment.configuration.limits.concurrentRequests, metrics: environment.metrics))
        RESTRoutes(environment: environment).add(to: router)
        let listeningPort = CDSHooksRoutes.ListeningPort()
        CDSHooksRoutes(environment: environment, listeningPort: listeningPort, feedback: feedback).add(to: router)
        for mount in mounts { mount.add(router, environment) }
        let host = environment.configuration.host
        // Hummingbird logs its own events (start, stop) with this logger; requests are logged by the middleware.
        var quiet = environment.logger
        quiet.logLevel = .warning
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: environment.configuration.port), serverName: "guideline"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? environment.configuration.port
                listeningPort.value.store(port, ordering: .releasing)
                let shown = host.contains(":") ? "[\(host)]" : host
                standardError("listening on http://\(shown):\(port)\n")
                onListening(port)
            },
            logger: quiet)
    }

    /// Writes to standard error at once.
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
