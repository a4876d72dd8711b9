import GuidelineCompiler

/// Reads one bound fact from the FHIR resources of its prefetch key, as a JSON value for the case decoder
/// (which then checks it exactly as it checks a case file), or says why there is none.
///
/// Nothing is ever read as false for want of data: no resource, no matching code, a resource in a state that
/// says nothing (preliminary, entered in error, inactive, unconfirmed) all leave the fact unknown. Only a
/// Condition whose verification status is `refuted` gives false.
enum FHIRFactReader {
    /// The outcome for one fact.
    enum Reading {
        /// A value, in the form a JSON case gives it, and the resource it came from.
        case value(JSONValue, source: String)
        /// No value, and why.
        case unknown(String)
    }

    /// UCUM codes that name a unit of the rule language under another spelling, with the same magnitude
    /// (10^3 per microlitre is 10^9 per litre), so a platelet count sent as `10*3/uL` reads exactly.
    static let unitAliases: [String: String] = ["10*3/uL": "10*9/L", "10*3/mm3": "10*9/L", "10*6/uL": "10*9/mL"]

    /// The resources of a prefetch value: the entries of a Bundle (OperationOutcome entries left out) or the
    /// resource itself.
    static func resources(in value: JSONValue) -> [JSONValue] {
        if value.resourceType == "Bundle" {
            return (value["entry"]?.array ?? []).compactMap { $0["resource"] }.filter {
                $0.resourceType != "OperationOutcome"
            }
        }
        return [value]
    }

    /// Reads `fact` (bound by `binding`) from `resources`.
    static func read(_ fact: FactDeclaration, binding: FHIRBinding, resources: [JSONValue]) -> Reading {
        switch binding.resource {
        case .observation: observation(fact, binding: binding, resources: resources)
        case .condition: condition(binding: binding, resources: resources)
        case .questionnaireResponse: questionnaire(fact, linkId: binding.linkId ?? fact.name, resources: resources)
        }
    }

    private static func reference(_ resource: JSONValue) -> String {
        "\(resource.resourceType ?? "resource")/\(resource["id"]?.string ?? "?")"
    }

    private static func hasCode(_ concept: JSONValue?, binding: FHIRBinding) -> Bool {
        (concept?["coding"]?.array ?? []).contains {
            $0["system"]?.string == binding.system && $0["code"]?.string == binding.code
        }
    }

    // MARK: Observation

    private static func observation(_ fact: FactDeclaration, binding: FHIRBinding, resources: [JSONValue]) -> Reading {
        let matching = resources.filter { $0.resourceType == "Observation" && hasCode($0["code"], binding: binding) }
        guard !matching.isEmpty else { return .unknown("no Observation with the code \(binding.token ?? "")") }
        let usable = matching.filter {
            ["final", "amended", "corrected"].contains($0["status"]?.string ?? "") && $0["dataAbsentReason"] == nil
        }
        guard let newest = usable.max(by: { effective($0) < effective($1) }) else {
            return .unknown(
                "no final Observation with the code \(binding.token ?? "") (preliminary, cancelled, entered in error or without a value)"
            )
        }
        let element = binding.value ?? .valueQuantity
        guard let value = newest[element.rawValue] else {
            return .unknown("\(reference(newest)) has no \(element.rawValue)")
        }
        switch element {
        case .valueQuantity:
            return quantity(value, source: reference(newest))
        case .valueInteger, .valueBoolean, .valueString:
            return .value(value, source: reference(newest))
        }
    }

    /// When an Observation was made: `effectiveDateTime`, `effectiveInstant`, the end (or start) of
    /// `effectivePeriod`, else `issued` (ISO 8601 text, compared as text).
    private static func effective(_ observation: JSONValue) -> String {
        observation["effectiveDateTime"]?.string ?? observation["effectiveInstant"]?.string ?? observation[
            "effectivePeriod"]?["end"]?.string
            ?? observation["effectivePeriod"]?["start"]?.string ?? observation["issued"]?.string ?? ""
    }

    /// A FHIR Quantity as `{"value", "unit"}`: the UCUM code when the system is UCUM, else the unit text.
    private static func quantity(_ quantity: JSONValue, source: String) -> Reading {
        if let comparator = quantity["comparator"]?.string {
            return .unknown("\(source) gives a bound (\(comparator)), not a value")
        }
        guard let number = quantity["value"] else { return .unknown("\(source) has a quantity without a value") }
        let ucum = quantity["system"]?.string == "http://unitsofmeasure.org" ? quantity["code"]?.string : nil
        guard let unit = ucum ?? quantity["unit"]?.string else {
            return .unknown("\(source) has a quantity without a unit")
        }
        return .value(.object([("value", number), ("unit", .string(unitAliases[unit] ?? unit))]), source: source)
    }

    // MARK: Condition

    private static func condition(binding: FHIRBinding, resources: [JSONValue]) -> Reading {
        let matching = resources.filter { $0.resourceType == "Condition" && hasCode($0["code"], binding: binding) }
        guard !matching.isEmpty else { return .unknown("no Condition with the code \(binding.token ?? "")") }
        var present: [String] = []
        var refuted: [String] = []
        for condition in matching {
            let verification = (condition["verificationStatus"]?["coding"]?.array ?? []).compactMap {
                $0["code"]?.string
            }
            let clinical = (condition["clinicalStatus"]?["coding"]?.array ?? []).compactMap { $0["code"]?.string }
            if verification.contains("entered-in-error") { continue }
            if verification.contains("refuted") {
                refuted.append(reference(condition))
            } else if verification.allSatisfy({ $0 == "confirmed" }),
                clinical.contains(where: { ["active", "recurrence", "relapse"].contains($0) })
            {
                present.append(reference(condition))
            }
        }
        switch (present.isEmpty, refuted.isEmpty) {
        case (false, true): return .value(.bool(true), source: present.joined(separator: ", "))
        case (true, false): return .value(.bool(false), source: refuted.joined(separator: ", "))
        case (false, false):
            return .unknown(
                "the Conditions disagree: \(present.joined(separator: ", ")) active, \(refuted.joined(separator: ", ")) refuted"
            )
        case (true, true):
            return .unknown("no active confirmed or refuted Condition with the code \(binding.token ?? "")")
        }
    }

    // MARK: QuestionnaireResponse

    private static func questionnaire(_ fact: FactDeclaration, linkId: String, resources: [JSONValue]) -> Reading {
        let responses = resources.filter {
            $0.resourceType == "QuestionnaireResponse" && ["completed", "amended"].contains($0["status"]?.string ?? "")
        }
        .sorted { ($0["authored"]?.string ?? "") > ($1["authored"]?.string ?? "") }
        for response in responses {
            guard let item = find(linkId, in: response["item"]?.array ?? []) else { continue }
            let answers = item["answer"]?.array ?? []
            guard answers.count == 1, let answer = answers.first else {
                return .unknown(
                    "\(reference(response)) answers item \(linkId) \(answers.isEmpty ? "with nothing" : "\(answers.count) times")"
                )
            }
            let source = "\(reference(response)) item \(linkId)"
            switch fact.type {
            case .boolean: if let value = answer["valueBoolean"] { return .value(value, source: source) }
            case .integer: if let value = answer["valueInteger"] { return .value(value, source: source) }
            case .decimal:
                if let value = answer["valueDecimal"] ?? answer["valueInteger"] { return .value(value, source: source) }
            case .quantity: if let value = answer["valueQuantity"] { return quantity(value, source: source) }
            case .enumeration:
                if let code = answer["valueCoding"]?["code"] ?? answer["valueString"] {
                    return .value(code, source: source)
                }
            }
            return .unknown("\(source) has no answer of the fact's type (\(fact.type.keyword))")
        }
        return .unknown("no completed QuestionnaireResponse answers item \(linkId)")
    }

    /// The item with `linkId`, searched through nested items and the items under answers.
    private static func find(_ linkId: String, in items: [JSONValue]) -> JSONValue? {
        for item in items {
            if item["linkId"]?.string == linkId { return item }
            let nested = (item["item"]?.array ?? []) + (item["answer"]?.array ?? []).flatMap { $0["item"]?.array ?? [] }
            if let found = find(linkId, in: nested) { return found }
        }
        return nil
    }
}
