import GuidelineCompiler
import GuidelineEngine

/// Builds the CDS Hooks cards of a result from its presentation model (``ResultSummary``): one card per action
/// (its strongest standing statement, the others folded into the detail), not one per rule; and one card
/// asking to record the facts that could decide a contraindication, when there are any.
///
/// No card holds `null`, `""`, `[]` or `{}`: optional fields are left out when they would be empty.
package struct CardBuilder: Sendable {
    /// The ruleset whose results are rendered.
    package let ruleset: CompiledRuleset
    /// The code system of `source.topic` (a Coding needs one); the code is the ruleset id.
    ///
    /// Set it to the deployment's own canonical URL; the default is a placeholder URN.
    package var topicSystem: String

    /// The default `source.topic` code system: a placeholder until a deployment names its own.
    package static let defaultTopicSystem = "urn:guideline:ruleset"

    /// A builder for `ruleset`.
    package init(ruleset: CompiledRuleset, topicSystem: String = defaultTopicSystem) {
        self.ruleset = ruleset
        self.topicSystem = topicSystem
    }

    /// The response `{"cards": [...]}` for `result`, evaluated for the hook call `hookInstance`.
    package func response(for result: EvaluationResult, hookInstance: String) -> JSONValue {
        .object([("cards", .array(cards(for: result, hookInstance: hookInstance)))])
    }

    /// The cards for `result`: one per summary line, in reading order, then the "record" card if any.
    package func cards(for result: EvaluationResult, hookInstance: String) -> [JSONValue] {
        let summary = ResultSummary(result)
        var cards = summary.lines.map { card(for: $0, of: result, hookInstance: hookInstance) }
        if let record = recordCard(summary, hookInstance: hookInstance) { cards.append(record) }
        return cards
    }

    /// The indicator of a line: critical for contraindicated or immediate, warning for caution or urgent, info
    /// otherwise.
    package static func indicator(kind: RecommendationKind, urgency: Urgency?) -> String {
        if kind == .contraindicated || urgency == .immediate { return "critical" }
        if kind == .caution || urgency == .urgent { return "warning" }
        return "info"
    }

    /// The card's `uuid`: name-based, from the hook call, the rule, the action and the ruleset fingerprint.
    package func uuid(hookInstance: String, rule: String, action: String) -> String {
        NameBasedUUID.uuid("urn:guideline:card:\(hookInstance):\(rule):\(action):\(ruleset.fingerprint)")
    }

    private func card(for line: ResultSummary.Line, of result: EvaluationResult, hookInstance: String) -> JSONValue {
        let lead = result.recommendations[line.lead]
        let declared = ruleset.rules.first { $0.id == lead.rule.id }?.recommendations
            .first { $0.declaration.action == lead.action && $0.declaration.kind == lead.kind }?.declaration.summary
        let summary = Self.bounded(
            CardSummary.text(declared: declared, kind: line.kind, urgency: line.urgency, actionTitle: line.actionTitle))
        let also = line.also.map { result.recommendations[$0] }
        return .object(omittingAbsent: [
            ("uuid", .string(uuid(hookInstance: hookInstance, rule: lead.rule.id, action: lead.action))),
            ("summary", .string(summary)),
            (
                "detail",
                .string(
                    CardDetail.markdown(
                        lead: lead, also: also, overridden: result.suppressed.filter { $0.action == lead.action }))
            ),
            ("indicator", .string(Self.indicator(kind: line.kind, urgency: line.urgency))),
            ("source", source(citations: lead.citations)),
        ])
    }

    private func source(citations: [ResolvedCitation]) -> JSONValue {
        let primary = citations.first { !$0.source.secondary } ?? citations.first
        let label = primary.map { $0.source.title } ?? ruleset.manifest.title
        let url = primary?.source.url ?? primary?.source.doi.map { "https://doi.org/\($0)" }
        return .object(omittingAbsent: [
            ("label", .string(label.isEmpty ? ruleset.manifest.id : label)),
            ("url", url.flatMap { $0.isEmpty ? nil : JSONValue.string($0) }),
            ("topic", topic),
        ])
    }

    private var topic: JSONValue {
        .object([
            ("system", .string(topicSystem)), ("code", .string(ruleset.manifest.id)),
            ("display", .string(ruleset.manifest.title)),
        ])
    }

    /// The card asking to record the facts that could decide a contraindication, or nil when no missing fact
    /// could.
    private func recordCard(_ summary: ResultSummary, hookInstance: String) -> JSONValue? {
        let facts = summary.record.filter { $0.decides.contains { $0.kind == .contraindicated } }
        guard !facts.isEmpty else { return nil }
        let descriptions = Dictionary(ruleset.facts.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var detail =
            "A contraindication may depend on facts that are not recorded. Record these facts to decide more:\n\n"
        for fact in facts {
            let declaration = descriptions[fact.fact]
            let decides = fact.decides.map {
                "\($0.action) \($0.kind.rawValue)\($0.exception ? " (exception of \($0.rule))" : "")"
            }
            var line = "- **\(CardDetail.escape(fact.fact))**"
            if let text = declaration?.description, !text.isEmpty { line += ": \(CardDetail.escape(text))" }
            line += ". Would decide: \(CardDetail.escape(decides.joined(separator: ", ")))"
            if declaration?.fhir == nil { line += " (not read from the health record: no FHIR binding)" }
            detail += line + "\n"
        }
        let noun = facts.count == 1 ? "fact" : "facts"
        return .object([
            ("uuid", .string(NameBasedUUID.uuid("urn:guideline:record-card:\(hookInstance):\(ruleset.fingerprint)"))),
            (
                "summary",
                .string(
                    "Record \(facts.count) \(noun) to decide more: a contraindication may depend on \(facts.count == 1 ? "it" : "them")"
                )
            ),
            ("detail", .string(detail)),
            ("indicator", .string("warning")),
            ("source", .object([("label", .string(ruleset.manifest.title)), ("topic", topic)])),
        ])
    }

    /// `text` cut to fewer than ``CardSummary/limit`` characters (at a space, with an ellipsis): a safety net,
    /// since the compiler already checks every summary.
    static func bounded(_ text: String) -> String {
        guard text.count >= CardSummary.limit else { return text }
        let cut = text.prefix(CardSummary.limit - 2)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
