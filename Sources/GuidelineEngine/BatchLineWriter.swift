import GuidelineCompiler
import GuidelineExpression

/// Writes batch results compactly: one header line per batch with everything that is the same for every case
/// (the ruleset's identity, each rule's file and line, each recommendation's citations with section and quote,
/// each source's details), then one line per case with ids, values, the readable `because` lines and citation
/// ids, written straight from the `EvaluationRecord` into bytes. Joined with the header, a line says everything
/// the full result says except the explanation trees, which re-evaluating the case reproduces.
public struct BatchLineWriter: Sendable {
    /// A rule's pieces, prepared once.
    private struct Rule: Sendable {
        let condition: CheckedExpression
        let because: ExplanationTemplate
        let quotedID: [UInt8]
        let recommendations: [Recommendation]
    }

    /// A recommendation's fixed pieces.
    private struct Recommendation: Sendable {
        /// `{"action":...,"kind":...,"rule":...,"citations":[...]` and the urgency, if any.
        let opening: [UInt8]
        /// The text, when it has values to fill in (a fixed text is in the header).
        let text: TextTemplate?
        let quotedAction: [UInt8]
        let quotedKind: [UInt8]
    }

    private let plan: EvaluationPlan
    private let options: RulesetEvaluator.Options
    private let rules: [Rule]
    /// `"name":` and slot of each derived value and table output.
    private let values: [(key: [UInt8], slot: Int)]
    /// Each fact's name as a JSON string, by fact index.
    private let quotedFacts: [[UInt8]]
    /// `"id":` and slots of each score.
    private let scores: [(key: [UInt8], total: Int, band: Int)]

    /// Prepares a writer for `evaluator`'s ruleset; `options` says which rules that did not fire to explain.
    public init(evaluator: RulesetEvaluator, options: RulesetEvaluator.Options = .init()) {
        plan = evaluator.plan
        self.options = options
        let ruleset = plan.ruleset
        rules = ruleset.rules.map { rule in
            let quotedID = ByteJSON.quoted(rule.id)
            return Rule(
                condition: rule.condition, because: ExplanationTemplate(rule.condition), quotedID: quotedID,
                recommendations: rule.recommendations.map { recommendation in
                    let action = ByteJSON.quoted(recommendation.action.id)
                    let kind = ByteJSON.quoted(recommendation.declaration.kind.rawValue)
                    var opening = Array("{\"action\":".utf8) + action + Array(",\"kind\":".utf8) + kind
                    if let urgency = recommendation.declaration.urgency {
                        opening += Array(",\"urgency\":".utf8) + ByteJSON.quoted(urgency.rawValue)
                    }
                    opening += Array(",\"rule\":".utf8) + quotedID + Array(",\"citations\":".utf8)
                    ByteJSON.appendStrings(recommendation.citations.map(\.source.id), into: &opening)
                    return Recommendation(
                        opening: opening, text: recommendation.text.placeholders.isEmpty ? nil : recommendation.text,
                        quotedAction: action, quotedKind: kind)
                })
        }
        values = ruleset.slots.enumerated().compactMap { index, slot in
            switch slot.origin {
            case .derived, .tableOutput: (ByteJSON.quoted(slot.name) + [UInt8(ascii: ":")], index)
            default: nil
            }
        }
        quotedFacts = ruleset.facts.map { ByteJSON.quoted($0.name) }
        scores = ruleset.scores.map { (ByteJSON.quoted($0.declaration.id) + [UInt8(ascii: ":")], $0.totalSlot, $0.bandSlot) }
    }

    /// The header line (without the newline): what every result line of the batch refers to.
    public func header() -> String {
        let ruleset = plan.ruleset
        var w = JSONWriter()
        w.beginObject()
        w.string("format", "guideline-batch/1")
        ResultJSON.write(
            RulesetIdentity(
                id: ruleset.manifest.id, version: ruleset.manifest.version, fingerprint: ruleset.fingerprint,
                engine: RulesetEvaluator.engineVersion),
            into: &w)
        w.beginObject("rules")
        for rule in ruleset.rules {
            w.beginObject(rule.id)
            w.string("file", rule.file)
            w.integer("line", rule.line)
            w.string("condition", rule.condition.text)
            w.beginArray("recommendations")
            for recommendation in rule.recommendations {
                w.beginObject()
                w.string("action", recommendation.action.id)
                w.string("kind", recommendation.declaration.kind.rawValue)
                w.string("urgency", recommendation.declaration.urgency?.rawValue)
                w.string("text", recommendation.text.source)
                w.raw("params", ResultJSON.params(.mapping(recommendation.params)))
                w.beginArray("citations")
                for citation in recommendation.citations {
                    w.beginObject()
                    w.string("source", citation.source.id)
                    w.string("section", citation.citation.section)
                    w.string("quote", citation.citation.quote)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endObject()
        w.beginObject("actions")
        for action in ruleset.manifest.actions { w.string(action.id, action.title) }
        w.endObject()
        w.beginObject("sources")
        for source in ruleset.manifest.sources {
            w.beginObject(source.id)
            ResultJSON.writeDetails(of: source, into: &w)
            w.endObject()
        }
        w.endObject()
        w.endObject()
        return "{\"header\":" + w.output + "}"
    }

    /// Appends the result line of `record` (without the newline); `line` is the input line number.
    public func write(_ record: EvaluationRecord, line: Int, into out: inout [UInt8]) {
        out.append(contentsOf: "{\"line\":".utf8)
        Number(exactly: line).map { $0.write(into: &out) }
        out.append(contentsOf: ",\"case\":".utf8)
        if let id = record.caseID { ByteJSON.appendQuoted(id, into: &out) } else { out.append(contentsOf: "null".utf8) }
        writeScores(record, into: &out)
        out.append(contentsOf: ",\"values\":{".utf8)
        for (position, value) in values.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: value.key)
            ByteJSON.appendValue(record.slots[value.slot], into: &out)
        }
        out.append(UInt8(ascii: "}"))
        let needs = undeterminedNeeds(record)
        writeRecommendations(record, needs: needs, into: &out)
        writeUndetermined(record, needs: needs, into: &out)
        out.append(contentsOf: ",\"needs\":".utf8)
        writeFacts(Set(needs.values.joined()).sorted { plan.factNameRank[$0] < plan.factNameRank[$1] }, into: &out)
        writeWhyNot(record, into: &out)
        out.append(contentsOf: ",\"assumptions\":[".utf8)
        for (position, assumption) in record.assumptions.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"fact\":".utf8)
            ByteJSON.appendQuoted(assumption.fact, into: &out)
            out.append(contentsOf: ",\"value\":".utf8)
            ByteJSON.appendValue(assumption.value, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "],\"errors\":[".utf8)
        for (position, error) in record.errors.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: "{\"code\":".utf8)
            ByteJSON.appendQuoted(error.code, into: &out)
            out.append(contentsOf: ",\"message\":".utf8)
            ByteJSON.appendQuoted(error.message, into: &out)
            out.append(contentsOf: ",\"place\":".utf8)
            ByteJSON.appendQuoted(error.place, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
    }

    private func writeScores(_ record: EvaluationRecord, into out: inout [UInt8]) {
        out.append(contentsOf: ",\"scores\":{".utf8)
        for (position, score) in scores.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: score.key)
            let total = record.slots[score.total]
            out.append(contentsOf: "{\"value\":".utf8)
            if case .number(let n) = total { n.write(into: &out) } else { out.append(contentsOf: "null".utf8) }
            switch total {
            case .number(let n):
                out.append(contentsOf: ",\"min\":".utf8)
                n.write(into: &out)
                out.append(contentsOf: ",\"max\":".utf8)
                n.write(into: &out)
            case .interval(let lo, let hi):
                out.append(contentsOf: ",\"min\":".utf8)
                lo.write(into: &out)
                out.append(contentsOf: ",\"max\":".utf8)
                hi.write(into: &out)
            default: break
            }
            out.append(contentsOf: ",\"band\":".utf8)
            ByteJSON.appendValue(record.slots[score.band], into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The facts (by index) that would decide each undetermined rule, by rule index.
    private func undeterminedNeeds(_ record: EvaluationRecord) -> [Int: [Int]] {
        var needs: [Int: [Int]] = [:]
        for (index, outcome) in record.outcomes.enumerated() where outcome == .undetermined {
            needs[index] = withTrace(of: index, record) { trace in
                plan.factIndexesDeciding(Explanation.undecidedSlots(rules[index].condition, trace: trace), values: record.slots)
            }
        }
        return needs
    }

    /// Appends `["fact", ...]`.
    private func writeFacts(_ facts: [Int], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (position, fact) in facts.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: quotedFacts[fact])
        }
        out.append(UInt8(ascii: "]"))
    }

    private func writeRecommendations(_ record: EvaluationRecord, needs: [Int: [Int]], into out: inout [UInt8]) {
        let resolution = ConflictResolver.resolve(record.outcomes, plan: plan)
        out.append(contentsOf: ",\"recommendations\":[".utf8)
        for (position, entry) in resolution.standing.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let recommendation = rules[entry.recommendation.rule].recommendations[entry.recommendation.index]
            out.append(contentsOf: recommendation.opening)
            if let template = recommendation.text {
                out.append(contentsOf: ",\"text\":".utf8)
                ByteJSON.appendQuoted((try? template.render(slots: record.slots)) ?? template.source, into: &out)
            }
            out.append(contentsOf: ",\"because\":".utf8)
            writeBecause(entry.recommendation.rule, record, into: &out)
            if !entry.awaits.isEmpty {
                // The rules it awaits (their needs are in "undetermined").
                out.append(contentsOf: ",\"awaits\":[".utf8)
                for (index, pending) in entry.awaits.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: "{\"rule\":".utf8)
                    out.append(contentsOf: rules[pending.rule].quotedID)
                    out.append(contentsOf: ",\"kind\":".utf8)
                    ByteJSON.appendQuoted(pending.kind.rawValue, into: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "],\"suppressed\":[".utf8)
        for (position, entry) in resolution.suppressed.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let recommendation = rules[entry.recommendation.rule].recommendations[entry.recommendation.index]
            out.append(contentsOf: "{\"action\":".utf8)
            out.append(contentsOf: recommendation.quotedAction)
            out.append(contentsOf: ",\"kind\":".utf8)
            out.append(contentsOf: recommendation.quotedKind)
            out.append(contentsOf: ",\"rule\":".utf8)
            out.append(contentsOf: rules[entry.recommendation.rule].quotedID)
            out.append(contentsOf: ",\"because\":".utf8)
            writeBecause(entry.recommendation.rule, record, into: &out)
            if let winner = entry.overriddenBy {
                out.append(contentsOf: ",\"overriddenBy\":{\"rule\":".utf8)
                out.append(contentsOf: rules[winner.rule].quotedID)
                out.append(contentsOf: ",\"kind\":".utf8)
                ByteJSON.appendQuoted(winner.kind.rawValue, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func writeUndetermined(_ record: EvaluationRecord, needs: [Int: [Int]], into out: inout [UInt8]) {
        out.append(contentsOf: ",\"undetermined\":[".utf8)
        var first = true
        for (index, outcome) in record.outcomes.enumerated() where outcome == .undetermined {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: "{\"rule\":".utf8)
            out.append(contentsOf: rules[index].quotedID)
            out.append(contentsOf: ",\"needs\":".utf8)
            writeFacts(needs[index] ?? [], into: &out)
            out.append(contentsOf: ",\"because\":".utf8)
            writeBecause(index, record, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The rules that did not fire and were asked about (`--why-not`, `--explain all`), with their because lines.
    private func writeWhyNot(_ record: EvaluationRecord, into out: inout [UInt8]) {
        guard options.explainAll || !options.whyNot.isEmpty else { return }
        out.append(contentsOf: ",\"whyNot\":[".utf8)
        var first = true
        for (index, outcome) in record.outcomes.enumerated() where outcome != .fired {
            guard options.explainAll || options.whyNot.contains(plan.ruleset.rules[index].id) else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: "{\"rule\":".utf8)
            out.append(contentsOf: rules[index].quotedID)
            out.append(contentsOf: (outcome == .notFired ? ",\"value\":false" : ",\"value\":null").utf8)
            out.append(contentsOf: ",\"because\":".utf8)
            writeBecause(index, record, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends rule `index`'s because line as a JSON string.
    private func writeBecause(_ index: Int, _ record: EvaluationRecord, into out: inout [UInt8]) {
        var line: [UInt8] = []
        withTrace(of: index, record) { trace in rules[index].because.write(trace: trace, into: &line) }
        out.append(UInt8(ascii: "\""))
        line.withUnsafeBufferPointer { ByteJSON.appendEscaped($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private func withTrace<T>(of index: Int, _ record: EvaluationRecord, _ body: (UnsafeBufferPointer<Value>) -> T) -> T {
        let start = plan.traceOffsets[index]
        let end = plan.traceEnds[index]
        return record.trace.withUnsafeBufferPointer { trace in
            guard end <= trace.count else { return body(UnsafeBufferPointer(rebasing: trace[0..<0])) }
            return body(UnsafeBufferPointer(rebasing: trace[start..<end]))
        }
    }
}
