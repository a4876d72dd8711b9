import Foundation
import Synchronization
import Testing

/// `guideline serve` with `audit: {store: postgres://...}`: two server processes share one trail in one
/// PostgreSQL database, each answering only once its record is committed; a lock held past the store's lock
/// timeout gives 503. The server is the one `GUIDELINE_TEST_POSTGRES_URL` names (`.ci/postgres start DIR`).
@Suite struct PostgresAuditServerTests {
    static let key = "ev-postgres-audit-key"
    static let path = "/v1/rulesets/spine-metastases/evaluate"
    static let secretCase =
        #"{"case":"PATIENT-7720-PG","facts":{"spine.level":"T11","neuro.presentation":"suspected-mescc"}}"#

    /// The tests' PostgreSQL URL; the test fails without it.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["GUIDELINE_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw SetupError(
                description:
                    "GUIDELINE_TEST_POSTGRES_URL is not set: start a server with '.ci/postgres start DIR' and export the URL it prints"
            )
        }
        return url
    }

    /// Runs psql on `url` in `schema`; returns the process, started, with its standard output piped.
    static func psql(_ url: String, schema: String, _ commands: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url] + commands.flatMap { ["-c", $0] }
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c search_path=\(schema)"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }

    @Test func twoServersShareOnePostgresTrail() throws {
        let url = try Self.postgresURL()
        let password = URLComponents(string: url)?.password ?? "no password"
        let schema = "s_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let store = "\(url)?schema=\(schema)"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-audit-pg-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "a server key of at least sixteen bytes\n".write(
            toFile: "\(directory)/audit.key", atomically: true, encoding: .utf8)
        let configuration = "\(directory)/serve.yaml"
        try """
        host: 127.0.0.1
        apiKeys:
          - name: ehr
            sha256: \(try AuthenticationAndLimitTests.sha256(Self.key))
            roles: [evaluate]
        audit:
          store: "\(store)"
          hmacKeyFile: audit.key
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
        let servers = try [
            ServerProcess(["--rules", bundledRuleset, "--config", configuration]),
            ServerProcess(["--rules", bundledRuleset, "--config", configuration]),
        ]
        let headers = AuthenticationAndLimitTests.bearer(Self.key)
        // Four clients at once, each alternating between the two servers.
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { client in
            for round in 0..<10 {
                let server = servers[(client + round) % 2]
                let status =
                    (try? server.client.request("POST", Self.path, headers: headers, text: Self.secretCase))?
                    .status ?? -1
                statuses.withLock { $0.append(Int(status)) }
            }
        }
        #expect(statuses.withLock { $0 } == Array(repeating: 200, count: 40))

        // Another session holds the chain's head past the store's lock timeout (5 s): the answer is 503.
        let (locker, lockerOutput) = try Self.psql(
            url, schema: schema, ["BEGIN", "SELECT 'locked' FROM head FOR UPDATE", "SELECT pg_sleep(9)", "COMMIT"])
        _ = lockerOutput.fileHandleForReading.availableData
        let refused = try servers[1].client.request("POST", Self.path, headers: headers, text: Self.secretCase)
        #expect(refused.status == 503)
        #expect(!refused.text.contains("suspected-mescc"), "the refused answer holds the result")
        locker.waitUntilExit()
        #expect(try servers[0].client.request("POST", Self.path, headers: headers, text: Self.secretCase).status == 200)
        for server in servers { server.stop() }

        let verify = try runGuideline(["audit", "verify", store])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stderr.contains("41 records verified: the chain is intact"), "\(verify.stderr)")
        let (dump, dumpOutput) = try Self.psql(
            url, schema: schema, ["SELECT convert_from(body, 'UTF8') FROM entry", "SELECT * FROM meta"])
        let rows = String(decoding: dumpOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        dump.waitUntilExit()
        #expect(rows.contains("\"channel\":\"rest\""), "the rows were not read: \(rows.prefix(200))")
        #expect(!rows.contains("PATIENT-7720-PG"), "the case id is in clear")
        for server in servers {
            #expect(!server.stderr.contains("PATIENT-7720-PG"))
            #expect(!server.stderr.contains(password), "the password is in the log")
        }
        #expect(servers[1].stderr.contains("audit store failed"), "\(servers[1].stderr)")
    }
}
