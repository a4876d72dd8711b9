import Foundation
import JWTKit

/// Verifies the JWT a CDS Hooks client sends on every call (`Authorization: Bearer <JWT>`).
///
/// As CDS Hooks 2.0 requires: header `alg` ES384, RS384, ES256 or RS256 (so `none` and HMAC never verify), a `kid` of the
/// issuer's key set and `typ` `JWT`; payload `iss` on the allowlist, `aud` the exact endpoint URL, `exp` not
/// passed, `iat` not in the future, a lifetime of at most one hour, a `tenant` on the issuer's list when it has
/// one, and a `jti` never seen before. Keys come from a JWK Set per issuer (only its EC and RSA keys are taken);
/// a `jku` header is never fetched.
///
/// Every failure is the one error ``ClientTokenError``, which the server answers with a bare 401. The token is
/// never logged or kept; only its `jti` is kept, until the token expires.
package struct ClientTokenVerifier: Sendable {
    /// An allowlisted issuer and its keys.
    package struct Issuer: Sendable, Equatable {
        /// The `iss` value.
        package var name: String
        /// The issuer's JWK Set (`{"keys": [...]}`) as JSON text.
        package var jwks: String
        /// The `tenant` values accepted from this issuer; nil accepts any (or none).
        package var tenants: Set<String>?

        /// An issuer with its JWK Set.
        package init(name: String, jwks: String, tenants: Set<String>? = nil) {
            self.name = name
            self.jwks = jwks
            self.tenants = tenants
        }

        /// An issuer whose JWK Set is the file at `path` (as the server's configuration names it).
        package init(name: String, jwksFile path: String, tenants: Set<String>? = nil) throws(ClientTokenError) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .invalid }
            self.init(name: name, jwks: text, tenants: tenants)
        }
    }

    /// The claims of a verified token that may be logged (never the token itself).
    package struct VerifiedClient: Sendable, Equatable {
        /// `iss`.
        package var issuer: String
        /// `jti`.
        package var tokenID: String
        /// `tenant`, if given.
        package var tenant: String?
        /// `sub` (the client id, SMART's `client_id`), if given.
        package var subject: String? = nil
    }

    /// The algorithms that verify.
    package static let algorithms: Set<String> = ["ES384", "RS384", "ES256", "RS256"]
    /// The longest lifetime accepted (`exp` - `iat`), and so the longest time a `jti` is remembered.
    package static let maximumLifetime: TimeInterval = 3600

    private struct KeySet: Sendable {
        var keys: JWTKeyCollection
        var kids: Set<String>
        var algorithms: [String: String]
        var tenants: Set<String>?
    }

    private let issuers: [String: KeySet]
    private let replays: ReplayCache
    /// The clock skew tolerated on `exp` and `iat`, in seconds.
    package var leeway: TimeInterval = 30

    /// A verifier for `issuers`; throws ``ClientTokenError`` when a JWK Set cannot be read or has no EC or RSA
    /// key with a `kid`.
    package static func make(
        issuers: [Issuer], replayCache: ReplayCache = ReplayCache()
    ) async throws(ClientTokenError) -> ClientTokenVerifier {
        var sets: [String: KeySet] = [:]
        for issuer in issuers {
            guard let usable = usableKeys(issuer.jwks), !usable.isEmpty else { throw .invalid }
            let collection = JWTKeyCollection()
            do { try await collection.add(jwksJSON: JSONValue.object([("keys", .array(usable))]).jsonText) } catch {
                throw .invalid
            }
            var kinds: [String: String] = [:]
            for key in usable {
                kinds[key["kid"]?.string ?? ""] = key["alg"]?.string ?? (key["kty"]?.string == "EC" ? "ES" : "RS")
            }
            sets[issuer.name] = KeySet(
                keys: collection, kids: Set(kinds.keys), algorithms: kinds, tenants: issuer.tenants)
        }
        return ClientTokenVerifier(issuers: sets, replays: replayCache)
    }

    /// The keys of a JWK Set that can verify a client token: EC and RSA keys with a `kid`, for signing, of an
    /// accepted algorithm (or none named); nil when the text is not a JWK Set.
    package static func usableKeys(_ jwks: String) -> [JSONValue]? {
        guard let root = try? JSONParser.parse(Array(jwks.utf8)), let keys = root["keys"]?.array else { return nil }
        return keys.filter { key in
            ["EC", "RSA"].contains(key["kty"]?.string ?? "") && !(key["kid"]?.string ?? "").isEmpty
                && (key["alg"]?.string).map(algorithms.contains) ?? true
                && key["use"]?.string.map { $0 == "sig" } ?? true
        }
    }

    private init(issuers: [String: KeySet], replays: ReplayCache) {
        self.issuers = issuers
        self.replays = replays
    }

    /// Verifies the `Authorization` header of a call to `endpoint`.
    ///
    /// `endpoint` is the exact URL the client called, for example
    /// `https://cds.example.org/cds-services/spine-metastases-patient-view`.
    package func verify(
        authorization: String?, endpoint: String, now: Date = Date()
    ) async throws(ClientTokenError) -> VerifiedClient {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            throw .invalid
        }
        let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.decode(parts[0]), let payload = Self.decode(parts[1]) else {
            throw .invalid
        }
        // Header: an allowed algorithm, a key id, type JWT, no critical extension.
        guard let alg = header["alg"]?.string, Self.algorithms.contains(alg), let kid = header["kid"]?.string,
            !kid.isEmpty,
            header["typ"]?.string?.uppercased() == "JWT", header["crit"] == nil
        else { throw .invalid }
        // The issuer first: its key set, and the key id in it (jwt-kit would fall back to a default key).
        guard let iss = payload["iss"]?.string, let keySet = issuers[iss], keySet.kids.contains(kid) else {
            throw .invalid
        }
        if let declared = keySet.algorithms[kid], declared.count > 2 ? declared != alg : !alg.hasPrefix(declared) {
            throw .invalid
        }
        do { _ = try await keySet.keys.verify(token, as: SignedClaims.self) } catch { throw .invalid }
        // Claims, read from the verified payload.
        let audiences = payload["aud"]?.string.map { [$0] } ?? payload["aud"]?.array?.compactMap(\.string) ?? []
        guard audiences.contains(endpoint), let exp = Self.seconds(payload["exp"]),
            let iat = Self.seconds(payload["iat"]),
            let jti = payload["jti"]?.string, !jti.isEmpty
        else { throw .invalid }
        let expires = Date(timeIntervalSince1970: exp)
        let issued = Date(timeIntervalSince1970: iat)
        guard expires.addingTimeInterval(leeway) > now, issued.addingTimeInterval(-leeway) <= now, exp >= iat,
            exp - iat <= Self.maximumLifetime
        else { throw .invalid }
        if let notBefore = payload["nbf"] {
            guard let nbf = Self.seconds(notBefore), Date(timeIntervalSince1970: nbf).addingTimeInterval(-leeway) <= now
            else { throw .invalid }
        }
        let tenant = payload["tenant"]?.string
        if let tenants = keySet.tenants { guard let tenant, tenants.contains(tenant) else { throw .invalid } }
        guard replays.insert("\(iss)\u{0}\(jti)", expires: expires.addingTimeInterval(leeway), now: now) else {
            throw .invalid
        }
        return VerifiedClient(issuer: iss, tokenID: jti, tenant: tenant, subject: payload["sub"]?.string)
    }

    /// A JSON object from a base64url segment, or nil.
    private static func decode(_ segment: Substring) -> JSONValue? {
        guard !segment.isEmpty, !segment.contains("=") else { return nil }
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let value = try? JSONParser.parse(Array(data)), value.members != nil
        else { return nil }
        return value
    }

    /// A NumericDate (seconds since 1970, possibly with a fraction).
    private static func seconds(_ value: JSONValue?) -> Double? {
        guard case .number(let text)? = value, let seconds = Double(text), seconds.isFinite else { return nil }
        return seconds
    }
}

/// What jwt-kit decodes to check the signature; the claims are checked by ``ClientTokenVerifier`` itself.
private struct SignedClaims: JWTPayload {
    var iss: IssuerClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
