import Hummingbird
import Logging

/// Logs one line per request (method, path without its query, status, time) and counts it in the metrics.
///
/// Nothing else of the request is logged: no query, header, body, key or token, so no case data reaches the
/// log. Errors thrown below it become JSON error responses here, so every request is logged with its status.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: ServerMetrics
    /// Every route the server has (method and path template), for the 405 answers.
    let routes: [(method: String, path: String)]

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let methods = RESTRoutes.methods(for: request.uri.path, in: routes)
            if (error as? any HTTPResponseError)?.status == .notFound, !methods.isEmpty, request.method != .options {
                response = JSONResponse.make(
                    .methodNotAllowed,
                    "\(request.method.rawValue) is not allowed here; use \(methods.joined(separator: " or "))",
                    headers: [.allow: methods.joined(separator: ", ")])
            } else {
                response = JSONResponse.make(for: error)
            }
        }
        let status = response.status.code
        let method = request.method.rawValue
        let path = request.uri.path
        let route = context.endpointPath ?? "unmatched"
        let logger = logger
        let metrics = metrics
        // The line is written when the body has been sent, so a streamed batch logs its whole time.
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer {
                let duration = ContinuousClock.now - start
                metrics.request(route: route, method: method, status: status, duration: duration)
                let milliseconds =
                    Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
                logger.info("\(method) \(path) \(status) \(Self.format(milliseconds)) ms")
            }
            try await body.write(writer)
        }
        return response
    }

    /// Milliseconds with two decimals.
    static func format(_ milliseconds: Double) -> String {
        let hundredths = Int((milliseconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
