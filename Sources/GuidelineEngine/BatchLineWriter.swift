import GuidelineCompiler
import GuidelineExpression

/// Writes batch results compactly: one header line per batch with everything that is the same for every case
/// (the ruleset's identity, each rule's file, line and recommendations with action, kind, text and citations,
/// each source's details), then one line per case with values, the recommendations issued (rule id and index
/// into the header), the readable `because` lines and what is missing, written straight from the
/// `EvaluationRecord` into bytes.
///
/// Joined with the header, a line says everything the full result says except the explanation trees, which
/// re-evaluating the case reproduces.
///
/// Every fixed piece of a line (JSON keys, quoted ids, each rule's because-line text, each enum value's name) is
/// prepared once in a `BatchLinePieces` table, so writing a line copies bytes and formats values, and, with a
/// reused `Scratch` and `ByteBuffer`, allocates nothing.
package struct BatchLineWriter: Sendable {
    /// Reusable working memory for writing lines: one per thread.
    package struct Scratch: Sendable {
        let resolution = ConflictPositions()
        var needs = UndecidedFacts.Scratch()
        let texts = SlotTexts()
        /// The summary's working lists: per action the standing entry that leads it (+1; 0 none), and the
        /// actions seen.
        var summaryLeads: [Int32] = []
        var summaryActions: [Int32] = []
        /// The leading standing entries, in reading order.
        var summaryOrder: [Int] = []

        /// Empty working memory.
        package init() {}
    }

    let plan: EvaluationPlan
    private let options: RulesetEvaluator.Options
    let pieces: BatchLinePieces
    private let undecided: UndecidedFacts
    /// How the summary orders recommendations, by flat index.
    let summaryOrder: SummaryOrder

    /// Prepares a writer for `evaluator`'s ruleset; `options` says which rules that did not fire to explain.
    package init(evaluator: RulesetEvaluator, options: RulesetEvaluator.Options = .init()) {
        plan = evaluator.plan
        self.options = options
        pieces = BatchLinePieces(plan: plan)
        undecided = UndecidedFacts(plan: plan)
        summaryOrder = SummaryOrder(plan: plan)
    }

    /// The format of the lines, named in the header: version 2 refers to recommendations by rule id and index
    /// into the header's `rules.<id>.recommendations` (version 1 repeated action, kind and citations per line).
    package static let format = "guideline-batch/2"

    /// The header line (without the newline): what every result line of the batch refers to.
    package func header() -> String {
        let ruleset = plan.ruleset
        var w = JSONWriter()
        w.beginObject()
        w.string("format", Self.format)
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
            if let exception = rule.exception { w.string("unless", exception.text) }
            if let note = rule.declaration.note { w.string("note", note) }
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

    /// Appends the result line of `record` (without the newline) to `out`, using `scratch` as working memory;
    /// `source`, when given, names the input the line came from (a batch of several files names it on every line).
    package func write(
        _ record: EvaluationRecord, line: Int, source: String? = nil, into out: ByteBuffer, scratch: inout Scratch
    ) {
        record.slots.withUnsafeBufferPointer { slots in
            write(record, slots, line: line, source: source, into: out, scratch: &scratch)
        }
    }

    /// Writes the line, reading values in place from `slots` (the record's).
    private func write(
        _ record: EvaluationRecord, _ slots: UnsafeBufferPointer<Value>, line: Int, source: String?,
        into out: ByteBuffer,
        scratch: inout Scratch
    ) {
        out.append("{\"line\":")
        out.append(integer: line)
        if let source {
            out.append(",\"source\":")
            out.appendQuoted(source)
        }
        out.append(",\"case\":")
        if let id = record.caseID { out.appendQuoted(id) } else { out.append("null") }
        writeScores(slots, into: out)
        out.append(",\"values\":{")
        for (position, value) in pieces.values.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(pieces.bytes(value.key))
            pieces.appendJSON(slots, slot: value.slot, into: out)
        }
        out.append(UInt8(ascii: "}"))
        undecided.beginCase(&scratch.needs)
        scratch.texts.beginCase(slots: slots.count)
        writeRecommendations(record, slots, into: out, &scratch)
        writeSummary(record, into: out, &scratch)
        writeUndetermined(record, slots, into: out, &scratch)
        out.append(",\"needs\":[")
        undecided.findCaseNeeds(&scratch.needs)
        writeFacts(scratch.needs.facts, into: out)
        out.append(UInt8(ascii: "]"))
        writeWhyNot(record, slots, into: out, scratch.texts)
        out.append(",\"assumptions\":[")
        for (position, assumption) in record.assumptions.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"fact\":")
            out.appendQuoted(assumption.fact)
            out.append(",\"value\":")
            out.appendJSON(assumption.value)
            out.append(UInt8(ascii: "}"))
        }
        out.append("],\"errors\":[")
        for (position, error) in record.errors.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"code\":")
            out.appendQuoted(error.code)
            out.append(",\"message\":")
            out.appendQuoted(error.message)
            out.append(",\"place\":")
            out.appendQuoted(error.place)
            out.append(UInt8(ascii: "}"))
        }
        out.append("]}")
    }

    private func writeScores(_ slots: UnsafeBufferPointer<Value>, into out: ByteBuffer) {
        out.append(",\"scores\":{")
        for (position, score) in pieces.scores.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(pieces.bytes(score.key))
            out.append("{\"value\":")
            switch slots[score.total] {
            case .number(let n):
                out.append(n)
                out.append(",\"min\":")
                out.append(n)
                out.append(",\"max\":")
                out.append(n)
            case .interval(let lo, let hi):
                out.append("null,\"min\":")
                out.append(lo)
                out.append(",\"max\":")
                out.append(hi)
            default:
                out.append("null")
            }
            out.append(",\"band\":")
            pieces.appendJSON(slots, slot: score.band, into: out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Resolves the case's recommendations (into `scratch.resolution`) and appends the standing ones, with
    /// texts, because lines and what they await, and the suppressed ones, with what overrides them.
    private func writeRecommendations(
        _ record: EvaluationRecord, _ slots: UnsafeBufferPointer<Value>, into out: ByteBuffer, _ scratch: inout Scratch
    ) {
        let resolution = scratch.resolution
        ConflictResolver.resolve(record.outcomes, plan: plan, into: resolution)
        out.append(",\"recommendations\":[")
        let standing = resolution.standing
        for entry in standing.indices {
            let flat = Int(standing[entry])
            let recommendation = pieces.recommendations[flat]
            if let text = pieces.texts[flat] {
                out.append(pieces.bytes(recommendation.opening, first: entry == 0))
                out.append(",\"text\":\"")
                let start = out.count
                if !writeText(text.segments, record, slots, into: out, scratch.texts) {
                    out.truncate(to: start)
                    out.append(pieces.bytes(text.source))
                }
                out.append(UInt8(ascii: "\""))
                writeBecause(Int(resolution.rules[flat]), from: .value, slots, into: out, scratch.texts)
            } else {
                out.append(pieces.bytes(recommendation.openingWithBecause, first: entry == 0))
                writeBecause(Int(resolution.rules[flat]), from: .key, slots, into: out, scratch.texts)
            }
            let awaits = resolution.awaits(ofStanding: entry)
            if !awaits.isEmpty {
                // The recommendations it awaits (their rules' needs are in "undetermined"), in the object the
                // because line closed.
                out.truncate(to: out.count - 1)
                out.append(",\"awaits\":[")
                for (index, pending) in resolution.awaited[awaits].enumerated() {
                    out.append(pieces.bytes(pieces.recommendations[Int(pending)].reference, first: index == 0))
                }
                out.append("]}")
            }
            writeUnless(Int(resolution.rules[flat]), record, into: out, &scratch)
        }
        out.append("],\"suppressed\":[")
        let suppressed = resolution.suppressed
        for entry in suppressed.indices {
            let flat = Int(suppressed[entry])
            out.append(pieces.bytes(pieces.recommendations[flat].opening, first: entry == 0))
            writeBecause(Int(resolution.rules[flat]), from: .value, slots, into: out, scratch.texts)
            out.truncate(to: out.count - 1)
            out.append(",\"overriddenBy\":")
            out.append(
                pieces.bytes(
                    pieces.recommendations[Int(resolution.overrider(ofSuppressed: entry))].reference, first: true))
            out.append(UInt8(ascii: "}"))
            writeUnless(Int(resolution.rules[flat]), record, into: out, &scratch)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Adds `"unless": {recorded, needs}` to the recommendation object just closed, when rule `rule` has an
    /// exception (its condition is in the header's `rules.<id>.unless`); the needs of one not recorded count
    /// among the case's needs.
    @inline(__always)
    private func writeUnless(_ rule: Int, _ record: EvaluationRecord, into out: ByteBuffer, _ scratch: inout Scratch) {
        let exception = plan.exceptionOfRule[rule]
        guard exception >= 0 else { return }
        out.truncate(to: out.count - 1)
        if record.exceptions[exception] != nil {
            out.append(",\"unless\":{\"recorded\":true,\"needs\":[]}}")
            return
        }
        out.append(",\"unless\":{\"recorded\":false,\"needs\":[")
        undecided.findNeeds(ofException: exception, record, &scratch.needs)
        writeFacts(scratch.needs.facts, into: out)
        out.append("]}}")
    }

    /// Appends the undetermined rules with what each needs and its because line (after `writeRecommendations`,
    /// whose resolution lists them).
    private func writeUndetermined(
        _ record: EvaluationRecord, _ slots: UnsafeBufferPointer<Value>, into out: ByteBuffer, _ scratch: inout Scratch
    ) {
        out.append(",\"undetermined\":[")
        // The rules the resolution found undetermined (it read every outcome already).
        for (position, rule) in scratch.resolution.undeterminedRules.enumerated() {
            let index = Int(rule)
            out.append(pieces.bytes(pieces.undeterminedOpenings[index], first: position == 0))
            undecided.findNeeds(ofRule: index, record, &scratch.needs)
            writeFacts(scratch.needs.facts, into: out)
            writeBecause(index, from: .list, slots, into: out, scratch.texts)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends `"fact",...` (the list's elements).
    @inline(__always)
    private func writeFacts(_ facts: UnsafeBufferPointer<Int32>, into out: ByteBuffer) {
        for (position, fact) in facts.enumerated() {
            out.append(pieces.bytes(pieces.facts[Int(fact)], first: position == 0))
        }
    }

    /// The rules that did not fire and were asked about (`--why-not`, `--explain all`), with their because lines.
    private func writeWhyNot(
        _ record: EvaluationRecord, _ slots: UnsafeBufferPointer<Value>, into out: ByteBuffer, _ texts: SlotTexts
    ) {
        guard options.explainAll || !options.whyNot.isEmpty else { return }
        out.append(",\"whyNot\":[")
        var first = true
        for (index, outcome) in record.outcomes.enumerated() {
            let named = options.whyNot.contains(plan.ruleset.rules[index].id)
            guard outcome == .fired ? named : options.explainAll || named else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append("{\"rule\":")
            out.append(pieces.bytes(pieces.rules[index]))
            switch outcome {
            case .fired: out.append(",\"value\":true")
            case .notFired: out.append(",\"value\":false")
            case .undetermined: out.append(",\"value\":null")
            }
            writeBecause(index, from: .value, slots, into: out, texts)
            let exception = plan.exceptionOfRule[index]
            if exception >= 0, record.exceptions[exception] == true,
                let text = plan.ruleset.rules[index].exception?.text
            {
                out.truncate(to: out.count - 1)
                out.append(",\"liftedBy\":")
                out.appendQuoted(text)
                out.append(UInt8(ascii: "}"))
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Appends a recommendation text with its values filled in (escaped, without quotes), as
    /// `TextTemplate.render` does; false when a value cannot be computed (the caller writes the source).
    private func writeText(
        _ segments: Range<Int>, _ record: EvaluationRecord, _ slots: UnsafeBufferPointer<Value>, into out: ByteBuffer,
        _ texts: SlotTexts
    ) -> Bool {
        for segment in pieces.textSegments[segments] {
            out.append(pieces.bytes(segment.text))
            guard segment.placeholder >= 0 else { continue }
            if segment.slot >= 0 {
                pieces.appendText(slots, slot: segment.slot, into: out, texts: texts)
                continue
            }
            do throws(EvaluationError) {
                out.appendEscapedText(
                    try ExpressionEvaluator.evaluate(pieces.placeholders[segment.placeholder], slots: record.slots))
            } catch {
                return false
            }
        }
        return true
    }

    /// Appends rule `index`'s because line as a JSON string from `start` (with what comes before it, see
    /// `BatchLinePieces.BecauseStart`), and the `}` closing the object it is in.
    ///
    /// The values it shows are the facts' and computed values' own (each `name = value` reads a slot), so it needs no
    /// trace: records made with `Tracing.evaluatedRules` give the same line as fully traced ones.
    @inline(__always)
    private func writeBecause(
        _ index: Int, from start: BatchLinePieces.BecauseStart, _ slots: UnsafeBufferPointer<Value>,
        into out: ByteBuffer, _ texts: SlotTexts
    ) {
        var skip = start.rawValue
        for segment in pieces.because(ofRule: index) {
            out.append(pieces.bytes(segment.text, droppingFirst: skip))
            skip = 0
            if segment.slot >= 0 { pieces.appendText(slots, slot: segment.slot, into: out, texts: texts) }
        }
    }
}
