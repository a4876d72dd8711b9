import GuidelineCompiler
import GuidelineExpression

/// Results in the form of `Schemas/result.schema.json`, the form `guideline evaluate --format json` prints:
/// `JSONEncoder().encode(result)` gives the same members and values as `ResultJSON` (whose own writer keeps
/// the documented key order and is several times faster), summary included.
///
/// What the schema does not report is not decoded: a score's title and possible bands, the file and line of an overriding rule, explanation node ids; enum words come back as
/// text. Encoding a decoded result gives the same JSON again.
extension EvaluationResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case `case`, ruleset, scores, values, summary, recommendations, suppressed, undetermined, needs, assumptions
        case whyNot, errors
    }

    /// Writes the result, with its summary.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(caseID, forKey: .case)
        try keyed.encode(ruleset, forKey: .ruleset)
        var scoreMap = keyed.nestedContainer(keyedBy: NameKey.self, forKey: .scores)
        for score in scores { try scoreMap.encode(score, forKey: NameKey(score.id)) }
        var valueMap = keyed.nestedContainer(keyedBy: NameKey.self, forKey: .values)
        for named in values { try valueMap.encode(named.value, forKey: NameKey(named.name)) }
        try keyed.encode(SummaryForm(ResultSummary(self), of: self), forKey: .summary)
        try keyed.encode(recommendations, forKey: .recommendations)
        try keyed.encode(suppressed, forKey: .suppressed)
        try keyed.encode(undetermined, forKey: .undetermined)
        try keyed.encode(needs, forKey: .needs)
        try keyed.encode(assumptions, forKey: .assumptions)
        if !whyNot.isEmpty { try keyed.encode(whyNot, forKey: .whyNot) }
        try keyed.encode(errors, forKey: .errors)
    }

    /// Reads a result; its summary is computed again from the recommendations, not read.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let scoreMap = try keyed.nestedContainer(keyedBy: NameKey.self, forKey: .scores)
        let valueMap = try keyed.nestedContainer(keyedBy: NameKey.self, forKey: .values)
        self.init(
            caseID: try keyed.decodeIfPresent(String.self, forKey: .case),
            ruleset: try keyed.decode(RulesetIdentity.self, forKey: .ruleset),
            scores: try scoreMap.allKeys.sorted { $0.stringValue < $1.stringValue }.map { key in
                var score = try scoreMap.decode(ScoreResult.self, forKey: key)
                score.id = key.stringValue
                return score
            },
            values: try valueMap.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                NamedValue(name: $0.stringValue, value: try valueMap.decode(Value.self, forKey: $0))
            },
            recommendations: try keyed.decode([RecommendationResult].self, forKey: .recommendations),
            suppressed: try keyed.decode([RecommendationResult].self, forKey: .suppressed),
            undetermined: try keyed.decode([UndeterminedRule].self, forKey: .undetermined),
            needs: try keyed.decode([String].self, forKey: .needs),
            assumptions: try keyed.decode([Assumption].self, forKey: .assumptions),
            whyNot: try keyed.decodeIfPresent([WhyNot].self, forKey: .whyNot) ?? [],
            errors: try keyed.decode([EvaluationIssue].self, forKey: .errors))
    }
}

/// A key that is a name: a score id, a value's name.
struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The summary as the result reports it: each line's lead rule and the rules folded under it by id.
private struct SummaryForm: Encodable {
    struct Also: Encodable {
        var rule: String
        var kind: RecommendationKind
        var urgency: Urgency?

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(rule, forKey: .rule)
            try keyed.encode(kind, forKey: .kind)
            try keyed.encode(urgency, forKey: .urgency)
        }

        enum CodingKeys: String, CodingKey { case rule, kind, urgency }
    }

    struct Action: Encodable {
        var action: String
        var actionTitle: String
        var kind: RecommendationKind
        var urgency: Urgency?
        var unlessNotRecorded: Bool
        var provisional: Bool
        var rule: String
        var also: [Also]

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(action, forKey: .action)
            try keyed.encode(actionTitle, forKey: .actionTitle)
            try keyed.encode(kind, forKey: .kind)
            try keyed.encode(urgency, forKey: .urgency)
            try keyed.encode(unlessNotRecorded, forKey: .unlessNotRecorded)
            try keyed.encode(provisional, forKey: .provisional)
            try keyed.encode(rule, forKey: .rule)
            try keyed.encode(also, forKey: .also)
        }

        enum CodingKeys: String, CodingKey {
            case action, actionTitle, kind, urgency, unlessNotRecorded, provisional, rule, also
        }
    }

    struct Record: Encodable {
        var fact: String
        var decides: [ResultSummary.Decision]
    }

    var actions: [Action]
    var record: [Record]

    init(_ summary: ResultSummary, of result: EvaluationResult) {
        actions = summary.lines.map { line in
            Action(
                action: line.action, actionTitle: line.actionTitle, kind: line.kind, urgency: line.urgency,
                unlessNotRecorded: line.unlessNotRecorded, provisional: line.provisional,
                rule: result.recommendations[line.lead].rule.id,
                also: line.also.map {
                    let other = result.recommendations[$0]
                    return Also(rule: other.rule.id, kind: other.kind, urgency: other.urgency)
                })
        }
        record = summary.record.map { Record(fact: $0.fact, decides: $0.decides) }
    }
}

extension ResultSummary.Decision: Encodable {
    private enum CodingKeys: String, CodingKey { case action, kind, rule, exception }

    /// Writes `{action, kind, rule, exception}`.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(action, forKey: .action)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(rule, forKey: .rule)
        try keyed.encode(exception, forKey: .exception)
    }
}

extension ScoreResult: Codable {
    private enum CodingKeys: String, CodingKey { case value, min, max, band, components }

    /// Writes `{value, min, max, band, components}` (the id is the key it is written under).
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(value, forKey: .value)
        try keyed.encode(minimum, forKey: .min)
        try keyed.encode(maximum, forKey: .max)
        try keyed.encode(band, forKey: .band)
        try keyed.encode(components, forKey: .components)
    }

    /// Reads a score; its id is set by the result that holds it, its title and possible bands are not reported.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let band = try keyed.decodeIfPresent(String.self, forKey: .band)
        self.init(
            id: "", title: "", value: try keyed.decodeIfPresent(Int.self, forKey: .value),
            minimum: try keyed.decode(Int.self, forKey: .min), maximum: try keyed.decode(Int.self, forKey: .max),
            band: band, possibleBands: band.map { [$0] } ?? [],
            components: try keyed.decode([Component].self, forKey: .components))
    }
}

extension ScoreResult.Component: Codable {
    private enum CodingKeys: String, CodingKey { case id, fact, value, option, points, min, max }

    /// Writes `{id, fact, value, option, points, min, max}`.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(id, forKey: .id)
        try keyed.encode(fact, forKey: .fact)
        try keyed.encode(value, forKey: .value)
        try keyed.encode(option, forKey: .option)
        try keyed.encode(points, forKey: .points)
        try keyed.encode(minimum, forKey: .min)
        try keyed.encode(maximum, forKey: .max)
    }

    /// Reads a component.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try keyed.decode(String.self, forKey: .id), fact: try keyed.decode(String.self, forKey: .fact),
            value: try keyed.decodeIfPresent(Value.self, forKey: .value) ?? .unknown,
            option: try keyed.decodeIfPresent(String.self, forKey: .option),
            points: try keyed.decodeIfPresent(Int.self, forKey: .points),
            minimum: try keyed.decode(Int.self, forKey: .min), maximum: try keyed.decode(Int.self, forKey: .max))
    }
}

extension RecommendationResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case action, actionTitle, kind, urgency, text, params, rule, because, citations, provisional, awaits
        case overriddenBy, unless, note
    }

    private enum OverrideKeys: String, CodingKey { case rule, kind }

    /// Writes the recommendation as the result reports it.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(action, forKey: .action)
        try keyed.encode(actionTitle, forKey: .actionTitle)
        try keyed.encode(kind, forKey: .kind)
        try keyed.encode(urgency, forKey: .urgency)
        try keyed.encode(text, forKey: .text)
        try keyed.encode(ParamValue.mapping(params), forKey: .params)
        try keyed.encode(rule, forKey: .rule)
        try keyed.encode(because, forKey: .because)
        try keyed.encode(citations, forKey: .citations)
        try keyed.encode(provisional, forKey: .provisional)
        try keyed.encode(awaits, forKey: .awaits)
        if let overriddenBy {
            var nested = keyed.nestedContainer(keyedBy: OverrideKeys.self, forKey: .overriddenBy)
            try nested.encode(overriddenBy.rule.id, forKey: .rule)
            try nested.encode(overriddenBy.kind, forKey: .kind)
        }
        try keyed.encodeIfPresent(unless, forKey: .unless)
        try keyed.encodeIfPresent(note, forKey: .note)
    }

    /// Reads a recommendation (an overriding rule comes back by id only).
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        var overriddenBy: Override?
        if keyed.contains(.overriddenBy) {
            let nested = try keyed.nestedContainer(keyedBy: OverrideKeys.self, forKey: .overriddenBy)
            overriddenBy = Override(
                rule: RuleReference(id: try nested.decode(String.self, forKey: .rule), file: "", line: 0),
                kind: try nested.decode(RecommendationKind.self, forKey: .kind))
        }
        var params: [ParamValue.Entry] = []
        if case .mapping(let entries) = try keyed.decode(ParamValue.self, forKey: .params) { params = entries }
        self.init(
            action: try keyed.decode(String.self, forKey: .action),
            actionTitle: try keyed.decode(String.self, forKey: .actionTitle),
            kind: try keyed.decode(RecommendationKind.self, forKey: .kind),
            urgency: try keyed.decodeIfPresent(Urgency.self, forKey: .urgency),
            text: try keyed.decode(String.self, forKey: .text),
            params: params, rule: try keyed.decode(RuleReference.self, forKey: .rule),
            because: try keyed.decode(Reason.self, forKey: .because),
            citations: try keyed.decode([ResolvedCitation].self, forKey: .citations),
            awaits: try keyed.decode([Await].self, forKey: .awaits), overriddenBy: overriddenBy,
            unless: try keyed.decodeIfPresent(ExceptionResult.self, forKey: .unless),
            note: try keyed.decodeIfPresent(String.self, forKey: .note))
    }
}

extension WhyNot: Codable {
    private enum CodingKeys: String, CodingKey { case rule, value, because, liftedBy }

    /// Writes `{rule, value, because, liftedBy?}`.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(rule, forKey: .rule)
        try keyed.encode(value, forKey: .value)
        try keyed.encode(because, forKey: .because)
        try keyed.encodeIfPresent(liftedBy, forKey: .liftedBy)
    }

    /// Reads an explanation of a rule.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rule: try keyed.decode(RuleReference.self, forKey: .rule),
            value: try keyed.decodeIfPresent(Bool.self, forKey: .value),
            because: try keyed.decode(Reason.self, forKey: .because),
            liftedBy: try keyed.decodeIfPresent(String.self, forKey: .liftedBy))
    }
}
