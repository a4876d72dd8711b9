import GuidelineDiagnostics
import Hummingbird

/// CORS for the origins the configuration allows: a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an
/// allowed origin is answered with 204 and the allowed methods and headers; other responses to an allowed origin carry
/// `Access-Control-Allow-Origin`.
///
/// An origin not on the list gets no CORS headers (and its preflight a 403), so browsers refuse the call.
struct CORSAllowlistMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedOrigins: Set<String>

    /// Headers a browser may send.
    static var allowedHeaders: String { "Authorization, Content-Type, X-API-Key" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = allowedOrigins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                return JSONResponse.make(
                    .forbidden, "the origin \(quoted: origin) is not allowed", headers: [.vary: "Origin"])
            }
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .accessControlAllowMethods: "GET, POST, OPTIONS",
                    .accessControlAllowHeaders: Self.allowedHeaders, .accessControlMaxAge: "600", .vary: "Origin",
                ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
