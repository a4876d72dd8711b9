import Hummingbird
import Synchronization

/// Serves at most `limit` requests at once (until each response body has been sent); one more gets 503 with a
/// JSON error and `Retry-After`, and the server goes on serving the others.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Requests being served, shared by every connection.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    let limit: Int
    let counter = Counter()
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let counter = counter
        let now = counter.value.wrappingAdd(1, ordering: .relaxed).newValue
        guard now <= limit else {
            counter.value.wrappingSubtract(1, ordering: .relaxed)
            return JSONResponse.make(
                .serviceUnavailable,
                "the server is busy: more than \(limit) requests at once (the limit concurrentRequests)",
                headers: [.retryAfter: "1"])
        }
        let metrics = metrics
        metrics.inFlight(started: true)
        let done = { @Sendable in
            counter.value.wrappingSubtract(1, ordering: .relaxed)
            metrics.inFlight(started: false)
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            done()
            throw error
        }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer { done() }
            try await body.write(writer)
        }
        return response
    }
}
