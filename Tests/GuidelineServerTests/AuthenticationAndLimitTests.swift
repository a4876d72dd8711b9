import Foundation
import Testing

/// API keys with roles, CORS and every limit, against `guideline serve --config` over loopback.
@Suite struct AuthenticationAndLimitTests {
    static let evaluateKey = "ev-3f9a1c-test-key"
    static let auditKey = "au-77b2e0-test-key"
    static let evaluatePath = "/v1/rulesets/spine-metastases/evaluate"
    static let origin = "https://ehr.example.org"
    static let secretCase =
        #"{"case":"PATIENT-7731-SECRET","facts":{"spine.level":"T11","neuro.presentation":"suspected-mescc","patient.life_expectancy":"77 mo"}}"#

    static func sha256(_ key: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(key.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    /// A server with an `evaluate` key and an `audit` key, an allowed origin and the given limits.
    static func server(limits: String = "caseBodyBytes: 4096") throws -> (ServerProcess, String) {
        let configuration = try temporaryFile(
            """
            host: 127.0.0.1
            apiKeys:
              - name: ehr
                sha256: \(try sha256(evaluateKey))
                roles: [evaluate]
              - name: ops
                sha256: \(try sha256(auditKey))
                roles: [audit]
            cors:
              allowedOrigins: [\(origin)]
            limits: {\(limits)}
            """)
        return (try ServerProcess(["--rules", bundledRuleset, "--config", configuration]), configuration)
    }

    static func bearer(_ key: String) -> [String: String] { ["Authorization": "Bearer \(key)"] }

    @Test func credentialsAndRolesAreChecked() throws {
        let (server, configuration) = try Self.server()
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let client = server.client
        let none = try client.request("POST", Self.evaluatePath, text: Self.secretCase)
        #expect(none.status == 401)
        #expect(none.headers["www-authenticate"] == "Bearer")
        #expect(try none.json()["error"] as? String == "an API key is needed: send 'Authorization: Bearer KEY'")
        #expect(
            try client.request("POST", Self.evaluatePath, headers: Self.bearer("wrong"), text: Self.secretCase).status
                == 401)
        #expect(try client.request("GET", "/v1/rulesets").status == 401)
        // The audit key may not evaluate; the evaluate key may not read the metrics.
        let forbidden = try client.request(
            "POST", Self.evaluatePath, headers: Self.bearer(Self.auditKey), text: Self.secretCase)
        #expect(forbidden.status == 403)
        #expect(try forbidden.json()["error"] as? String == "the API key does not have the role 'evaluate'")
        #expect(try client.request("GET", "/metrics", headers: Self.bearer(Self.evaluateKey)).status == 403)
        #expect(
            try client.request(
                "POST", "/v1/rulesets/spine-metastases/batch", headers: Self.bearer(Self.auditKey),
                text: Self.secretCase
            ).status == 403)
        // Allowed: with the right role, by either header; any key reads the rulesets.
        #expect(
            try client.request("POST", Self.evaluatePath, headers: Self.bearer(Self.evaluateKey), text: Self.secretCase)
                .status == 200)
        #expect(
            try client.request(
                "POST", Self.evaluatePath, headers: ["X-API-Key": Self.evaluateKey], text: Self.secretCase
            ).status == 200)
        #expect(try client.request("GET", "/metrics", headers: Self.bearer(Self.auditKey)).status == 200)
        #expect(try client.request("GET", "/v1/rulesets", headers: Self.bearer(Self.auditKey)).status == 200)
        // The probes and the document need no key.
        #expect(try client.request("GET", "/healthz").status == 200)
        #expect(try client.request("GET", "/openapi.json").status == 200)
    }

    /// The log has one line per request and never the case, its id, a fact value or a key.
    @Test func theLogHoldsNoCaseDataOrKeys() throws {
        let (server, configuration) = try Self.server()
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        _ = try server.client.request(
            "POST", Self.evaluatePath + "?explain=all", headers: Self.bearer(Self.evaluateKey), text: Self.secretCase)
        _ = try server.client.request(
            "POST", Self.evaluatePath, headers: Self.bearer(Self.auditKey), text: Self.secretCase)
        _ = try server.client.request(
            "POST", Self.evaluatePath, headers: ["X-API-Key": "not-a-key-5521"], text: Self.secretCase)
        _ = try server.client.request(
            "POST", "/v1/rulesets/spine-metastases/batch", headers: Self.bearer(Self.evaluateKey),
            text: Self.secretCase + "\n")
        let stopped = server.waitForRequestLines(4)
        server.stop()
        let log = server.stderr
        #expect(stopped, "\(log)")
        for secret in [
            "PATIENT-7731", "77 mo", "spine.level", "suspected-mescc", Self.evaluateKey, Self.auditKey,
            "not-a-key-5521", "explain=all", "Bearer",
        ] {
            #expect(!log.contains(secret), "the log holds \(secret): \(log)")
        }
        #expect(log.contains("POST /v1/rulesets/spine-metastases/evaluate 200 "))
        #expect(log.contains("POST /v1/rulesets/spine-metastases/evaluate 403 "))
        #expect(log.contains("POST /v1/rulesets/spine-metastases/evaluate 401 "))
        #expect(log.contains("POST /v1/rulesets/spine-metastases/batch 200 "))
        #expect(!log.contains("no authentication"))
    }

    @Test func corsPreflightIsAnsweredForAllowedOriginsOnly() throws {
        let (server, configuration) = try Self.server()
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let preflight = [
            "Origin": Self.origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        ]
        let allowed = try server.client.request("OPTIONS", Self.evaluatePath, headers: preflight)
        #expect(allowed.status == 204)
        #expect(allowed.headers["access-control-allow-origin"] == Self.origin)
        #expect(allowed.headers["access-control-allow-methods"]?.contains("POST") == true)
        #expect(allowed.headers["access-control-allow-headers"]?.contains("Authorization") == true)
        var other = preflight
        other["Origin"] = "https://evil.example.com"
        let refused = try server.client.request("OPTIONS", Self.evaluatePath, headers: other)
        #expect(refused.status == 403)
        #expect(refused.headers["access-control-allow-origin"] == nil)
        // An actual call from the allowed origin carries the header; from another origin it does not.
        var headers = Self.bearer(Self.evaluateKey)
        headers["Origin"] = Self.origin
        #expect(
            try server.client.request("GET", "/v1/rulesets", headers: headers).headers["access-control-allow-origin"]
                == Self.origin)
        headers["Origin"] = "https://evil.example.com"
        #expect(
            try server.client.request("GET", "/v1/rulesets", headers: headers).headers["access-control-allow-origin"]
                == nil)
    }

    /// A body over the limit is 413, announced (`Content-Length`) or not (chunked); the server goes on serving.
    @Test func bodiesOverTheLimitAre413() throws {
        let (server, configuration) = try Self.server(limits: "caseBodyBytes: 4096, batchBodyBytes: 8192")
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let big = #"{"facts":{}, "pad": ""# + String(repeating: "x", count: 5000) + #""}"#
        let announced = try server.client.request(
            "POST", Self.evaluatePath, headers: Self.bearer(Self.evaluateKey), text: big)
        #expect(announced.status == 413)
        #expect(
            try announced.json()["error"] as? String
                == "the body is \(big.utf8.count) bytes, over 4096 bytes (the limit caseBodyBytes)")
        let connection = try HTTPTestConnection(port: server.port, timeout: 30)
        var headers = Self.bearer(Self.evaluateKey)
        headers["Transfer-Encoding"] = "chunked"
        try connection.send(head: "POST \(Self.evaluatePath)", headers: headers)
        try connection.send(Array((String(big.utf8.count, radix: 16) + "\r\n" + big + "\r\n0\r\n\r\n").utf8))
        let chunked = try connection.readResponse()
        #expect(chunked.status == 413)
        #expect(try chunked.json()["error"] as? String == "the body is over 4096 bytes (the limit caseBodyBytes)")
        // A batch over its limit: 413 when announced.
        let batch = String(repeating: Self.secretCase + "\n", count: 100)
        #expect(
            try server.client.request(
                "POST", "/v1/rulesets/spine-metastases/batch", headers: Self.bearer(Self.evaluateKey), text: batch
            ).status == 413)
        #expect(
            try server.client.request(
                "POST", Self.evaluatePath, headers: Self.bearer(Self.evaluateKey), text: Self.secretCase
            ).status == 200)
    }

    /// A chunked batch over its limit stops reading there and says so in a last line.
    @Test func aChunkedBatchOverItsLimitEndsWithAnErrorLine() throws {
        let (server, configuration) = try Self.server(limits: "batchBodyBytes: 2000")
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let connection = try HTTPTestConnection(port: server.port, timeout: 30)
        var headers = Self.bearer(Self.evaluateKey)
        headers["Transfer-Encoding"] = "chunked"
        try connection.send(head: "POST /v1/rulesets/spine-metastases/batch", headers: headers)
        let line = Array((Self.secretCase + "\n").utf8)
        for _ in 0..<40 {
            try connection.send(Array((String(line.count, radix: 16) + "\r\n").utf8) + line + Array("\r\n".utf8))
        }
        try connection.send(Array("0\r\n\r\n".utf8))
        let response = try connection.readResponse()
        #expect(response.status == 200)
        let lines = response.text.split(separator: "\n")
        #expect(lines.count < 40)
        #expect(lines.last?.contains(#""code":"batch.body-too-large""#) == true)
    }

    /// More requests at once than the limit: 503 with a JSON error, and the server serves again after.
    @Test func tooManyRequestsAtOnceAre503() throws {
        let (server, configuration) = try Self.server(limits: "concurrentRequests: 1")
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        // A batch whose body is still arriving holds the one place.
        let held = try HTTPTestConnection(port: server.port, timeout: 30)
        var headers = Self.bearer(Self.evaluateKey)
        headers["Transfer-Encoding"] = "chunked"
        try held.send(head: "POST /v1/rulesets/spine-metastases/batch", headers: headers)
        let line = Array((Self.secretCase + "\n").utf8)
        try held.send(Array((String(line.count, radix: 16) + "\r\n").utf8) + line + Array("\r\n".utf8))
        // The batch has started once its header line is out.
        try held.read(until: "guideline-batch/2")
        var busy: HTTPTestResponse?
        for _ in 0..<100 {
            let response = try server.client.request("GET", "/healthz")
            if response.status == 503 {
                busy = response
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let response = try #require(busy, "\(server.stderr)")
        #expect(response.headers["retry-after"] == "1")
        #expect(
            try response.json()["error"] as? String
                == "the server is busy: more than 1 requests at once (the limit concurrentRequests)")
        try held.send(Array("0\r\n\r\n".utf8))
        #expect(try held.readResponse().status == 200)
        var served = false
        for _ in 0..<100 where !served {
            served = try server.client.request("GET", "/healthz").status == 200
            if !served { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(served)
    }

    /// A client that leaves in the middle of a batch frees its place: the server serves the next ones.
    @Test func aClientLeavingMidBatchFreesItsPlace() throws {
        let (server, configuration) = try Self.server(limits: "concurrentRequests: 1")
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        do {
            let left = try HTTPTestConnection(port: server.port, timeout: 30)
            var headers = Self.bearer(Self.evaluateKey)
            headers["Transfer-Encoding"] = "chunked"
            try left.send(head: "POST /v1/rulesets/spine-metastases/batch", headers: headers)
            let line = Array((Self.secretCase + "\n").utf8)
            try left.send(Array((String(line.count, radix: 16) + "\r\n").utf8) + line + Array("\r\n".utf8))
            Thread.sleep(forTimeInterval: 0.3)
        }
        var statuses: [Int] = []
        for _ in 0..<100 {
            let status = try server.client.request(
                "POST", Self.evaluatePath, headers: Self.bearer(Self.evaluateKey), text: Self.secretCase
            ).status
            statuses.append(status)
            if status == 200 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(statuses.last == 200, "\(statuses)")
        #expect(try server.client.request("GET", "/healthz").status == 200)
    }

    /// A request head over SwiftNIO's limit (80 KiB) is refused with 400; the server goes on serving.
    @Test func anOversizedHeadIs400() throws {
        let (server, configuration) = try Self.server()
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let response = try server.client.request(
            "GET", "/healthz", headers: ["X-Padding": String(repeating: "a", count: 200_000)])
        #expect(response.status == 400)
        #expect(
            try server.client.request("GET", "/healthz", headers: ["X-Padding": String(repeating: "a", count: 50_000)])
                .status == 200)
    }

    /// A body that does not arrive in time is 408.
    @Test func aSlowBodyIs408() throws {
        let (server, configuration) = try Self.server(limits: "requestSeconds: 1")
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let connection = try HTTPTestConnection(port: server.port, timeout: 30)
        var headers = Self.bearer(Self.evaluateKey)
        headers["Content-Length"] = "200"
        try connection.send(head: "POST \(Self.evaluatePath)", headers: headers)
        try connection.send(Array(#"{"facts":"#.utf8))
        let start = Date()
        let response = try connection.readResponse()
        #expect(response.status == 408)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(
            try response.json()["error"] as? String
                == "the body took longer than 1 s to arrive (the limit requestSeconds)")
        #expect(try server.client.request("GET", "/healthz").status == 200)
    }
}

extension ServerProcess {
    /// Waits (at most 10 s) until the log has `count` request lines.
    func waitForRequestLines(_ count: Int) -> Bool {
        for _ in 0..<500 {
            if stderr.components(separatedBy: " ms\n").count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
