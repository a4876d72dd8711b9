import GuidelineDiagnostics

/// The diagnostic codes of the `cdsHooks:` section of the server's configuration (``CDSHooksConfiguration``).
///
/// The cases are sorted by code; `rawValue` is the stable code. They are of the server's `config.` family, each
/// prefixed `config.cds-` so that none is also a code of the server's own catalog.
package enum CDSHooksDiagnosticCode: String, DiagnosticCode {
    /// An issuer without `iss` or `jwks`.
    case incompleteIssuer = "config.cds-incomplete-issuer"
    /// A `baseURL` that is not an http or https URL without query or fragment.
    case invalidBaseURL = "config.cds-invalid-base-url"
    /// A JWK Set file that is not a JWK Set, or has no EC or RSA key with a `kid`.
    case invalidJWKS = "config.cds-invalid-jwks"
    /// A `topicSystem` that is not an absolute URI.
    case invalidTopicSystem = "config.cds-invalid-topic-system"
    /// A hook other than `patient-view` and `order-select`.
    case unknownHook = "config.cds-unknown-hook"
    /// A key the section or an issuer does not have.
    case unknownKey = "config.cds-unknown-key"
    /// A JWK Set file that cannot be read.
    case unreadableJWKS = "config.cds-unreadable-jwks"
}
