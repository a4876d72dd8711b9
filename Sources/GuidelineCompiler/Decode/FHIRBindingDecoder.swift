import GuidelineDiagnostics
import GuidelineYAML

/// Decodes the `fhir:` key of a fact declaration and checks that the binding can give the fact's type.
enum FHIRBindingDecoder {
    static let keys = ["resource", "system", "code", "value", "linkId"]

    static func decode(_ node: YAMLNode, fact: String, type: FactType, bag: inout DiagnosticBag) -> FHIRBinding? {
        let what = "the FHIR binding of fact \(quoted: fact)"
        let errorsBefore = bag.errors.count
        guard let reader = MappingReader(node, what: what, allowed: keys, required: ["resource"], bag: &bag),
            let resourceName = reader.string("resource", bag: &bag)
        else { return nil }
        let names = FHIRBinding.Resource.allCases.map(\.rawValue)
        guard let resource = FHIRBinding.Resource(rawValue: resourceName) else {
            bag.append(
                Diagnostic.error(
                    RulesDiagnosticCode.fhirUnknownResource,
                    "unknown FHIR resource type \(quoted: resourceName) in \(what)",
                    at: reader["resource"]?.range ?? node.range,
                    help: ["the resource types are: \(names.joined(separator: ", "))"]
                ).suggesting(Suggestions.closest(to: resourceName, in: names)))
            return nil
        }
        var binding = FHIRBinding(resource: resource, range: node.range)
        binding.system = reader.string("system", bag: &bag)
        binding.code = reader.string("code", bag: &bag)
        binding.linkId = reader.string("linkId", bag: &bag)
        let coded = resource != .questionnaireResponse
        for (key, applies) in [
            ("system", coded), ("code", coded), ("linkId", !coded), ("value", resource == .observation),
        ] where !applies {
            if let keyNode = reader[key] {
                bag.error(
                    RulesDiagnosticCode.keyNotApplicable,
                    "\(quoted: key) does not apply to \(what): a \(resource.rawValue) binding has \(coded ? "'system' and 'code'" : "'linkId'")",
                    at: keyNode.range)
            }
        }
        if coded {
            for (key, example) in [("system", "system: http://loinc.org"), ("code", "code: 777-3")]
            where reader[key] == nil {
                bag.error(
                    RulesDiagnosticCode.fhirMissingCode,
                    "\(what) needs \(quoted: key): a \(resource.rawValue) is found by its code", at: node.range,
                    help: [
                        "for example '\(example)'; where no standard code exists, leave the fact unbound and say so in a comment"
                    ])
            }
            if let system = binding.system, !isAbsoluteURI(system) {
                bag.error(
                    RulesDiagnosticCode.fhirBadSystem,
                    "code system \(quoted: system) in \(what) must be an absolute URI",
                    at: reader["system"]?.range ?? node.range,
                    help: ["for example 'http://loinc.org' or 'http://snomed.info/sct'"])
            }
            if let code = binding.code, code.isEmpty || code.contains(where: { $0 == "|" || $0 == "," || $0 == " " }) {
                bag.error(
                    RulesDiagnosticCode.badValue,
                    "code \(quoted: code) in \(what) must be one code, without spaces, '|' or ','",
                    at: reader["code"]?.range ?? node.range)
            }
        } else if reader["linkId"] == nil {
            bag.error(
                RulesDiagnosticCode.fhirMissingCode,
                "\(what) needs 'linkId': the item of the QuestionnaireResponse that answers it", at: node.range,
                help: ["for example 'linkId: \(fact)'"])
        }
        if resource == .observation {
            binding.value = reader.word("value", as: FHIRBinding.ValueElement.self, bag: &bag)
            if reader["value"] == nil { binding.value = .standard(for: type.keyword) }
        }
        checkType(binding, reader: reader, what: what, type: type, bag: &bag)
        return bag.errors.count > errorsBefore ? nil : binding
    }

    /// Reports a binding whose value cannot give a fact of `type`.
    private static func checkType(
        _ binding: FHIRBinding, reader: MappingReader, what: String, type: FactType, bag: inout DiagnosticBag
    ) {
        switch binding.resource {
        case .condition where type.keyword != "boolean":
            bag.error(
                RulesDiagnosticCode.fhirTypeMismatch,
                "\(what) cannot give a fact of type \(type.keyword): a Condition gives true or false",
                at: reader["resource"]?.range ?? binding.range,
                help: [
                    "bind a boolean fact to a Condition, or this fact to an Observation or a QuestionnaireResponse item"
                ])
        case .observation:
            if let value = binding.value, value.factTypeKeyword != type.keyword {
                let fitting = FHIRBinding.ValueElement.standard(for: type.keyword)
                bag.error(
                    RulesDiagnosticCode.fhirTypeMismatch,
                    "\(quoted: value.rawValue) in \(what) cannot give a fact of type \(type.keyword)",
                    at: reader["value"]?.range ?? reader["resource"]?.range ?? binding.range,
                    help: [
                        fitting.map { "a fact of type \(type.keyword) is read from '\($0.rawValue)'" }
                            ?? "an Observation value cannot give a fact of type \(type.keyword); bind it to a QuestionnaireResponse item"
                    ])
            } else if binding.value == nil, reader["value"] == nil {
                bag.error(
                    RulesDiagnosticCode.fhirTypeMismatch,
                    "\(what): no Observation value element gives a fact of type \(type.keyword)",
                    at: reader["resource"]?.range ?? binding.range,
                    help: [
                        "the value elements are: \(FHIRBinding.ValueElement.allCases.map(\.rawValue).joined(separator: ", ")); bind this fact to a QuestionnaireResponse item"
                    ])
            }
        default: break
        }
    }

    /// `scheme:rest` with no spaces, the scheme a letter followed by letters, digits, `+`, `-` or `.`.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), text.index(after: colon) != text.endIndex, !text.contains(" ")
        else { return false }
        let scheme = Array(text[..<colon].utf8)
        func letter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
        guard let first = scheme.first, letter(first) else { return false }
        return scheme.allSatisfy { letter($0) || (48...57).contains($0) || $0 == 43 || $0 == 45 || $0 == 46 }
    }
}
