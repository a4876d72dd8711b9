import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Decodes one score: components with their point tables, the declared range and the bands.
enum ScoreDecoder {
    static let keys = ["title", "description", "range", "cite", "components", "bands"]

    static func decode(
        _ pair: YAMLPair, facts: [String: FactDeclaration], bag: inout DiagnosticBag
    ) -> ScoreDeclaration? {
        guard let id = pair.key.scalar?.value else { return nil }
        if !Identifiers.isDottedName(id) {
            bag.error(
                RulesDiagnosticCode.badName, "score name \(quoted: id) must be lowercase words joined by dots",
                at: pair.key.range)
        }
        let what = "score \(quoted: id)"
        guard
            let reader = MappingReader(
                pair.value, what: what, allowed: keys, required: ["title", "range", "components", "bands"], bag: &bag)
        else { return nil }
        var score = ScoreDeclaration(
            id: id, title: reader.string("title", bag: &bag) ?? id,
            description: reader.string("description", bag: &bag),
            lower: 0, upper: 0, components: [], bands: [], citations: [], range: pair.key.range)
        if let rangeNode = reader["range"] {
            guard let (lower, upper) = integerRange(rangeNode, what: "range of \(what)", bag: &bag) else { return nil }
            (score.lower, score.upper) = (lower, upper)
        }
        if let cite = reader["cite"] { score.citations = CitationDecoder.decode(cite, bag: &bag) }
        if let components = reader["components"] {
            for entry in RuleFileDecoder.entries(of: components, what: "'components' of \(what)", bag: &bag) {
                if let component = decodeComponent(entry, score: id, facts: facts, bag: &bag) {
                    score.components.append(component)
                }
            }
        }
        if let bands = reader["bands"] {
            for entry in RuleFileDecoder.entries(of: bands, what: "'bands' of \(what)", bag: &bag) {
                guard let label = entry.key.scalar?.value else { continue }
                if !Identifiers.isIdentifier(label) {
                    bag.error(
                        RulesDiagnosticCode.badId, "band label \(quoted: label) must be lowercase words joined by '-'",
                        at: entry.key.range)
                }
                guard
                    let (lower, upper) = integerRange(entry.value, what: "band \(quoted: label) of \(what)", bag: &bag)
                else { continue }
                score.bands.append(.init(label: label, lower: lower, upper: upper, range: entry.key.range))
            }
        }
        return score
    }

    /// `rules.invalid-number`: a whole number in a score beyond the limit of `Number.largestWhole`.
    static func tooLarge(_ text: String, in what: String, at range: SourceRange) -> Diagnostic {
        .error(
            RulesDiagnosticCode.invalidNumber,
            "number \(quoted: text) in \(what) is too large: the limit is \(Number.largestWhole)",
            at: range, help: ["scores add up whole numbers of at most \(Number.largestWhole) in size"])
    }

    /// Reads `a..b` (or a single whole number `a`) as an inclusive integer range.
    static func integerRange(_ node: YAMLNode, what: String, bag: inout DiagnosticBag) -> (Int, Int)? {
        guard let text = node.scalar?.value else {
            bag.error(
                RulesDiagnosticCode.badRange, "\(what) must be written 'low..high', found \(node.kindName)",
                at: node.range)
            return nil
        }
        let parts = text.components(separatedBy: "..").map { $0.trimmingSpaces() }
        if let huge = parts.first(where: {
            YAMLScalar.isIntegerText($0) && (Int($0).map { $0.magnitude > Number.largestWhole } ?? true)
        }) {
            bag.append(tooLarge(huge, in: what, at: node.range))
            return nil
        }
        let bounds = parts.map { Int($0) }
        if parts.count == 1, let single = bounds[0], !parts[0].hasPrefix("+") { return (single, single) }
        guard parts.count == 2, let lower = bounds[0], let upper = bounds[1] else {
            bag.error(
                RulesDiagnosticCode.badRange,
                "\(what) must be written 'low..high' with whole numbers, found \(quoted: text)", at: node.range)
            return nil
        }
        guard lower <= upper else {
            bag.error(
                RulesDiagnosticCode.badRange, "\(what) \(quoted: text) is empty: \(lower) is above \(upper)",
                at: node.range)
            return nil
        }
        return (lower, upper)
    }

    private static func decodeComponent(
        _ pair: YAMLPair, score: String, facts: [String: FactDeclaration], bag: inout DiagnosticBag
    ) -> ScoreDeclaration.Component? {
        guard let id = pair.key.scalar?.value else { return nil }
        let what = "component \(quoted: id) of score \(quoted: score)"
        guard
            let reader = MappingReader(
                pair.value, what: what, allowed: ["fact", "points", "description"], required: ["fact", "points"],
                bag: &bag),
            let factName = reader.string("fact", bag: &bag), let factNode = reader["fact"],
            let pointsNode = reader["points"]
        else { return nil }
        guard let fact = facts[factName] else {
            bag.append(
                Diagnostic.error(
                    RulesDiagnosticCode.undeclaredFact, "undeclared fact \(quoted: factName) in \(what)",
                    at: factNode.range
                )
                .suggesting(Suggestions.closest(to: factName, in: facts.keys.sorted())))
            return nil
        }
        let values: [String]
        var enumType: EnumType?
        switch fact.type {
        case .boolean: values = ["false", "true"]
        case .enumeration(let type): values = type.values; enumType = type
        default:
            bag.error(
                RulesDiagnosticCode.badComponentFact,
                "\(what) reads fact \(quoted: factName) of type \(fact.type.keyword); components need an enum or boolean fact",
                at: factNode.range)
            return nil
        }
        var component = ScoreDeclaration.Component(
            id: id, fact: factName, options: [], range: pair.key.range, factRange: factNode.range)
        for entry in RuleFileDecoder.entries(of: pointsNode, what: "'points' of \(what)", bag: &bag) {
            guard let key = entry.key.scalar?.value else { continue }
            let points = decodePoints(entry.value, for: key, in: what, bag: &bag)
            guard
                let ordinals = optionOrdinals(
                    key, values: values, enumType: enumType, fact: factName, at: entry.key.range, bag: &bag)
            else { continue }
            // Points in error count as 0 (the error is reported), so the option does not also look missing.
            component.options.append(.init(label: key, ordinals: ordinals, points: points ?? 0, range: entry.key.range))
        }
        return component
    }

    /// The points of one option: a whole number of at most `Number.largestWhole` in size; nil after an error.
    private static func decodePoints(
        _ node: YAMLNode, for key: String, in what: String, bag: inout DiagnosticBag
    ) -> Int? {
        let subject = "points for \(quoted: key) in \(what)"
        guard let points = node.scalar?.asInteger() else {
            if node.scalar?.isIntegerText == true {
                bag.append(tooLarge(node.scalar?.value ?? "", in: subject, at: node.range))
            } else {
                bag.error(
                    RulesDiagnosticCode.expectedInteger,
                    "\(subject) must be a whole number, found \(MappingReader.describe(node))", at: node.range)
            }
            return nil
        }
        guard points.magnitude <= Number.largestWhole else {
            bag.append(tooLarge(String(points), in: subject, at: node.range))
            return nil
        }
        return points
    }

    /// The fact values an option key covers: one value, or `a..b` over an ordered enum.
    private static func optionOrdinals(
        _ key: String, values: [String], enumType: EnumType?, fact: String, at range: SourceRange,
        bag: inout DiagnosticBag
    ) -> [Int]? {
        func ordinal(_ word: String) -> Int? {
            if let index = values.firstIndex(of: word) { return index }
            var help: [String] = []
            if let near = Suggestions.closest(to: word, in: values) { help.append("did you mean \(quoted: near)?") }
            bag.error(
                RulesDiagnosticCode.unknownEnumValue, "\(quoted: word) is not a value of \(quoted: fact)", at: range,
                help: help)
            return nil
        }
        let parts = key.components(separatedBy: "..")
        if parts.count == 1 { return ordinal(key).map { [$0] } }
        guard parts.count == 2 else {
            bag.error(
                RulesDiagnosticCode.badRange, "option \(quoted: key) must be a value or a range 'low..high'", at: range)
            return nil
        }
        guard let low = ordinal(parts[0]), let high = ordinal(parts[1]) else { return nil }
        if enumType?.ordered != true {
            // Reported, then read in the order the values are listed, so the values do not also look missing.
            bag.error(
                RulesDiagnosticCode.unorderedRange,
                "\(quoted: key) is a range, but the values of \(quoted: fact) are not ordered", at: range,
                help: ["add 'ordered: true' to the fact, or list each value"])
        }
        guard low <= high else {
            bag.error(
                RulesDiagnosticCode.badRange,
                "range \(quoted: key) is empty: \(quoted: parts[0]) comes after \(quoted: parts[1])", at: range)
            return nil
        }
        return Array(low...high)
    }
}
