import GuidelineCompiler
import GuidelineEngine

/// A CDS service: one ruleset on one hook, with the prefetch templates its facts' FHIR bindings give.
package struct CDSService: Sendable {
    /// The service id, `{ruleset id}-{hook}` (`spine-metastases-patient-view`): the service is at
    /// `{baseUrl}/cds-services/{id}`.
    package var id: String
    /// The hook.
    package var hook: CDSHook
    /// The ruleset.
    package var ruleset: CompiledRuleset
    /// The prefetch templates, by key.
    package var prefetch: [PrefetchTemplate]
    /// Maps prefetch data into the ruleset's facts.
    package let mapper: PrefetchMapper
    /// Evaluates the ruleset (built once per service).
    package let evaluator: RulesetEvaluator
    /// Builds the cards.
    package let cards: CardBuilder

    /// The version of the CDS Hooks specification implemented, as the discovery field `version` names it
    /// (`HL7/cds-hooks:input/pagecontent/index.md`: STU1 | STU2 | STU3); this is CDS Hooks 2.0.
    package static let specificationVersion = "STU2"

    /// The service for `ruleset` on `hook`.
    package init(ruleset: CompiledRuleset, hook: CDSHook, topicSystem: String = CardBuilder.defaultTopicSystem) {
        self.id = "\(ruleset.manifest.id)-\(hook.rawValue)"
        self.hook = hook
        self.ruleset = ruleset
        self.mapper = PrefetchMapper(ruleset: ruleset)
        self.prefetch = mapper.templates
        self.evaluator = RulesetEvaluator(ruleset: ruleset)
        self.cards = CardBuilder(ruleset: ruleset, topicSystem: topicSystem)
    }

    /// One service per ruleset and hook, ordered by ruleset id, then hook.
    package static func services(
        for rulesets: [CompiledRuleset], hooks: [CDSHook] = CDSHook.allCases,
        topicSystem: String = CardBuilder.defaultTopicSystem
    ) -> [CDSService] {
        rulesets.sorted { $0.manifest.id < $1.manifest.id }.flatMap { ruleset in
            hooks.map { CDSService(ruleset: ruleset, hook: $0, topicSystem: topicSystem) }
        }
    }

    /// The discovery response `{"services": [...]}` (an empty array when there is no service, as the
    /// specification requires).
    package static func discovery(_ services: [CDSService]) -> JSONValue {
        .object([("services", .array(services.map(\.discoveryEntry)))])
    }

    /// The service's entry in the discovery response.
    package var discoveryEntry: JSONValue {
        let manifest = ruleset.manifest
        let description =
            "\(manifest.description ?? manifest.title) (\(manifest.id) \(manifest.version), \(ruleset.fingerprint))"
        let usage =
            "facts without a FHIR binding cannot be read from the health record; recommendations that need them stay undetermined"
        let unbound = ruleset.facts.contains { $0.fhir == nil }
        return .object(omittingAbsent: [
            ("hook", .string(hook.rawValue)),
            ("title", .string(manifest.title)),
            ("description", .string(description)),
            ("id", .string(id)),
            ("prefetch", prefetch.isEmpty ? nil : .object(prefetch.map { (key: $0.key, value: .string($0.query)) })),
            ("usageRequirements", unbound ? .string(usage) : nil),
            ("version", .string(Self.specificationVersion)),
            ("hookVersion", .string(hook.hookVersion)),
        ])
    }
}
