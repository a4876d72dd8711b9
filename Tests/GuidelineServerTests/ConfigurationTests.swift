import Foundation
import Testing

@testable import GuidelineServer

/// The configuration file, API keys and role checks, without HTTP.
@Suite struct ConfigurationTests {
    static let keyHash = APIKey.hex(APIKey.hash(of: "secret-evaluate"))

    static func parse(_ text: String) -> Result<ServerConfiguration, ConfigurationError> {
        ServerConfiguration.parse(bytes: Array(text.utf8), file: "server.yaml")
    }

    @Test func sha256OfAKeyIsTheKnownDigest() {
        // printf %s foo | sha256sum
        #expect(
            APIKey.hex(APIKey.hash(of: "foo")) == "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
        #expect(
            APIKey.bytes(ofHex: "2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE")
                == APIKey.hash(of: "foo"))
        #expect(APIKey.bytes(ofHex: "2c26") == nil)
        #expect(APIKey.bytes(ofHex: String(repeating: "g", count: 64)) == nil)
    }

    @Test func aFullYAMLConfigurationIsRead() throws {
        let configuration = try Self.parse(
            """
            host: 0.0.0.0
            port: 9090
            apiKeys:
              - name: ehr
                sha256: \(Self.keyHash)
                roles: [evaluate]
              - name: ops
                sha256: \(APIKey.hex(APIKey.hash(of: "secret-audit")))
                roles: [audit]
            cors:
              allowedOrigins: [https://ehr.example.org, "http://localhost:3000"]
            limits:
              caseBodyBytes: 2048
              batchBodyBytes: 4096
              concurrentRequests: 3
              requestSeconds: 5
              batchSeconds: 60
            """
        ).get()
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9090)
        #expect(configuration.requiresKeys)
        #expect(configuration.apiKeys.map(\.name) == ["ehr", "ops"])
        #expect(configuration.apiKeys[0].roles == [.evaluate])
        #expect(configuration.allowedOrigins == ["https://ehr.example.org", "http://localhost:3000"])
        #expect(configuration.limits.caseBodyBytes == 2048)
        #expect(configuration.limits.batchBodyBytes == 4096)
        #expect(configuration.limits.concurrentRequests == 3)
        #expect(configuration.limits.requestSeconds == 5)
        #expect(configuration.limits.batchSeconds == 60)
    }

    @Test func jsonIsReadToo() throws {
        let configuration = try Self.parse(
            """
            {"port": 0, "apiKeys": [{"name": "k", "sha256": "\(Self.keyHash)", "roles": ["evaluate", "audit"]}]}
            """
        ).get()
        #expect(configuration.port == 0)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.apiKeys[0].roles == [.evaluate, .audit])
        #expect(configuration.limits == ServerConfiguration.Limits())
        #expect(configuration.limits.caseBodyBytes == 1 << 20)
    }

    /// Each mistake gives its own code, with a line and column, and a message in the project's style.
    @Test(arguments: [
        ("port: 70000\napiKeys: [{name: k, sha256: \(keyHash), roles: [evaluate]}]", "config.invalid-port", 1),
        ("apiKeys: [{name: k, sha256: abc, roles: [evaluate]}]", "config.invalid-hash", 1),
        ("apiKeys: [{name: k, sha256: \(keyHash), roles: [evalute]}]", "config.unknown-role", 1),
        ("apiKeys: [{name: k, sha256: \(keyHash), roles: []}]", "config.no-roles", 1),
        (
            "apiKeys: [{name: k, sha256: \(keyHash), roles: [audit]}, {name: k, sha256: \(keyHash), roles: [audit]}]",
            "config.duplicate-key-name", 1
        ),
        ("port: 1\n", "config.no-api-keys", 1),
        ("prot: 1\napiKeys: [{name: k, sha256: \(keyHash), roles: [audit]}]", "config.unknown-key", 1),
        (
            "apiKeys: [{name: k, sha256: \(keyHash), roles: [audit]}]\nlimits: {caseBodyBytes: 0}",
            "config.invalid-limit", 2
        ),
        (
            "apiKeys: [{name: k, sha256: \(keyHash), roles: [audit]}]\ncors: {allowedOrigins: ['*']}",
            "config.invalid-origin", 2
        ),
        ("port: [1\n", "yaml.syntax", 1),
    ])
    func mistakesAreReportedWithTheirCode(text: String, code: String, line: Int) throws {
        guard case .failure(let error) = Self.parse(text) else {
            Issue.record("\(code): accepted")
            return
        }
        let diagnostic = try #require(
            error.diagnostics.first { $0.code.hasPrefix(code) }, "\(error.diagnostics.map(\.code))")
        #expect(diagnostic.range?.start.line == line)
        #expect(!(diagnostic.message.first?.isUppercase ?? true))
        #expect(!diagnostic.message.hasSuffix("."))
        #expect(error.message.contains("server.yaml:\(line):"))
        #expect(error.message.hasSuffix("error: the configuration file 'server.yaml' has errors\n"))
    }

    @Test func aMisspeltKeyGetsASuggestion() {
        guard
            case .failure(let error) = Self.parse(
                "prot: 1\napiKeys: [{name: k, sha256: \(Self.keyHash), roles: [audit]}]")
        else {
            Issue.record("accepted")
            return
        }
        #expect(error.message.contains("did you mean 'port'?"))
    }

    @Test func keysAreMatchedByHashAndRolesChecked() {
        let keys = [
            APIKey(name: "ehr", hash: APIKey.hash(of: "k-evaluate"), roles: [.evaluate]),
            APIKey(name: "ops", hash: APIKey.hash(of: "k-audit"), roles: [.audit]),
        ]
        typealias Gate = APIKey
        #expect(APIKey.match("k-evaluate", in: keys)?.name == "ehr")
        #expect(APIKey.match("k-evaluat", in: keys) == nil)
        #expect(Gate.decide(authorization: "Bearer k-evaluate", apiKey: nil, keys: keys, role: .evaluate) == .allowed)
        #expect(Gate.decide(authorization: "bearer k-evaluate", apiKey: nil, keys: keys, role: nil) == .allowed)
        #expect(Gate.decide(authorization: nil, apiKey: "k-audit", keys: keys, role: .audit) == .allowed)
        #expect(Gate.decide(authorization: "Bearer k-audit", apiKey: nil, keys: keys, role: .evaluate) == .forbidden)
        #expect(
            Gate.decide(authorization: "Bearer wrong", apiKey: nil, keys: keys, role: .evaluate) == .unauthenticated)
        #expect(
            Gate.decide(authorization: "Basic k-evaluate", apiKey: nil, keys: keys, role: .evaluate) == .unauthenticated
        )
        #expect(Gate.decide(authorization: nil, apiKey: nil, keys: keys, role: nil) == .unauthenticated)
        #expect(Gate.decide(authorization: "Bearer ", apiKey: nil, keys: keys, role: nil) == .unauthenticated)
    }
}
