import GuidelineDiagnostics
import GuidelineYAML

/// Decodes one rule and its recommendations.
enum RuleDecoder {
    static let keys = ["id", "title", "when", "unless", "recommend", "cite", "note"]
    static let recommendationKeys = ["action", "kind", "urgency", "text", "summary", "params", "cite"]

    static func decode(_ node: YAMLNode, bag: inout DiagnosticBag) -> RuleDeclaration? {
        let provisionalName = node.mapping?.first { $0.key.scalar?.value == "id" }?.value.scalar?.value
        let what = provisionalName.map { "rule \(quoted: $0)" } ?? "a rule"
        guard
            let reader = MappingReader(
                node, what: what, allowed: keys, required: ["id", "when", "recommend"], bag: &bag),
            let id = reader.string("id", bag: &bag), let idNode = reader["id"]
        else { return nil }
        if !Identifiers.isIdentifier(id) {
            bag.error(
                RulesDiagnosticCode.badId, "rule id \(quoted: id) must be lowercase words joined by '-'",
                at: idNode.range, help: ["for example 'pt-contraindicated-unstable'"])
        }
        let when = reader.scalar("when", bag: &bag)
        let unless = reader.scalar("unless", bag: &bag)
        let title = reader.string("title", bag: &bag)
        let citations = reader["cite"].map { CitationDecoder.decode($0, bag: &bag) } ?? []
        let note = reader.string("note", bag: &bag)
        var recommendations: [RecommendationDeclaration] = []
        if let recommend = reader["recommend"] {
            let items = recommend.sequence ?? []
            if recommend.sequence == nil {
                bag.error(
                    RulesDiagnosticCode.expectedList,
                    "'recommend' of rule \(quoted: id) must be a list, found \(recommend.kindName)",
                    at: recommend.range,
                    help: ["write each recommendation as a list item starting with '- action: ...'"])
            } else if items.isEmpty {
                bag.error(
                    RulesDiagnosticCode.emptyRecommend, "rule \(quoted: id) must recommend at least one action",
                    at: recommend.range)
            }
            recommendations = items.compactMap { decodeRecommendation($0, rule: id, bag: &bag) }
        }
        // A rule without 'when' is not kept, but the rest of it was read above, so that every problem of the rule
        // is reported in one run.
        guard let when else { return nil }
        return RuleDeclaration(
            id: id, title: title, when: ExpressionText(text: when.value, sourceMap: ScalarExpressionMap(scalar: when)),
            unless: unless.map { ExpressionText(text: $0.value, sourceMap: ScalarExpressionMap(scalar: $0)) },
            recommendations: recommendations, citations: citations, note: note, range: idNode.range)
    }

    private static func decodeRecommendation(
        _ node: YAMLNode, rule: String, bag: inout DiagnosticBag
    ) -> RecommendationDeclaration? {
        let what = "a recommendation of rule \(quoted: rule)"
        guard
            let reader = MappingReader(
                node, what: what, allowed: recommendationKeys, required: ["action", "kind", "text"], bag: &bag),
            let action = reader.string("action", bag: &bag), let actionNode = reader["action"],
            let kind = reader.word("kind", as: RecommendationKind.self, bag: &bag),
            let text = reader.scalar("text", bag: &bag)
        else { return nil }
        var params: [(String, ParamDeclaration)] = []
        if let paramsNode = reader["params"] {
            for pair in RuleFileDecoder.entries(of: paramsNode, what: "'params' of \(what)", bag: &bag) {
                guard let name = pair.key.scalar?.value else { continue }
                params.append((name, param(pair.value)))
            }
        }
        return RecommendationDeclaration(
            action: action, actionRange: actionNode.range, kind: kind,
            urgency: reader.word("urgency", as: Urgency.self, bag: &bag),
            text: ExpressionText(text: text.value, sourceMap: ScalarExpressionMap(scalar: text)), params: params,
            citations: reader["cite"].map { CitationDecoder.decode($0, bag: &bag) } ?? [], range: node.range,
            summary: reader.string("summary", bag: &bag), summaryRange: reader["summary"]?.range)
    }

    private static func param(_ node: YAMLNode) -> ParamDeclaration {
        if let scalar = node.scalar {
            return .scalar(ExpressionText(text: scalar.value, sourceMap: ScalarExpressionMap(scalar: scalar)))
        }
        if let items = node.sequence { return .list(items.map(param)) }
        return .mapping(
            (node.mapping ?? []).compactMap { pair in pair.key.scalar.map { ($0.value, param(pair.value)) } })
    }
}
