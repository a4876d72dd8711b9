import Foundation
import GuidelineAudit
import GuidelineCDSHooks
import Hummingbird
import Synchronization

/// CDS Hooks 2.0 under `/cds-services`: discovery, service calls and feedback, a thin layer over
/// ``CDSHooksService``.
///
/// | route | answer |
/// |---|---|
/// | `GET /cds-services` | the services, one per ruleset and hook |
/// | `POST /cds-services/{id}` | 200 cards; 400, 404 or 412 with an OperationOutcome |
/// | `POST /cds-services/{id}/feedback` | 200 (stored once however often it is sent); 400, 404 |
///
/// With a configuration file every call needs a client JWT (`Authorization: Bearer`) that
/// ``ClientTokenVerifier`` accepts for the exact URL called; any failure is a bare 401. Without one (loopback
/// only) no token is asked for, as the REST API asks for no key.
struct CDSHooksRoutes: Sendable {
    let environment: ServerEnvironment
    let hooks: CDSHooksService
    let tokens: TokenGate
    let feedback: any FeedbackStore
    let fetcher: FHIRFetcher
    /// The port the server listens on, set once it listens (for the default base URL).
    let listeningPort: ListeningPort

    /// The port the server listens on, once known.
    final class ListeningPort: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Makes the client token verifier once, at the first call (jwt-kit reads keys asynchronously).
    actor TokenGate {
        private let issuers: [ClientTokenVerifier.Issuer]
        private var made: ClientTokenVerifier??

        init(issuers: [ClientTokenVerifier.Issuer]) { self.issuers = issuers }

        /// The verifier, or nil when none can be made (no issuer): every call is refused.
        func verifier() async -> ClientTokenVerifier? {
            if let made { return made }
            let verifier = issuers.isEmpty ? nil : try? await ClientTokenVerifier.make(issuers: issuers)
            made = .some(verifier)
            return verifier
        }
    }

    /// The routes over `environment`'s rulesets and its `cdsHooks` configuration.
    init(environment: ServerEnvironment, listeningPort: ListeningPort, feedback: any FeedbackStore) {
        let section = environment.configuration.cdsHooks
        self.environment = environment
        self.hooks = CDSHooksService(
            rulesets: environment.registry.rulesets, hooks: section.hooks, topicSystem: section.topicSystem)
        self.tokens = TokenGate(issuers: section.issuers)
        self.feedback = feedback
        self.fetcher = FHIRFetcher(
            maxBytes: environment.configuration.limits.caseBodyBytes * 16,
            seconds: Double(environment.configuration.limits.requestSeconds))
        self.listeningPort = listeningPort
    }

    /// Every route: method and path template (for the 405 answers).
    static let routes: [(method: String, path: String)] = [
        ("GET", "/cds-services"), ("POST", "/cds-services/{id}"), ("POST", "/cds-services/{id}/feedback"),
    ]

    func add(to router: Router<BasicRequestContext>) {
        let group = router.group("cds-services")
        group.get { request, _ in
            await self.authenticated(request, path: "/cds-services") { Self.json(self.hooks.discovery) }
        }
        group.post(":id") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await self.authenticated(request, path: "/cds-services/\(id)") { await self.call(request, id: id) }
        }
        group.post(":id/feedback") { request, context in
            let id = context.parameters.get("id") ?? ""
            return await self.authenticated(request, path: "/cds-services/\(id)/feedback") {
                await self.storeFeedback(request, id: id)
            }
        }
    }

    /// The URL clients call for `path`: the configured base URL, or the address the server listens on.
    func endpoint(_ path: String) -> String {
        if let base = environment.configuration.cdsHooks.baseURL { return base + path }
        let host = environment.configuration.host
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(listeningPort.value.load(ordering: .acquiring))\(path)"
    }

    /// A bare 401 unless the call carries a client token for `path` (none is asked for without a configuration
    /// file); otherwise `answer`, with ``RequestAgent/current`` naming the token's `iss` and `sub`.
    private func authenticated(
        _ request: Request, path: String, _ answer: () async -> Response
    ) async -> Response {
        guard environment.configuration.requiresKeys else { return await answer() }
        guard let verifier = await tokens.verifier() else { return Self.unauthorized }
        let client: ClientTokenVerifier.VerifiedClient
        do {
            client = try await verifier.verify(authorization: request.headers[.authorization], endpoint: endpoint(path))
        } catch {
            return Self.unauthorized
        }
        return await RequestAgent.$current.withValue(
            RequestAgent.client(issuer: client.issuer, subject: client.subject), operation: answer)
    }

    private static var unauthorized: Response {
        Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
    }

    private func call(_ request: Request, id: String) async -> Response {
        let bytes: [UInt8]
        switch await body(of: request, service: id) {
        case .success(let read): bytes = read
        case .failure(let failure): return failure.response
        }
        let prepared: CDSHooksService.PreparedCall
        do { prepared = try hooks.prepare(serviceID: id, body: bytes) } catch {
            return Self.json(error.body, status: HTTPResponse.Status(code: error.status))
        }
        let fetched = await fetcher.fetch(prepared)
        let answer = hooks.answer(prepared, fetched: fetched)
        var decision: String?
        if let audit = environment.audit, answer.status == 200, let result = answer.result {
            let ruleset = prepared.service.ruleset
            let cards = answer.body["cards"]?.array?.compactMap { $0["uuid"]?.string } ?? []
            let patient = prepared.request.patientID
            let record = audit.record(
                result, input: answer.facts.input, ruleset: ruleset, who: RequestAgent.current, channel: "cds-hooks",
                patientID: patient.isEmpty ? nil : patient, hookInstance: prepared.request.hookInstance, cards: cards)
            decision = record.id
            do throws(AuditError) {
                try audit.append([record], ruleset: ruleset)
            } catch {
                environment.logger.error("audit store failed: \(error)")
                return Self.json(
                    OperationOutcome.single(
                        severity: "error", code: "transient", diagnostics: "the decision could not be recorded"),
                    status: .serviceUnavailable)
            }
        }
        if answer.status == 200 {
            environment.metrics.evaluated(ruleset: prepared.service.ruleset.manifest.id, cases: 1)
        }
        var response = Self.json(answer.body, status: HTTPResponse.Status(code: answer.status))
        if let decision { response.headers[JSONResponse.decisionHeader] = decision }
        return response
    }

    private func storeFeedback(_ request: Request, id: String) async -> Response {
        let bytes: [UInt8]
        switch await body(of: request, service: id) {
        case .success(let read): bytes = read
        case .failure(let failure): return failure.response
        }
        do {
            try await feedback.store(try Feedback.parse(bytes), service: id)
        } catch let error as CDSRequestError {
            return Self.json(error.operationOutcome, status: .badRequest)
        } catch {
            environment.logger.error("cannot store feedback for \(id)")
            return Self.json(
                OperationOutcome.single(
                    severity: "error", code: "exception", diagnostics: "the feedback was not stored"),
                status: .serviceUnavailable)
        }
        return Response(status: .ok)
    }

    /// The body of a request to service `id`, held to the case body limit and the request time; or the 404,
    /// 413 or 408 answer.
    private func body(of request: Request, service id: String) async -> Result<[UInt8], ResponseFailure> {
        guard hooks.service(id: id) != nil else {
            return .failure(ResponseFailure(Self.json(CDSCallError.unknownService(id).body, status: .notFound)))
        }
        let limits = environment.configuration.limits
        let limit = limits.caseBodyBytes
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            return .failure(ResponseFailure(Self.tooLarge(limit)))
        }
        do {
            guard
                let collected = try await TimeLimit.run(
                    seconds: limits.requestSeconds, { try await request.body.collect(upTo: limit) })
            else {
                return .failure(
                    ResponseFailure(
                        Self.json(
                            OperationOutcome.single(
                                severity: "error", code: "timeout",
                                diagnostics: "the body took longer than \(limits.requestSeconds) s to arrive"),
                            status: .requestTimeout)))
            }
            return .success(Array(collected.readableBytesView))
        } catch {
            return .failure(ResponseFailure(Self.tooLarge(limit)))
        }
    }

    /// A response carried as an error.
    struct ResponseFailure: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    private static func tooLarge(_ limit: Int) -> Response {
        json(
            OperationOutcome.single(
                severity: "error", code: "too-costly", diagnostics: "the body is over \(limit) bytes"),
            status: .contentTooLarge)
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
    }
}
