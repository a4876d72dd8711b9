import Foundation
import Testing

/// Starting and stopping `guideline serve`: what it refuses, what it says, and a graceful stop.
@Suite struct LifecycleTests {
    static let line = #"{"case":"slow","facts":{"spine.level":"T12","neuro.presentation":"suspected-mescc"}}"# + "\n"

    /// Without `--config`: no keys, 127.0.0.1 only, and it says so; another address is refused.
    @Test func withoutAConfigurationItListensOnLoopbackOnly() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        #expect(
            server.stderr.hasPrefix(
                "notice: no --config: no authentication (no API key, no CDS Hooks client token), listening on 127.0.0.1 only\nlistening on http://127.0.0.1:\(server.port)\n"
            ))
        #expect(try server.client.request("GET", "/v1/rulesets").status == 200)
        for host in ["0.0.0.0", "::", "192.0.2.1"] {
            let refused = try runGuideline(["serve", "--rules", bundledRuleset, "--host", host, "--port", "0"])
            #expect(refused.status == 64)
            #expect(
                refused.stderr == "error: without --config the server listens on 127.0.0.1 only, not '\(host)'; "
                    + "give a configuration file with API keys to listen on other addresses\n")
        }
    }

    /// SIGTERM while a batch is arriving: the batch completes, then the server exits 0.
    @Test func aRequestInFlightCompletesAfterSIGTERM() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let connection = try HTTPTestConnection(port: server.port, timeout: 30)
        try connection.send(head: "POST /v1/rulesets/spine-metastases/batch", headers: ["Transfer-Encoding": "chunked"])
        let bytes = Array(Self.line.utf8)
        let chunk = Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
        try connection.send(chunk)
        Thread.sleep(forTimeInterval: 0.3)
        server.signal(SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(server.process.isRunning, "the server stopped with a request in flight")
        for _ in 0..<3 {
            try connection.send(chunk)
            Thread.sleep(forTimeInterval: 0.1)
        }
        try connection.send(Array("0\r\n\r\n".utf8))
        let response = try connection.readResponse()
        #expect(response.status == 200)
        let lines = response.text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.last?.hasPrefix(#"{"line":4,"case":"slow""#) == true)
        #expect(server.waitForExit() == 0)
        // No new connection is taken once it has stopped.
        #expect(throws: (any Error).self) { try server.client.request("GET", "/healthz") }
    }

    @Test func aPortInUseIsAnError() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let refused = try runGuideline(["serve", "--rules", bundledRuleset, "--port", String(server.port)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: cannot listen on 127.0.0.1 port \(server.port): "), "\(refused.stderr)")
        #expect(try server.client.request("GET", "/healthz").status == 200)
    }

    @Test func sigintStopsItToo() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        server.signal(SIGINT)
        #expect(server.waitForExit() == 0)
    }

    /// A ruleset with an error: the diagnostics as `check` prints them, exit 1, nothing served.
    @Test func aRulesetWithErrorsIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("spine-metastases")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundledRuleset, toPath: copy.path)
        let file = copy.appendingPathComponent("physical-therapy.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let planted = try #require(text.range(of: "spine.pain == mechanical"))
        try text.replacingCharacters(in: planted, with: "spine.pian == mechanical").write(
            to: file, atomically: true, encoding: .utf8)
        let refused = try runGuideline(["serve", "--rules", copy.path, "--port", "0"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: undeclared name 'spine.pian' [expr.undeclared-name]"))
        #expect(refused.stderr.contains("help: did you mean 'spine.pain'?"))
        #expect(
            refused.stderr.hasSuffix(
                "error: the ruleset '\(copy.path)' has errors (see 'guideline check \(copy.path)')\n"))
        #expect(!refused.stderr.contains("listening"))
    }

    @Test func aConfigurationWithErrorsIsRefused() throws {
        let path = try temporaryFile("port: 1\nlimits: {caseBodyBytes: -1}\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let refused = try runGuideline(["serve", "--rules", bundledRuleset, "--config", path])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("error: 'caseBodyBytes' must be a positive number, found -1 [config.invalid-limit]")
        )
        #expect(refused.stderr.hasSuffix("error: the configuration file '\(path)' has errors\n"))
        let missing = try runGuideline(["serve", "--rules", bundledRuleset, "--config", "/nonexistent/server.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: cannot read configuration file '/nonexistent/server.yaml'\n")
    }

    /// Two rulesets are served under their ids; the same one twice is refused.
    @Test func severalRulesetsAreServedByTheirIds() throws {
        let refused = try runGuideline(["serve", "--rules", bundledRuleset, bundledRuleset, "--port", "0"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("have the same id 'spine-metastases'"))
    }
}
