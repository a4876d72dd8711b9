import Crypto
import Foundation
import JWTKit
import Testing
import _CryptoExtras

@testable import GuidelineCDSHooks

/// Client JWTs: the good token verifies once; every attack of the issue is refused with the one error.
@Suite struct ClientTokenVerifierTests {
    static let endpoint = "https://cds.example.org/cds-services/spine-metastases-patient-view"
    static let issuer = "https://sandbox.cds-hooks.org"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static let ecKey = P384.Signing.PrivateKey()
    static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    static func base64url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    /// The issuer's JWK Set: the EC key as `ec-1`, the RSA key as `rsa-1`.
    static var jwks: String {
        let point = Array(ecKey.publicKey.rawRepresentation)
        let rsa = try! Insecure.RSA.PublicKey(backing: rsaKey.publicKey).getKeyPrimitives()
        return """
            {"keys": [
              {"kty": "EC", "crv": "P-384", "kid": "ec-1", "alg": "ES384", "use": "sig", "x": "\(base64url(point[0..<48]))", "y": "\(base64url(point[48..<96]))"},
              {"kty": "RSA", "kid": "rsa-1", "alg": "RS384", "n": "\(base64url(rsa.modulus))", "e": "\(base64url(rsa.publicExponent))"},
              {"kty": "oct", "kid": "hmac-1", "k": "c2VjcmV0"}
            ]}
            """
    }

    /// A token: `header` and `claims` as JSON text, signed as `alg` says (or with `hmacSecret` for HS256).
    static func token(
        alg: String = "ES384", kid: String = "ec-1", typ: String = "JWT", claims: [String: String] = [:],
        hmacSecret: [UInt8]? = nil
    ) -> String {
        var payload: [String: String] = [
            "iss": "\"\(issuer)\"", "aud": "\"\(endpoint)\"", "exp": "\(Int(now.timeIntervalSince1970) + 300)",
            "iat": "\(Int(now.timeIntervalSince1970))", "jti": "\"\(UUID().uuidString)\"",
        ]
        for (key, value) in claims { payload[key] = value }
        let header = base64url(Array("{\"alg\":\"\(alg)\",\"kid\":\"\(kid)\",\"typ\":\"\(typ)\"}".utf8))
        let body = base64url(
            Array(
                ("{" + payload.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
                    + "}").utf8))
        let input = Array("\(header).\(body)".utf8)
        let signature: [UInt8]
        switch alg {
        case "ES384": signature = Array(try! ecKey.signature(for: SHA384.hash(data: input)).rawRepresentation)
        case "RS384":
            signature = Array(
                try! rsaKey.signature(for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        case "HS256":
            signature = Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: hmacSecret ?? [])))
        default: signature = []
        }
        return "\(header).\(body).\(base64url(signature))"
    }

    static func verifier() async throws -> ClientTokenVerifier {
        try await ClientTokenVerifier.make(issuers: [.init(name: issuer, jwks: jwks)])
    }

    static func refuses(
        _ token: String, endpoint: String = endpoint, verifier given: ClientTokenVerifier? = nil
    ) async throws -> Bool {
        let verifier: ClientTokenVerifier
        if let given { verifier = given } else { verifier = try await Self.verifier() }
        do {
            _ = try await verifier.verify(authorization: "Bearer \(token)", endpoint: endpoint, now: now)
            return false
        } catch {
            return error == .invalid
        }
    }

    @Test("a valid ES384 token and a valid RS384 token verify, naming the issuer and jti")
    func valid() async throws {
        let verifier = try await Self.verifier()
        let client = try await verifier.verify(
            authorization: "Bearer \(Self.token())", endpoint: Self.endpoint, now: Self.now)
        #expect(client.issuer == Self.issuer && !client.tokenID.isEmpty)
        _ = try await verifier.verify(
            authorization: "bearer \(Self.token(alg: "RS384", kid: "rsa-1"))", endpoint: Self.endpoint, now: Self.now)
        let listed = try await verifier.verify(
            authorization: "Bearer \(Self.token(claims: ["aud": "[\"https://other.example\", \"\(Self.endpoint)\"]"]))",
            endpoint: Self.endpoint, now: Self.now)
        #expect(listed.issuer == Self.issuer)
    }

    @Test("alg none is refused, signed or not")
    func algNone() async throws {
        let unsigned = Self.token(alg: "none")
        #expect(try await Self.refuses(unsigned))
        #expect(try await Self.refuses(String(unsigned.dropLast(0)) + "AAAA"))
    }

    @Test("HS256 signed with the public key (or the JWK Set's own oct key) as the secret is refused")
    func hmacWithPublicKey() async throws {
        #expect(
            try await Self.refuses(
                Self.token(alg: "HS256", hmacSecret: Array(Self.ecKey.publicKey.pemRepresentation.utf8))))
        #expect(try await Self.refuses(Self.token(alg: "HS256", kid: "hmac-1", hmacSecret: Array("secret".utf8))))
    }

    @Test("a token for another endpoint is refused: aud must be the exact URL")
    func wrongAudience() async throws {
        #expect(try await Self.refuses(Self.token(), endpoint: Self.endpoint + "/feedback"))
        #expect(try await Self.refuses(Self.token(claims: ["aud": "\"https://cds.example.org/cds-services\""])))
    }

    @Test("an expired token, one issued in the future and one living over an hour are refused")
    func expired() async throws {
        let now = Int(Self.now.timeIntervalSince1970)
        #expect(try await Self.refuses(Self.token(claims: ["exp": "\(now - 60)", "iat": "\(now - 360)"])))
        #expect(try await Self.refuses(Self.token(claims: ["iat": "\(now + 120)", "exp": "\(now + 400)"])))
        #expect(try await Self.refuses(Self.token(claims: ["exp": "\(now + 7200)"])))
        #expect(try await Self.refuses(Self.token(claims: ["jti": "\"\""])))
        #expect(try await Self.refuses(Self.token(claims: ["nbf": "\(now + 120)"])))
        #expect(try await Self.refuses(Self.token(claims: ["exp": "\"soon\""])))
    }

    @Test("a replayed jti is refused, from the same verifier and from another task at the same time")
    func replay() async throws {
        let verifier = try await Self.verifier()
        let token = Self.token()
        #expect(try await Self.refuses(token, verifier: verifier) == false)
        #expect(try await Self.refuses(token, verifier: verifier))
        let again = Self.token(claims: ["jti": "\"parallel\""])
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { (try? await Self.refuses(again, verifier: verifier)) == false } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 1)
    }

    @Test("an unknown kid is refused (jwt-kit alone would fall back to a default key)")
    func unknownKid() async throws {
        #expect(try await Self.refuses(Self.token(kid: "other")))
        #expect(try await Self.refuses(Self.token(alg: "ES384", kid: "rsa-1")))
    }

    @Test("an issuer not on the allowlist is refused, even with a good signature")
    func unknownIssuer() async throws {
        #expect(try await Self.refuses(Self.token(claims: ["iss": "\"https://evil.example\""])))
    }

    @Test("a missing or malformed header, a wrong typ and a tampered payload are refused")
    func malformed() async throws {
        let verifier = try await Self.verifier()
        for header in [nil, "", "Basic abc", "Bearer", "Bearer a.b", "Bearer a.b.c"] as [String?] {
            await #expect(throws: ClientTokenError.invalid) {
                try await verifier.verify(authorization: header, endpoint: Self.endpoint, now: Self.now)
            }
        }
        #expect(try await Self.refuses(Self.token(typ: "at+jwt")))
        let parts = Self.token().split(separator: ".").map(String.init)
        let forged = Self.base64url(
            Array(
                "{\"iss\":\"\(Self.issuer)\",\"aud\":\"\(Self.endpoint)\",\"exp\":9999999999,\"iat\":1,\"jti\":\"x\"}"
                    .utf8))
        #expect(try await Self.refuses("\(parts[0]).\(forged).\(parts[2])"))
    }

    @Test(
        "ES256 verifies with a P-256 key; a tenant must be on the issuer's list when it has one; keys load from a file")
    func es256TenantsAndFile() async throws {
        let key = P256.Signing.PrivateKey()
        let point = Array(key.publicKey.rawRepresentation)
        let jwks = """
            {"keys": [{"kty": "EC", "crv": "P-256", "kid": "p256", "x": "\(Self.base64url(point[0..<32]))", "y": "\(Self.base64url(point[32..<64]))"}]}
            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        try Data(jwks.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let verifier = try await ClientTokenVerifier.make(issuers: [
            try .init(name: Self.issuer, jwksFile: path, tenants: ["t1"])
        ])
        func es256(tenant: String?) -> String {
            let header = Self.base64url(Array("{\"alg\":\"ES256\",\"kid\":\"p256\",\"typ\":\"JWT\"}".utf8))
            let now = Int(Self.now.timeIntervalSince1970)
            let tenantClaim = tenant.map { ",\"tenant\":\"\($0)\"" } ?? ""
            let body = Self.base64url(
                Array(
                    "{\"iss\":\"\(Self.issuer)\",\"aud\":\"\(Self.endpoint)\",\"exp\":\(now + 60),\"iat\":\(now),\"jti\":\"\(UUID().uuidString)\"\(tenantClaim)}"
                        .utf8))
            let signature = try! key.signature(for: SHA256.hash(data: Array("\(header).\(body)".utf8)))
                .rawRepresentation
            return "\(header).\(body).\(Self.base64url(signature))"
        }
        let client = try await verifier.verify(
            authorization: "Bearer \(es256(tenant: "t1"))", endpoint: Self.endpoint, now: Self.now)
        #expect(client.tenant == "t1")
        #expect(try await Self.refuses(es256(tenant: "t2"), verifier: verifier))
        #expect(try await Self.refuses(es256(tenant: nil), verifier: verifier))
        await #expect(throws: ClientTokenError.invalid) {
            try await ClientTokenVerifier.make(issuers: [
                .init(name: "x", jwks: #"{"keys": [{"kty": "oct", "kid": "h", "k": "c2VjcmV0"}]}"#)
            ])
        }
        #expect(throws: ClientTokenError.invalid) {
            try ClientTokenVerifier.Issuer(name: "x", jwksFile: path + ".missing")
        }
    }

    @Test("the replay cache forgets a jti once its token has expired, and stays within its capacity")
    func replayCache() {
        let cache = ReplayCache(capacity: 2)
        let now = Self.now
        #expect(cache.insert("a", expires: now.addingTimeInterval(10), now: now))
        #expect(!cache.insert("a", expires: now.addingTimeInterval(10), now: now))
        #expect(cache.insert("a", expires: now.addingTimeInterval(30), now: now.addingTimeInterval(11)))
        #expect(cache.insert("b", expires: now.addingTimeInterval(30), now: now.addingTimeInterval(11)))
        #expect(
            !cache.insert("c", expires: now.addingTimeInterval(30), now: now.addingTimeInterval(12)),
            "full: refused, not forgotten")
        #expect(cache.insert("c", expires: now.addingTimeInterval(90), now: now.addingTimeInterval(31)))
        #expect(cache.count <= 2)
    }
}
