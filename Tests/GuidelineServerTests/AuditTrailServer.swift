import Crypto
import Foundation
import GuidelineAudit
import HummingbirdBcrypt

/// A directory with a server configuration that audits to `trail.sqlite`, with an API key, a page user and a CDS
/// Hooks client whose tokens the test signs (ES256, its own P-256 key).
struct AuditTrailServer {
    static let apiKey = "audit-who-test-key"
    static let issuer = "https://ehr.example.org"
    static let subject = "client-7"
    static let baseURL = "https://cds.example.org"
    static let evaluatePath = "/v1/rulesets/spine-metastases/evaluate"

    let directory: String
    let signingKey = P256.Signing.PrivateKey()

    var store: String { "\(directory)/trail.sqlite" }
    var configuration: String { "\(directory)/serve.yaml" }

    /// Writes the configuration, the audit key and the client's JWK Set into a new directory.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-audit-who-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "a server key of at least sixteen bytes\n".write(
            toFile: "\(directory)/audit.key", atomically: true, encoding: .utf8)
        let point = Array(signingKey.publicKey.rawRepresentation)
        let jwks = """
            {"keys":[{"kty":"EC","crv":"P-256","kid":"k1","alg":"ES256","use":"sig",\
            "x":"\(Self.base64URL(point[0..<32]))","y":"\(Self.base64URL(point[32..<64]))"}]}
            """
        try jwks.write(toFile: "\(directory)/client.jwks.json", atomically: true, encoding: .utf8)
        let hash = Bcrypt.hash("correct horse", cost: 4)
        try """
        host: 127.0.0.1
        apiKeys:
          - name: ehr
            sha256: \(try AuthenticationAndLimitTests.sha256(Self.apiKey))
            roles: [evaluate]
        users:
          - {name: dr-lee, bcrypt: '\(hash)'}
        cdsHooks:
          issuers:
            - iss: \(Self.issuer)
              jwks: client.jwks.json
          baseURL: \(Self.baseURL)
        audit:
          store: trail.sqlite
          hmacKeyFile: audit.key
        """.write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    /// Starts `guideline serve` with the bundled ruleset and this configuration.
    func start() throws -> ServerProcess {
        try ServerProcess(["--rules", bundledRuleset, "--config", configuration])
    }

    /// A client token (ES256) for a call to `path`, as the CDS client `issuer`/`subject` signs it.
    func token(for path: String) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        let header = #"{"alg":"ES256","typ":"JWT","kid":"k1"}"#
        let payload = """
            {"iss":"\(Self.issuer)","sub":"\(Self.subject)","aud":"\(Self.baseURL)\(path)",\
            "iat":\(now),"exp":\(now + 300),"jti":"\(UUID().uuidString)"}
            """
        let input = Self.base64URL(Array(header.utf8)) + "." + Self.base64URL(Array(payload.utf8))
        let signature = try signingKey.signature(for: Data(input.utf8)).rawRepresentation
        return input + "." + Self.base64URL(Array(signature))
    }

    /// The store's entries by id, read after the server stopped.
    func entries() throws -> [String: AuditJSON] {
        var found: [String: AuditJSON] = [:]
        try SQLiteAuditStore(path: store).forEachEntry(since: nil) { entry in
            found[entry.id] = AuditJSON.parse(entry.body)
            return true
        }
        return found
    }

    /// Base64url without padding.
    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
