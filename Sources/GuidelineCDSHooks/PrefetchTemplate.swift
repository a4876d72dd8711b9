import GuidelineCompiler

/// One prefetch template of a service: a key, the FHIR query with its prefetch tokens, and the facts it gives.
///
/// Generated from the facts' FHIR bindings: one template per Observation or Condition code, one for all
/// QuestionnaireResponse items.
package struct PrefetchTemplate: Sendable, Hashable {
    /// The prefetch key (`observation-777-3`).
    package var key: String
    /// The query (`Observation?patient={{context.patientId}}&code=http://loinc.org|777-3&_sort=-date&_count=1`).
    package var query: String
    /// The resource type the query returns.
    package var resource: FHIRBinding.Resource
    /// The facts read from what the query returns, in declaration order.
    package var facts: [String]

    /// The query with its prefetch tokens replaced by the request's context (`{{context.patientId}}`), for a
    /// service that fetches what the client did not send; nil when a token has no value in the context.
    package func resolved(context: [String: String]) -> String? {
        var out = ""
        var rest = Substring(query)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            let token = rest[open.upperBound..<close.lowerBound]
            guard token.hasPrefix("context."), let value = context[String(token.dropFirst("context.".count))] else {
                return nil
            }
            out += Self.percentEncoded(value)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The templates for the bound facts of `ruleset`, ordered by key.
    package static func templates(for ruleset: CompiledRuleset) -> [PrefetchTemplate] {
        var byKey: [String: PrefetchTemplate] = [:]
        var order: [String] = []
        for fact in ruleset.facts {
            guard let binding = fact.fhir else { continue }
            let template = template(for: binding)
            if byKey[template.key] == nil {
                order.append(template.key)
                byKey[template.key] = template
            }
            byKey[template.key]?.facts.append(fact.name)
        }
        return order.sorted().compactMap { byKey[$0] }
    }

    /// The template a binding is read from (without facts).
    static func template(for binding: FHIRBinding) -> PrefetchTemplate {
        let patient = "patient={{context.patientId}}"
        switch binding.resource {
        case .observation:
            return PrefetchTemplate(
                key: "observation-\(keyPart(binding.code ?? ""))",
                query: "Observation?\(patient)&code=\(binding.token ?? "")&_sort=-date&_count=1",
                resource: .observation, facts: [])
        case .condition:
            return PrefetchTemplate(
                key: "condition-\(keyPart(binding.code ?? ""))",
                query: "Condition?\(patient)&code=\(binding.token ?? "")",
                resource: .condition, facts: [])
        case .questionnaireResponse:
            return PrefetchTemplate(
                key: "questionnaire-responses",
                query: "QuestionnaireResponse?\(patient)&status=completed&_sort=-authored",
                resource: .questionnaireResponse, facts: [])
        }
    }

    /// A code as part of a key: letters, digits, `-` and `.`; anything else becomes `-`.
    private static func keyPart(_ code: String) -> String {
        String(
            code.unicodeScalars.map { scalar -> Character in
                scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(Character(scalar))
                    || scalar == "-" || scalar == "."
                    ? Character(scalar) : "-"
            })
    }

    /// Percent-encodes what a query parameter value may not hold as it is.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
                out.append(character)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    /// The string with `0`s in front up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
