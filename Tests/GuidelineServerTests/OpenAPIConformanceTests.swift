import Foundation
import Testing

/// The `schemathesis` command on the PATH (pip install schemathesis; `.ci/run` installs it), if any.
let schemathesisExecutable: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/schemathesis" }.first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}()

/// The OpenAPI document is true to the server: schemathesis generates requests from it (every operation, its
/// coverage, fuzzing and stateful phases, bounded and seeded) against the live server with a key, and checks every
/// response against the document: status codes, content types, schemas, the 401s without or with a wrong key.
@Suite(.enabled(if: schemathesisExecutable != nil, "schemathesis is not installed (pip install schemathesis)"))
struct OpenAPIConformanceTests {
    @Test func schemathesisFindsNoFailure() throws {
        let key = "schemathesis-key-1"
        let configuration = try temporaryFile(
            """
            apiKeys:
              - {name: schemathesis, sha256: \(try AuthenticationAndLimitTests.sha256(key)), roles: [evaluate, audit]}
            """)
        defer { try? FileManager.default.removeItem(atPath: configuration) }
        let server = try ServerProcess(["--rules", bundledRuleset, "--config", configuration])
        // Its cache goes into a scratch directory, never the repository.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-schemathesis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let base = "http://127.0.0.1:\(server.port)"
        // Excluded: positive_data_acceptance, since a `whyNot` naming no rule of the ruleset is a 422 that no
        // static schema can foresee.
        let arguments = [
            "run", "\(base)/openapi.json", "--url", base, "-H", "Authorization: Bearer \(key)", "--max-examples", "30",
            "--seed", "1",
            "--checks", "all", "--exclude-checks", "positive_data_acceptance", "--no-color",
        ]
        let (status, text) = try runProcess(
            URL(fileURLWithPath: try #require(schemathesisExecutable)), arguments, in: scratch, timeout: 300)
        #expect(status == 0, "\(text)")
        #expect(text.contains("Tested: 7"), "\(text)")
    }
}
