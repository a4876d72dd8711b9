import GuidelineDiagnostics

/// Where a fact can be read from FHIR data (the `fhir:` key of a fact declaration), so that a CDS Hooks service
/// can ask for it in a prefetch template and map what the client sends into the fact.
///
/// - An Observation with a code (`system` + `code`, e.g. LOINC) gives a quantity, integer, boolean or enum from
///   one value element (`valueQuantity`, `valueInteger`, `valueBoolean`, `valueString`).
/// - A Condition with a code (e.g. SNOMED CT) gives a boolean: present and active is true, refuted is false,
///   anything else (no Condition, inactive, unconfirmed) is unknown.
/// - A QuestionnaireResponse item (`linkId`) gives a clinical judgement: the answer of the newest completed
///   response that has the item.
package struct FHIRBinding: Sendable, Hashable {
    /// The FHIR resource types a fact can be bound to.
    package enum Resource: String, Sendable, CaseIterable {
        /// A measurement or finding with a code and a value.
        case observation = "Observation"
        /// A diagnosis or problem with a code.
        case condition = "Condition"
        /// An answer to a form item.
        case questionnaireResponse = "QuestionnaireResponse"
    }

    /// The value element of an Observation that gives the fact.
    package enum ValueElement: String, Sendable, CaseIterable {
        /// `valueQuantity` (value and UCUM unit): a quantity fact.
        case valueQuantity
        /// `valueInteger`: an integer fact.
        case valueInteger
        /// `valueBoolean`: a boolean fact.
        case valueBoolean
        /// `valueString`: an enum fact (the string must be one of its values).
        case valueString

        /// The fact type keyword this element can give.
        package var factTypeKeyword: String {
            switch self {
            case .valueQuantity: "quantity"
            case .valueInteger: "integer"
            case .valueBoolean: "boolean"
            case .valueString: "enum"
            }
        }

        /// The element a fact of the type `keyword` is read from when the binding names none.
        package static func standard(for keyword: String) -> ValueElement? {
            allCases.first { $0.factTypeKeyword == keyword }
        }
    }

    /// The resource type.
    package var resource: Resource
    /// The code system (an absolute URI such as `http://loinc.org`), for Observation and Condition.
    package var system: String?
    /// The code in that system, for Observation and Condition.
    package var code: String?
    /// The Observation value element, for Observation.
    package var value: ValueElement?
    /// The item's `linkId`, for QuestionnaireResponse.
    package var linkId: String?
    /// Where the binding is written.
    package var range: SourceRange

    /// Creates a binding.
    package init(
        resource: Resource, system: String? = nil, code: String? = nil, value: ValueElement? = nil,
        linkId: String? = nil,
        range: SourceRange
    ) {
        self.resource = resource
        self.system = system
        self.code = code
        self.value = value
        self.linkId = linkId
        self.range = range
    }

    /// The FHIR search token `system|code`, when the binding has a code.
    package var token: String? {
        guard let system, let code else { return nil }
        return "\(system)|\(code)"
    }
}
