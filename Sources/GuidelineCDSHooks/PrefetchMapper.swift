import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// Maps the prefetch of a CDS Hooks request into the facts of a case.
///
/// Each value found is validated as a JSON case file's fact is (``CaseDecoder``: type, unit, range, enum
/// values); a value that fails is reported and left unknown, and the others are kept. A key absent from the
/// prefetch is a template the client did not satisfy; a `null` key is "no data"; an OperationOutcome is a
/// failed fetch. Absent, unbound, `null` and failed all leave facts unknown, never false.
package struct PrefetchMapper: Sendable {
    /// The ruleset.
    package let ruleset: CompiledRuleset
    /// Its templates.
    package let templates: [PrefetchTemplate]
    private let decoder: CaseDecoder

    /// A mapper for `ruleset`.
    package init(ruleset: CompiledRuleset) {
        self.ruleset = ruleset
        self.templates = PrefetchTemplate.templates(for: ruleset)
        self.decoder = CaseDecoder(ruleset: ruleset)
    }

    /// The templates `prefetch` does not satisfy (absent keys), for the service to fetch itself.
    package func unsatisfied(by prefetch: [String: JSONValue]) -> [PrefetchTemplate] {
        templates.filter { prefetch[$0.key] == nil }
    }

    /// The facts of `prefetch` (the request's, with whatever the service fetched added under the same keys).
    package func facts(from prefetch: [String: JSONValue], caseID: String? = nil) -> PrefetchFacts {
        var obtained: [PrefetchFacts.Obtained] = []
        var missing: [PrefetchFacts.Missing] = []
        var unbound: [String] = []
        var candidates: [(fact: String, key: String, value: JSONValue, source: String)] = []
        let keyOfFact = Dictionary(
            templates.flatMap { template in template.facts.map { ($0, template.key) } }, uniquingKeysWith: { a, _ in a }
        )
        var resourcesOfKey: [String: [JSONValue]] = [:]
        for fact in ruleset.facts {
            guard let binding = fact.fhir, let key = keyOfFact[fact.name] else {
                unbound.append(fact.name)
                continue
            }
            guard let value = prefetch[key] else {
                missing.append(.init(fact: fact.name, key: key, reason: .notSent))
                continue
            }
            if value.isNull {
                missing.append(
                    .init(fact: fact.name, key: key, reason: .noData("the client has no data for prefetch '\(key)'")))
                continue
            }
            if value.resourceType == "OperationOutcome" {
                missing.append(.init(fact: fact.name, key: key, reason: .fetchFailed))
                continue
            }
            let resources = resourcesOfKey[key] ?? FHIRFactReader.resources(in: value)
            resourcesOfKey[key] = resources
            switch FHIRFactReader.read(fact, binding: binding, resources: resources) {
            case .unknown(let why):
                missing.append(.init(fact: fact.name, key: key, reason: .noData(why)))
            case .value(let candidate, let source):
                candidates.append((fact.name, key, candidate, source))
            }
        }
        // All values in one case first (the usual case: every value fits); when that case has an error, each
        // value alone, to keep the ones that fit and report the others.
        var accepted: [(key: String, value: JSONValue)] = candidates.map { ($0.fact, $0.value) }
        var rejected: [String: [Diagnostic]] = [:]
        var outcome = decoder.decode(bytes: Self.caseJSON(id: caseID, facts: accepted), file: "prefetch")
        if outcome.input == nil {
            for candidate in candidates {
                let alone = decoder.decode(
                    bytes: Self.caseJSON(id: nil, facts: [(candidate.fact, candidate.value)]),
                    file: "prefetch.\(candidate.key)")
                if alone.input == nil { rejected[candidate.fact] = alone.diagnostics.filter { $0.severity == .error } }
            }
            accepted.removeAll { rejected[$0.key] != nil }
            // Every value kept passed alone, so together they pass.
            outcome = decoder.decode(bytes: Self.caseJSON(id: caseID, facts: accepted), file: "prefetch")
        }
        for candidate in candidates {
            if let diagnostics = rejected[candidate.fact] {
                missing.append(.init(fact: candidate.fact, key: candidate.key, reason: .rejected(diagnostics)))
            } else {
                obtained.append(.init(fact: candidate.fact, source: candidate.source))
            }
        }
        let order = Dictionary(
            ruleset.facts.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        missing.sort { order[$0.fact, default: 0] < order[$1.fact, default: 0] }
        let input =
            outcome.input
            ?? CaseInput(id: caseID, facts: Array(repeating: .unknown, count: ruleset.facts.count), origin: "prefetch")
        return PrefetchFacts(
            input: input, obtained: obtained, missing: missing, unbound: unbound, unsatisfied: unsatisfied(by: prefetch)
        )
    }

    /// `{"case": id, "facts": {...}}` as bytes.
    static func caseJSON(id: String?, facts: [(key: String, value: JSONValue)]) -> [UInt8] {
        JSONValue.object(omittingAbsent: [("case", id.map(JSONValue.string)), ("facts", .object(facts))]).jsonBytes
    }
}
