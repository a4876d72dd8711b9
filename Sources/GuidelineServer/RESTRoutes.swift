import Foundation
import GuidelineAudit
import GuidelineDiagnostics
import Hummingbird

/// The REST API under `/v1`, and the probes, metrics and OpenAPI document beside it.
///
/// | route | role |
/// |---|---|
/// | `GET /healthz`, `GET /readyz`, `GET /openapi.json` | none |
/// | `GET /v1/rulesets`, `GET /v1/rulesets/{id}` | any key |
/// | `POST /v1/rulesets/{id}/evaluate`, `POST /v1/rulesets/{id}/batch` | `evaluate` |
/// | `GET /metrics` | `audit` |
struct RESTRoutes: Sendable {
    let environment: ServerEnvironment

    private var registry: RulesetRegistry { environment.registry }
    private var limits: ServerConfiguration.Limits { environment.configuration.limits }

    /// Every route: method and path template.
    static let routes: [(method: String, path: String)] = [
        ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/openapi.json"), ("GET", "/metrics"), ("GET", "/v1/rulesets"),
        ("GET", "/v1/rulesets/{id}"), ("POST", "/v1/rulesets/{id}/evaluate"), ("POST", "/v1/rulesets/{id}/batch"),
    ]

    /// The methods of the routes in `routes` whose template matches `path` (none: no such endpoint).
    static func methods(for path: String, in routes: [(method: String, path: String)]) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.filter { route in
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == parts.count
                && zip(template, parts).allSatisfy { $0 == $1 || ($0.hasPrefix("{") && !$1.isEmpty) }
        }.map(\.method)
    }

    func add(to router: Router<BasicRequestContext>) {
        let configuration = environment.configuration
        router.get("healthz") { _, _ in JSONResponse.json("{\"status\":\"ok\"}\n") }
        router.get("readyz") { _, _ in
            JSONResponse.json("{\"status\":\"ready\",\"rulesets\":\(self.registry.ids.count)}\n")
        }
        router.get("openapi.json") { _, _ in JSONResponse.json(OpenAPIDocument.json) }
        router.group("metrics").add(middleware: APIKeyMiddleware(configuration: configuration, role: .audit)).get {
            _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.environment.metrics.text())))
        }
        let read = router.group("v1/rulesets").add(
            middleware: APIKeyMiddleware(configuration: configuration, role: nil))
        read.get { _, _ in JSONResponse.json(self.registry.listJSON()) }
        read.get(":id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let description = self.registry.descriptionJSON(id) else { return self.unknownRuleset(id) }
            return JSONResponse.json(description)
        }
        let evaluate = router.group("v1/rulesets").add(
            middleware: APIKeyMiddleware(configuration: configuration, role: .evaluate))
        evaluate.post(":id/evaluate") { request, context in
            try await self.evaluate(request, id: context.parameters.get("id") ?? "")
        }
        evaluate.post(":id/batch") { request, context in self.batch(request, id: context.parameters.get("id") ?? "") }
    }

    private func unknownRuleset(_ id: String) -> Response {
        let near = registry.suggestion(for: id).map { "; did you mean \(quoted: $0)?" } ?? ""
        return JSONResponse.make(.notFound, "no ruleset \(quoted: id)\(near)")
    }

    /// A `Content-Length` over `limit`, as a 413 response.
    private func tooLarge(_ request: Request, limit: Int, name: String) -> Response? {
        guard let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit else { return nil }
        return JSONResponse.make(
            .contentTooLarge, "the body is \(length) bytes, over \(limit) bytes (the limit \(name))")
    }

    private func evaluate(_ request: Request, id: String) async throws -> Response {
        guard registry.contains(id) else { return unknownRuleset(id) }
        let query = request.uri.queryParameters
        if let explain = query.get("explain"), explain != "all" {
            return JSONResponse.make(.badRequest, "'explain' takes 'all', found \(quoted: explain)")
        }
        if let response = tooLarge(request, limit: limits.caseBodyBytes, name: "caseBodyBytes") { return response }
        let limit = limits.caseBodyBytes
        let body: ByteBuffer
        do {
            guard
                let collected = try await TimeLimit.run(
                    seconds: limits.requestSeconds, { try await request.body.collect(upTo: limit) })
            else {
                return JSONResponse.make(
                    .requestTimeout,
                    "the body took longer than \(limits.requestSeconds) s to arrive (the limit requestSeconds)")
            }
            body = collected
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return JSONResponse.make(.contentTooLarge, "the body is over \(limit) bytes (the limit caseBodyBytes)")
        }
        let bytes = Array(body.readableBytesView)
        let decision = DecisionRecord.newID()
        let outcome = registry.evaluate(
            id, body: bytes, explainAll: query.get("explain") == "all", whyNot: query.getAll("whyNot"),
            audit: environment.audit, who: RequestAgent.current, decision: decision)
        switch outcome {
        case .result(let json)?:
            environment.metrics.evaluated(ruleset: id, cases: 1)
            var headers = HTTPFields()
            if environment.audit != nil { headers[JSONResponse.decisionHeader] = decision }
            return JSONResponse.json(bytes: json, headers: headers)
        case .malformed(let message, let diagnostics)?:
            return JSONResponse.make(.badRequest, message, diagnostics: diagnostics.isEmpty ? nil : diagnostics)
        case .invalid(let diagnostics)?:
            return JSONResponse.make(
                .unprocessableContent, "the case is invalid; it was not evaluated", diagnostics: diagnostics)
        case .unknownRule(let message)?: return JSONResponse.make(.unprocessableContent, message)
        case .unrecorded(let message)?:
            // The store's message names its path, never the case.
            environment.logger.error("audit store failed: \(message)")
            return JSONResponse.make(
                .serviceUnavailable, "the decision could not be recorded in the audit trail; it was not answered")
        case nil: return unknownRuleset(id)
        }
    }

    private func batch(_ request: Request, id: String) -> Response {
        guard registry.contains(id) else { return unknownRuleset(id) }
        if let response = tooLarge(request, limit: limits.batchBodyBytes, name: "batchBodyBytes") { return response }
        let stream = BatchStream(body: request.body, maxBytes: limits.batchBodyBytes, seconds: limits.batchSeconds)
        let registry = registry
        let metrics = environment.metrics
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { metrics.evaluated(ruleset: id, cases: max(0, stream.lines - 1)) }
                try await stream.run(into: &writer) { reader, emit in _ = registry.batch(id, reader: reader, emit: emit)
                }
            })
    }
}
