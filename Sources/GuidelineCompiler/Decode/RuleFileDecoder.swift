import GuidelineDiagnostics
import GuidelineYAML

/// Decodes one rule file's node tree into declarations, collecting every problem.
///
/// Facts are decoded first across all files (`decodeFacts`), because scores need the fact types to read
/// their option keys; everything else is decoded by `decode`.
struct RuleFileDecoder {
    static let sections = ["facts", "scores", "derived", "tables", "rules"]

    /// Checks the file's top-level keys and decodes its `facts` section.
    static func decodeFacts(_ root: YAMLNode, file: String, bag: inout DiagnosticBag) -> [FactDeclaration] {
        guard let top = MappingReader(root, what: "a rule file", allowed: sections, bag: &bag) else { return [] }
        guard let facts = top["facts"] else { return [] }
        guard let pairs = facts.mapping else {
            bag.error(
                RulesDiagnosticCode.expectedMapping,
                "expected a mapping of fact names for 'facts', found \(facts.kindName)", at: facts.range)
            return []
        }
        return pairs.compactMap { FactDecoder.decode($0, bag: &bag) }
    }

    /// Decodes scores, derived values, tables and rules; `facts` are all facts of the ruleset by name.
    static func decode(
        _ root: YAMLNode, file: String, facts: [String: FactDeclaration], bag: inout DiagnosticBag
    ) -> RuleFile {
        var result = RuleFile(path: file)
        guard let pairs = root.mapping else { return result }
        for pair in pairs {
            guard let section = pair.key.scalar?.value else { continue }
            switch section {
            case "scores":
                result.scores = entries(of: pair.value, what: "'scores'", bag: &bag).compactMap {
                    ScoreDecoder.decode($0, facts: facts, bag: &bag)
                }
            case "derived":
                result.derived = entries(of: pair.value, what: "'derived'", bag: &bag).compactMap {
                    decodeDerived($0, bag: &bag)
                }
            case "tables":
                result.tables = entries(of: pair.value, what: "'tables'", bag: &bag).compactMap {
                    TableDecoder.decode($0, bag: &bag)
                }
            case "rules":
                guard let items = pair.value.sequence else {
                    bag.error(
                        RulesDiagnosticCode.expectedList,
                        "expected a list of rules for 'rules', found \(pair.value.kindName)",
                        at: pair.value.range, help: ["write each rule as a list item starting with '- id: ...'"])
                    continue
                }
                result.rules = items.compactMap { RuleDecoder.decode($0, bag: &bag) }
            default:
                continue
            }
        }
        return result
    }

    /// The pairs of a section mapping, reporting any other shape.
    static func entries(of node: YAMLNode, what: String, bag: inout DiagnosticBag) -> [YAMLPair] {
        guard let pairs = node.mapping else {
            bag.error(
                RulesDiagnosticCode.expectedMapping, "expected a mapping for \(what), found \(node.kindName)",
                at: node.range)
            return []
        }
        return pairs
    }

    private static func decodeDerived(_ pair: YAMLPair, bag: inout DiagnosticBag) -> DerivedDeclaration? {
        guard let name = pair.key.scalar?.value else { return nil }
        if !Identifiers.isDottedName(name) {
            bag.error(
                RulesDiagnosticCode.badName, "derived name \(quoted: name) must be lowercase words joined by dots",
                at: pair.key.range)
        }
        guard
            let reader = MappingReader(
                pair.value, what: "derived value \(quoted: name)", allowed: ["description", "value"],
                required: ["description", "value"], bag: &bag),
            let value = reader.scalar("value", bag: &bag)
        else { return nil }
        return DerivedDeclaration(
            name: name, description: reader.string("description", bag: &bag) ?? "",
            value: ExpressionText(text: value.value, sourceMap: ScalarExpressionMap(scalar: value)),
            range: pair.key.range)
    }
}
