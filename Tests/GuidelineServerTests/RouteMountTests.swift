import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import GuidelineServer

/// Routes mounted from another module are served beside the REST API, with the request
/// log, CORS and the limits, and see the same rulesets.
@Suite struct RouteMountTests {
    final class Port: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Runs `body` on a new thread.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    @Test func mountedRoutesAreServed() async throws {
        let registry = try RulesetRegistry.load(directories: [bundledRuleset]).get()
        let environment = ServerEnvironment(
            registry: registry,
            configuration: {
                var configuration = ServerConfiguration()
                configuration.port = 0
                return configuration
            }(), metrics: ServerMetrics(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let mount = RouteMount(routes: [("GET", "/mounted")]) { router, environment in
            router.get("mounted") { _, _ in
                JSONResponse.json("{\"services\":\(environment.registry.ids.count)}\n")
            }
        }
        let port = Port()
        let application = ServeCommand.application(environment, mounts: [mount]) {
            port.value.store($0, ordering: .releasing)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: environment.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var listening = 0
            for _ in 0..<600 where listening == 0 {
                try await Task.sleep(for: .milliseconds(10))
                listening = port.value.load(ordering: .acquiring)
            }
            #expect(listening > 0)
            let client = HTTPTestClient(port: listening)
            // The blocking client runs on a thread of its own, not on the threads the server's tasks need.
            let mounted = try await Self.onThread { try client.request("GET", "/mounted") }
            #expect(mounted.status == 200)
            #expect(mounted.text == "{\"services\":1}\n")
            // Another method on a mounted route is 405 with the route's methods, as on the server's own routes.
            let put = try await Self.onThread { try client.request("PUT", "/mounted") }
            #expect(put.status == 405)
            #expect(put.headers["allow"] == "GET")
            #expect(try await Self.onThread { try client.request("GET", "/v1/rulesets") }.status == 200)
            let metrics = try await Self.onThread { try client.request("GET", "/metrics") }.text
            #expect(
                metrics.contains(#"guideline_http_requests_total{route="/mounted",method="GET",status="200"} 1"#))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
