/// Who sent the request being answered, as the audit trail names them in a decision record's `who`.
///
/// The authentication of each channel sets it for the rest of the request (a task-local value): the REST API's
/// key check (`api-key:NAME`, the configured key's name, never the key), the CDS Hooks client token
/// (`jwt:ISS|SUB`, the token's `iss` and `sub`), the clinician's page (`page-user:NAME`, the person logged in).
/// Without a configuration file nobody authenticates (loopback only): `unauthenticated`.
package enum RequestAgent {
    /// The agent of the request being answered.
    @TaskLocal package static var current = unauthenticated

    /// A request that carried no credentials (a server without a configuration file).
    package static let unauthenticated = "unauthenticated"

    /// A REST request authenticated by the API key named `name`.
    package static func apiKey(_ name: String) -> String { "api-key:\(name)" }

    /// A CDS Hooks call whose client token has issuer `issuer` and subject `subject` (the client id).
    package static func client(issuer: String, subject: String?) -> String {
        "jwt:\(issuer)" + (subject.map { "|\($0)" } ?? "")
    }

    /// The clinician's page used by `user` (nil: nobody logged in, a server without a configuration file).
    package static func pageUser(_ user: String?) -> String { user.map { "page-user:\($0)" } ?? unauthenticated }
}
