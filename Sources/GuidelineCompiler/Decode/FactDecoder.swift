import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Decodes one fact declaration.
enum FactDecoder {
    static let keys = [
        "type", "description", "label", "group", "values", "ordered", "unit", "range", "default", "fhir",
    ]
    static let types = ["boolean", "integer", "decimal", "quantity", "enum"]

    static func decode(_ pair: YAMLPair, bag: inout DiagnosticBag) -> FactDeclaration? {
        guard let name = pair.key.scalar?.value else { return nil }
        if !Identifiers.isDottedName(name) {
            bag.error(
                RulesDiagnosticCode.badName, "fact name \(quoted: name) must be lowercase words joined by dots",
                at: pair.key.range,
                help: ["for example 'spine.level' or 'patient.life_expectancy'"])
        }
        let what = "fact \(quoted: name)"
        guard
            let reader = MappingReader(
                pair.value, what: what, allowed: keys, required: ["type", "description"], bag: &bag),
            let typeName = reader.string("type", bag: &bag)
        else { return nil }
        let description = reader.string("description", bag: &bag) ?? ""
        var type: FactType
        switch typeName {
        case "boolean": type = .boolean
        case "integer": type = .integer
        case "decimal": type = .decimal
        case "quantity":
            guard let unitText = reader.string("unit", bag: &bag) else {
                bag.error(
                    RulesDiagnosticCode.missingKey, "\(what) of type quantity needs 'unit'", at: pair.value.range,
                    help: ["for example 'unit: mo'"])
                return nil
            }
            guard let unit = Unit.lookup(unitText) else {
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.unknownUnit, "unknown unit \(quoted: unitText) for \(what)",
                        at: reader["unit"]?.range ?? pair.key.range
                    )
                    .suggesting(Unit.suggestion(for: unitText)?.symbol))
                return nil
            }
            type = .quantity(unit)
        case "enum":
            guard let values = reader.strings("values", bag: &bag), !values.isEmpty else {
                if reader["values"] == nil {
                    bag.error(
                        RulesDiagnosticCode.missingKey, "\(what) of type enum needs 'values'", at: pair.value.range)
                } else {
                    bag.error(
                        RulesDiagnosticCode.emptyEnum, "\(what) needs at least one value",
                        at: reader["values"]?.range ?? pair.key.range)
                }
                return nil
            }
            var seen: [String: SourceRange] = [:]
            for (value, range) in values {
                if !Identifiers.isWord(value) {
                    bag.error(
                        RulesDiagnosticCode.badEnumValue,
                        "enum value \(quoted: value) must be a word of letters, digits, '-' and '_', starting with a letter",
                        at: range)
                }
                if let first = seen[value] {
                    bag.error(
                        RulesDiagnosticCode.duplicateEnumValue, "enum value \(quoted: value) is listed twice",
                        at: range, notes: [DiagnosticNote("first listed here", at: first)])
                }
                seen[value] = seen[value] ?? range
            }
            let ordered = reader.bool("ordered", bag: &bag) ?? false
            type = .enumeration(EnumType(name: name, values: values.map(\.0), ordered: ordered))
        default:
            bag.append(
                Diagnostic.error(
                    RulesDiagnosticCode.badType, "unknown fact type \(quoted: typeName) for \(what)",
                    at: reader["type"]?.range ?? pair.key.range,
                    help: ["the types are: \(types.joined(separator: ", "))"]
                ).suggesting(Suggestions.closest(to: typeName, in: types)))
            return nil
        }
        for (key, applies) in [
            ("values", typeName == "enum"), ("ordered", typeName == "enum"), ("unit", typeName == "quantity"),
            ("range", ["integer", "decimal", "quantity"].contains(typeName)),
        ] where !applies {
            if let node = reader[key] {
                bag.error(
                    RulesDiagnosticCode.keyNotApplicable,
                    "\(quoted: key) does not apply to \(what) of type \(typeName)", at: node.range)
            }
        }
        var fact = FactDeclaration(name: name, type: type, description: description, range: pair.key.range)
        fact.label = formText("label", of: what, reader: reader, limit: FactDeclaration.labelLimit, bag: &bag)
        fact.group = formText("group", of: what, reader: reader, limit: nil, bag: &bag)
        if let node = reader["range"], let rangeNode = reader.scalar("range", bag: &bag) {
            decodeRange(rangeNode, node: node, fact: &fact, bag: &bag)
        }
        if let defaultNode = reader["default"] {
            fact.defaultValue = FactValueReader.value(of: defaultNode, for: fact, bag: &bag)
        }
        if let fhirNode = reader["fhir"] {
            fact.fhir = FHIRBindingDecoder.decode(fhirNode, fact: name, type: type, bag: &bag)
        }
        return fact
    }

    /// A `label:` or `group:`: one line of text, not empty, at most `limit` characters.
    private static func formText(
        _ key: String, of what: String, reader: MappingReader, limit: Int?, bag: inout DiagnosticBag
    ) -> String? {
        guard let node = reader[key], let text = reader.string(key, bag: &bag) else { return nil }
        let range = node.range
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty || text.contains(where: \.isNewline) {
            bag.error(
                RulesDiagnosticCode.badLabel, "\(quoted: key) of \(what) must be one line of text", at: range,
                help: ["a form shows it as a heading or beside a control; the description holds the rest"])
            return nil
        }
        if let limit, trimmed.count > limit {
            bag.error(
                RulesDiagnosticCode.badLabel,
                "\(quoted: key) of \(what) has \(trimmed.count) characters, more than \(limit)", at: range,
                help: ["a label is a few words beside a form control; the description holds the rest"])
            return nil
        }
        return trimmed
    }

    private static func decodeRange(
        _ scalar: YAMLScalar, node: YAMLNode, fact: inout FactDeclaration, bag: inout DiagnosticBag
    ) {
        let parts = scalar.value.components(separatedBy: "..")
        guard parts.count == 2 else {
            bag.error(
                RulesDiagnosticCode.badRange,
                "range \(quoted: scalar.value) of fact \(quoted: fact.name) must be written 'low..high'", at: node.range
            )
            return
        }
        let low = FactValueReader.parseBound(parts[0].trimmingSpaces(), for: fact)
        let high = FactValueReader.parseBound(parts[1].trimmingSpaces(), for: fact)
        guard case .success(let lo) = low, case .success(let hi) = high else {
            for case .failure(let problem) in [low, high] {
                bag.error(
                    RulesDiagnosticCode.badRange,
                    "bad range \(quoted: scalar.value) of fact \(quoted: fact.name): \(problem.message)", at: node.range
                )
            }
            return
        }
        if FactValueReader.order(lo, hi).map({ $0 > 0 }) ?? false {
            bag.error(
                RulesDiagnosticCode.badRange,
                "range \(quoted: scalar.value) of fact \(quoted: fact.name) is empty: the low end is above the high end",
                at: node.range)
        }
        fact.minimum = lo
        fact.maximum = hi
    }
}

extension String {
    /// The string without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
