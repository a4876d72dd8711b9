import GuidelineAudit
import Hummingbird
import Logging

/// What routes of the server share: the rulesets, the configuration, the metrics and the logger.
///
/// Given to every ``RouteMount``, so routes added later (CDS Hooks) see the same rulesets and settings.
package struct ServerEnvironment: Sendable {
    /// The rulesets served.
    package let registry: RulesetRegistry
    /// The configuration (file, or the loopback default).
    package let configuration: ServerConfiguration
    /// The metrics of `GET /metrics`.
    package let metrics: ServerMetrics
    /// The server's logger (never log case data, tokens or keys with it).
    package let logger: Logger
    /// Where every evaluation and feedback is appended before it is answered (the configuration's `audit:`).
    package let audit: AuditRecorder?

    /// Creates an environment.
    package init(
        registry: RulesetRegistry, configuration: ServerConfiguration, metrics: ServerMetrics, logger: Logger,
        audit: AuditRecorder? = nil
    ) {
        self.registry = registry
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.audit = audit
    }
}

/// Adds routes to the server's router: the mount point for routes built in other modules (the REST API and CDS
/// Hooks are added by the server itself).
///
/// The routes get the request log, the metrics, CORS and the concurrency limit; they do their own authentication (the
/// REST API's key check is not applied to them).
///
/// A mount names its routes (method and path template, `{id}` for a parameter), so that another method on one of
/// them is answered 405 with an `Allow` header, as the server's own routes are.
///
/// ```swift
/// let status = RouteMount(routes: [("GET", "/status")]) { router, environment in
///     router.get("status") { _, _ in ... }
/// }
/// ServeCommand(options, mounts: [status]).run()
/// ```
package struct RouteMount: Sendable {
    /// The routes `add` adds: method and path template.
    package var routes: [(method: String, path: String)]
    /// Adds them to the router.
    package var add: @Sendable (Router<BasicRequestContext>, ServerEnvironment) -> Void

    /// A mount of `routes`, added by `add`.
    package init(
        routes: [(method: String, path: String)],
        add: @escaping @Sendable (Router<BasicRequestContext>, ServerEnvironment) -> Void
    ) {
        self.routes = routes
        self.add = add
    }
}
