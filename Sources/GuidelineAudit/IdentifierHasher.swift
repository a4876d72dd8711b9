import Crypto
import Foundation
import GuidelineDiagnostics

/// Keeps identifying fields (case id, patient id) out of the trail: each is stored as HMAC-SHA256 under a secret
/// key, so that the same patient's decisions can still be found (hash the id again) but the id cannot be read.
///
/// The key comes from a file (`--audit-key-file`, the server's `audit.hmacKeyFile`) or the environment
/// (`GUIDELINE_AUDIT_KEY`); it is never written to the store: only a check value is, so that a store opened with
/// another key is refused instead of silently mixing two keys' HMACs.
package struct IdentifierHasher: Sendable {
    /// The environment variable holding the key.
    package static let environmentVariable = "GUIDELINE_AUDIT_KEY"
    /// The fewest bytes a key may have.
    package static let minimumKeyBytes = 16

    private let key: SymmetricKey

    /// A hasher with the key `bytes`; nil when the key is shorter than ``minimumKeyBytes``.
    package init?(key bytes: [UInt8]) {
        guard bytes.count >= Self.minimumKeyBytes else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// The HMAC of `field`'s value `value`, as `hmac-sha256:` and hexadecimal; the field name is part of the MAC,
    /// so a case id and a patient id that are equal give different values.
    package func hash(_ value: String, field: String) -> String {
        var mac = HMAC<SHA256>(key: key)
        mac.update(data: Array(field.utf8))
        mac.update(data: [0])
        mac.update(data: Array(value.utf8))
        return "hmac-sha256:" + ChainHash.hex(mac.finalize())
    }

    /// The value the store keeps to recognise this key.
    package var checkValue: String { hash("guideline-audit key check", field: "key") }

    /// Loads the key from `file`, or else from the environment; a message when there is none or it is too short.
    package static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<IdentifierHasher, AuditError> {
        var bytes: [UInt8]
        let origin: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                return .failure(AuditError(.keyMissing, "cannot read the HMAC key file \(quoted: file)"))
            }
            bytes = Array(data)
            origin = "the HMAC key file \(quoted: file)"
        } else if let text = environment[environmentVariable], !text.isEmpty {
            bytes = Array(text.utf8)
            origin = environmentVariable
        } else {
            return .failure(
                AuditError(
                    .keyMissing,
                    "an audit store needs an HMAC key for identifying fields: give --audit-key-file FILE or set \(environmentVariable)"
                ))
        }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard let hasher = IdentifierHasher(key: bytes) else {
            return .failure(
                AuditError(
                    .keyMissing, "\(origin) holds \(bytes.count) bytes; an HMAC key needs at least \(minimumKeyBytes)"))
        }
        return .success(hasher)
    }
}
