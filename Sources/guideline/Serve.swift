#if GUIDELINE_SERVER
import ArgumentParser
import Foundation
import GuidelineServer
import GuidelineWeb

/// `guideline serve`: the engine as an HTTP service (a thin layer over `GuidelineServer.ServeCommand`).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Serve rulesets over HTTP: the clinician's page at /, a REST API under /v1, health probes, metrics and an OpenAPI document.",
        discussion: """
            Examples:
              guideline serve --rules Rules/spine-metastases --port 8080
              guideline serve --config server.yaml

            Without --config the server asks for no credentials and listens on 127.0.0.1 only. SIGTERM or SIGINT end it gracefully: requests in flight finish.
            Exit codes: 0 stopped, 1 a ruleset or the configuration has errors, or the server could not start, 64 usage error.
            """)

    @Option(
        name: .customLong("rules"), parsing: .upToNextOption,
        help: "Ruleset directories to serve (default: every ruleset under ./Rules).")
    var rules: [String] = []

    @Option(help: "The address to listen on (default 127.0.0.1, or the configuration's).")
    var host: String?

    @Option(help: "The port (0: any free port; default 8080, or the configuration's).")
    var port: Int?

    @Option(
        name: .customLong("config"),
        help: "The configuration file (YAML or JSON): API keys, users of the page, CORS origins, limits.")
    var config: String?

    func run() throws {
        let code = ServeCommand(
            ServeCommand.Options(rules: rules, host: host, port: port, configuration: config),
            mounts: [WebRoutes.mount]
        ).run()
        throw ExitCode(code)
    }
}
#endif
