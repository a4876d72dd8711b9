import GuidelineDiagnostics
import Hummingbird

/// Asks for an API key (`Authorization: Bearer KEY` or `X-API-Key: KEY`) with a role: none or an unknown key gets 401,
/// a key without the role 403.
///
/// A request let through is answered with ``RequestAgent/current`` naming the key (`api-key:NAME`). Without keys
/// configured (no `--config`) it lets every request pass, as `unauthenticated`.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let configuration: ServerConfiguration
    /// The role needed; nil: any configured key.
    let role: APIKey.Role?

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard configuration.requiresKeys else { return try await next(request, context) }
        let apiKey = request.headers.first { $0.name.canonicalName == "x-api-key" }?.value
        let checked = APIKey.check(
            authorization: request.headers[.authorization], apiKey: apiKey, keys: configuration.apiKeys, role: role)
        switch checked.decision {
        case .allowed:
            return try await RequestAgent.$current.withValue(RequestAgent.apiKey(checked.key?.name ?? "?")) {
                try await next(request, context)
            }
        case .unauthenticated:
            return JSONResponse.make(
                .unauthorized, "an API key is needed: send 'Authorization: Bearer KEY'",
                headers: [.wwwAuthenticate: "Bearer"])
        case .forbidden:
            return JSONResponse.make(.forbidden, "the API key does not have the role \(quoted: role?.rawValue ?? "")")
        }
    }
}
