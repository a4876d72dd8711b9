import Foundation
import GuidelineDiagnostics
import GuidelineYAML
import Testing

@testable import GuidelineCDSHooks

/// The `cdsHooks:` section of the server's configuration.
@Suite struct ConfigurationTests {
    static func read(
        _ yaml: String, files: [String: String] = [:]
    ) throws -> (configuration: CDSHooksConfiguration?, diagnostics: [Diagnostic]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cds-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        let document = YAMLLoader().load(text: yaml, file: "server.yaml")
        let root = try #require(document.root)
        return CDSHooksConfiguration.read(
            try #require(root.pair(forKey: "cdsHooks")?.value), relativeTo: directory.path)
    }

    @Test(
        "issuers with their JWK Set files, hooks and the topic system are read; a token from the issuer then verifies")
    func valid() async throws {
        let yaml = """
            cdsHooks:
              issuers:
                - iss: \(ClientTokenVerifierTests.issuer)
                  jwks: client.jwks.json
                  tenants: [t1]
              hooks: [patient-view]
              topicSystem: https://cds.example.org/rulesets
              baseURL: https://cds.example.org/
            """
        let (configuration, diagnostics) = try Self.read(
            yaml, files: ["client.jwks.json": ClientTokenVerifierTests.jwks])
        let config = try #require(configuration, "\(diagnostics.map(\.message))")
        #expect(config.hooks == [.patientView] && config.topicSystem == "https://cds.example.org/rulesets")
        #expect(config.baseURL == "https://cds.example.org", "the final '/' is dropped")
        #expect(
            config.issuers.map(\.name) == [ClientTokenVerifierTests.issuer] && config.issuers.first?.tenants == ["t1"])
        let verifier = try await ClientTokenVerifier.make(issuers: config.issuers)
        let token = ClientTokenVerifierTests.token(claims: ["tenant": "\"t1\""])
        _ = try await verifier.verify(
            authorization: "Bearer \(token)", endpoint: ClientTokenVerifierTests.endpoint,
            now: ClientTokenVerifierTests.now)
    }

    @Test(
        "problems are diagnostics at their place",
        arguments: [
            ("cdsHooks:\n  issuers:\n    - iss: a\n", "config.cds-incomplete-issuer"),
            ("cdsHooks:\n  issuers:\n    - iss: a\n      jwks: missing.json\n", "config.cds-unreadable-jwks"),
            ("cdsHooks:\n  issuers:\n    - iss: a\n      jwks: hmac.json\n", "config.cds-invalid-jwks"),
            ("cdsHooks:\n  hooks: [patient-veiw]\n", "config.cds-unknown-hook"),
            ("cdsHooks:\n  topicSystem: rulesets\n", "config.cds-invalid-topic-system"),
            ("cdsHooks:\n  issuer: []\n", "config.cds-unknown-key"),
            ("cdsHooks:\n  baseURL: cds.example.org\n", "config.cds-invalid-base-url"),
            ("cdsHooks:\n  baseURL: https://cds.example.org/?x=1\n", "config.cds-invalid-base-url"),
        ])
    func problems(yaml: String, code: String) throws {
        let (configuration, diagnostics) = try Self.read(
            yaml, files: ["hmac.json": #"{"keys": [{"kty": "oct", "kid": "h", "k": "c2VjcmV0"}]}"#])
        #expect(configuration == nil)
        let diagnostic = try #require(diagnostics.first, "no diagnostic")
        #expect(diagnostic.code == code, "\(diagnostic.message)")
        #expect(diagnostic.range?.start.file == "server.yaml" && (diagnostic.range?.start.line ?? 0) >= 2)
    }
}
