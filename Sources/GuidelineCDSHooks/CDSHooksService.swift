import GuidelineCompiler
import GuidelineEngine

/// The CDS Hooks side of `guideline serve`, without HTTP: discovery, and a service call in two steps so that
/// the server can fetch in between what the client did not prefetch.
///
/// ```swift
/// let hooks = CDSHooksService(rulesets: rulesets)
/// // GET /cds-services
/// respond(200, hooks.discovery)
/// // POST /cds-services/{id} (after ClientTokenVerifier accepted the Authorization header)
/// let call = try hooks.prepare(serviceID: id, body: body)          // CDSCallError: 404 or 400
/// var fetched: [String: JSONValue] = [:]
/// for (template, query) in call.fetch where call.request.fhirServer != nil {
///     fetched[template.key] = fetch(call.request.fhirServer! + "/" + query, call.request.fhirAuthorization)
/// }
/// let answer = hooks.answer(call, fetched: fetched)                 // 200 cards or 412 OperationOutcome
/// respond(answer.status, answer.body)
/// ```
package struct CDSHooksService: Sendable {
    /// The services, one per ruleset and hook.
    package let services: [CDSService]
    private let byID: [String: Int]

    /// The services of `rulesets` on `hooks`; `topicSystem` is the code system of the cards' `source.topic`.
    package init(
        rulesets: [CompiledRuleset], hooks: [CDSHook] = CDSHook.allCases,
        topicSystem: String = CardBuilder.defaultTopicSystem
    ) {
        services = CDSService.services(for: rulesets, hooks: hooks, topicSystem: topicSystem)
        byID = Dictionary(services.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The discovery response.
    package var discovery: JSONValue { CDSService.discovery(services) }

    /// The service with `id`, if any.
    package func service(id: String) -> CDSService? { byID[id].map { services[$0] } }

    /// A call read and checked, with what the service should fetch itself.
    package struct PreparedCall: Sendable {
        /// The service called.
        package var service: CDSService
        /// The request.
        package var request: CDSRequest
        /// The templates the client did not satisfy, each with its query resolved against the context (relative
        /// to `request.fhirServer`); templates whose tokens the context cannot fill are left out.
        package var fetch: [(template: PrefetchTemplate, query: String)]
    }

    /// Step 1: reads the body of `POST /cds-services/{serviceID}`.
    package func prepare(serviceID: String, body: [UInt8]) throws(CDSCallError) -> PreparedCall {
        guard let service = service(id: serviceID) else { throw .unknownService(serviceID) }
        let request: CDSRequest
        do { request = try CDSRequest.parse(body, expectedHook: service.hook) } catch { throw .badRequest(error) }
        let fetch = service.mapper.unsatisfied(by: request.prefetch).compactMap { template in
            template.resolved(context: request.contextFields).map { (template: template, query: $0) }
        }
        return PreparedCall(service: service, request: request, fetch: fetch)
    }

    /// Step 2: maps the prefetch (with `fetched` added under the same keys) into facts, evaluates, and answers
    /// with the cards, or 412 when no fact at all could be obtained.
    package func answer(_ call: PreparedCall, fetched: [String: JSONValue] = [:]) -> CDSAnswer {
        let prefetch = call.request.prefetch.merging(fetched) { sent, _ in sent }
        let facts = call.service.mapper.facts(from: prefetch, caseID: call.request.hookInstance)
        if facts.nothingObtained {
            return CDSAnswer(status: 412, body: facts.operationOutcome, facts: facts, result: nil)
        }
        let result = call.service.evaluator.evaluate(facts.input)
        return CDSAnswer(
            status: 200, body: call.service.cards.response(for: result, hookInstance: call.request.hookInstance),
            facts: facts, result: result)
    }
}
