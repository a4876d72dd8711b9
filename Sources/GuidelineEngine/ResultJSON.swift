import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression

/// Writes an `EvaluationResult` as JSON (the shape of `Schemas/result.schema.json`).
package enum ResultJSON {
    /// The whole result as one JSON document; `pretty` indents it.
    package static func encode(_ result: EvaluationResult, pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty, capacity: 1 << 17)
        write(result, into: &writer)
        return writer.output
    }

    /// Where the reasons of a result rendered with deferred reasons (`ResultRenderer.defersReasons`) are written
    /// from: the ruleset's reason pieces and the record's whole trace.
    struct DeferredReasons {
        let pieces: ReasonPieces
        let trace: UnsafeBufferPointer<Value>
    }

    /// Writes the result as an object.
    package static func write(_ result: EvaluationResult, into w: inout JSONWriter) {
        write(result, into: &w, reasons: nil)
    }

    /// Writes the result as an object; `reasons` writes the reasons the result defers.
    static func write(_ result: EvaluationResult, into w: inout JSONWriter, reasons: DeferredReasons?) {
        w.beginObject()
        w.string("case", result.caseID)
        write(result.ruleset, into: &w)
        w.beginObject("scores")
        for score in result.scores {
            w.beginObject(score.id)
            w.integer("value", score.value)
            w.integer("min", score.minimum)
            w.integer("max", score.maximum)
            w.string("band", score.band)
            w.beginArray("components")
            for component in score.components {
                w.beginObject()
                w.string("id", component.id)
                w.string("fact", component.fact)
                w.value("value", component.value)
                w.string("option", component.option)
                w.integer("points", component.points)
                w.integer("min", component.minimum)
                w.integer("max", component.maximum)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endObject()
        w.beginObject("values")
        for named in result.values { w.value(named.name, named.value) }
        w.endObject()
        write(ResultSummary(result), of: result, into: &w)
        w.beginArray("recommendations")
        for recommendation in result.recommendations { write(recommendation, into: &w, reasons: reasons) }
        w.endArray()
        w.beginArray("suppressed")
        for recommendation in result.suppressed { write(recommendation, into: &w, reasons: reasons) }
        w.endArray()
        w.beginArray("undetermined")
        for rule in result.undetermined {
            w.beginObject()
            write(rule.rule, key: "rule", into: &w)
            strings("needs", rule.needs, into: &w)
            write(rule.because, into: &w, reasons: reasons)
            w.beginArray("would")
            for would in rule.would {
                w.beginObject()
                w.string("action", would.action)
                w.string("kind", would.kind.rawValue)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        strings("needs", result.needs, into: &w)
        w.beginArray("assumptions")
        for assumption in result.assumptions {
            w.beginObject()
            w.string("fact", assumption.fact)
            w.value("value", assumption.value)
            w.endObject()
        }
        w.endArray()
        if !result.whyNot.isEmpty {
            w.beginArray("whyNot")
            for entry in result.whyNot {
                w.beginObject()
                write(entry.rule, key: "rule", into: &w)
                w.bool("value", entry.value)
                write(entry.because, into: &w, reasons: reasons)
                if let lifted = entry.liftedBy { w.string("liftedBy", lifted) }
                w.endObject()
            }
            w.endArray()
        }
        w.beginArray("errors")
        for error in result.errors {
            w.beginObject()
            w.string("code", error.code)
            w.string("message", error.message)
            w.string("place", error.place)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func write(_ r: RecommendationResult, into w: inout JSONWriter, reasons: DeferredReasons? = nil) {
        w.beginObject()
        w.string("action", r.action)
        w.string("actionTitle", r.actionTitle)
        w.string("kind", r.kind.rawValue)
        w.string("urgency", r.urgency?.rawValue)
        w.string("text", r.text)
        w.rawValue("params")
        append(params: r.params, into: w.buffer)
        write(r.rule, key: "rule", into: &w)
        write(r.because, into: &w, reasons: reasons)
        if let reasons, let recommendation = reasons.pieces.deferred(r.because.tree.node)?.recommendation,
            w.depth == ReasonPieces.citationsDepth
        {
            w.rawValue("citations")
            reasons.pieces.citations[recommendation].withUnsafeBufferPointer { w.buffer.append($0) }
        } else {
            w.beginArray("citations")
            for citation in r.citations { write(citation, into: &w) }
            w.endArray()
        }
        w.bool("provisional", r.provisional)
        w.beginArray("awaits")
        for pending in r.awaits {
            w.beginObject()
            write(pending.rule, key: "rule", into: &w)
            w.string("kind", pending.kind.rawValue)
            strings("needs", pending.needs, into: &w)
            w.endObject()
        }
        w.endArray()
        if let overridden = r.overriddenBy {
            w.beginObject("overriddenBy")
            w.string("rule", overridden.rule.id)
            w.string("kind", overridden.kind.rawValue)
            w.endObject()
        }
        if let unless = r.unless {
            w.beginObject("unless")
            w.string("condition", unless.condition)
            w.bool("recorded", unless.recorded)
            strings("needs", unless.needs, into: &w)
            w.endObject()
        }
        if let note = r.note { w.string("note", note) }
        w.endObject()
    }

    /// Writes `"summary": {actions, record}`: one entry per action in reading order, and the facts to record.
    static func write(_ summary: ResultSummary, of result: EvaluationResult, into w: inout JSONWriter) {
        w.beginObject("summary")
        w.beginArray("actions")
        for line in summary.lines {
            let lead = result.recommendations[line.lead]
            w.beginObject()
            w.string("action", line.action)
            w.string("actionTitle", line.actionTitle)
            w.string("kind", line.kind.rawValue)
            w.string("urgency", line.urgency?.rawValue)
            w.bool("unlessNotRecorded", line.unlessNotRecorded)
            w.bool("provisional", line.provisional)
            w.string("rule", lead.rule.id)
            w.beginArray("also")
            for index in line.also {
                let other = result.recommendations[index]
                w.beginObject()
                w.string("rule", other.rule.id)
                w.string("kind", other.kind.rawValue)
                w.string("urgency", other.urgency?.rawValue)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("record")
        for fact in summary.record {
            w.beginObject()
            w.string("fact", fact.fact)
            w.beginArray("decides")
            for decision in fact.decides {
                w.beginObject()
                w.string("action", decision.action)
                w.string("kind", decision.kind.rawValue)
                w.string("rule", decision.rule)
                w.bool("exception", decision.exception)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func write(_ citation: ResolvedCitation, into w: inout JSONWriter) {
        w.beginObject()
        w.string("source", citation.source.id)
        writeDetails(of: citation.source, into: &w)
        w.string("section", citation.citation.section)
        w.string("quote", citation.citation.quote)
        w.endObject()
    }

    /// Writes `"ruleset": {id, version, fingerprint, engine}`.
    static func write(_ identity: RulesetIdentity, into w: inout JSONWriter) {
        w.beginObject("ruleset")
        w.string("id", identity.id)
        w.string("version", identity.version)
        w.string("fingerprint", identity.fingerprint)
        w.string("engine", identity.engine)
        w.endObject()
    }

    /// Writes a source's title, year, date, authors or organization, DOI and URL into the open object.
    static func writeDetails(of source: SourceDeclaration, into w: inout JSONWriter) {
        w.string("title", source.title)
        w.integer("year", source.effectiveYear)
        w.string("date", source.date)
        if !source.authors.isEmpty { strings("authors", source.authors, into: &w) }
        if let organization = source.organization { w.string("organization", organization) }
        w.string("doi", source.doi)
        w.string("url", source.url)
        if source.secondary { w.bool("secondary", true) }
    }

    static func write(_ rule: RuleReference, key: String, into w: inout JSONWriter) {
        w.beginObject(key)
        w.string("id", rule.id)
        w.string("file", rule.file)
        w.integer("line", rule.line)
        w.endObject()
    }

    static func write(_ explanation: Reason, into w: inout JSONWriter, reasons: DeferredReasons? = nil) {
        w.beginObject("because")
        if let reasons, let rule = reasons.pieces.deferred(explanation.tree.node)?.rule {
            w.rawValue("text")
            reasons.pieces.appendLine(ofRule: rule, trace: reasons.trace, into: w.buffer)
            w.rawValue("tree")
            reasons.pieces.appendTree(ofRule: rule, trace: reasons.trace, into: w.buffer)
        } else {
            w.string("text", explanation.text)
            w.rawValue("tree")
            tree(explanation.tree, into: w.buffer)
        }
        w.endObject()
    }

    /// Writes `"key": [...]`, an array of strings.
    package static func strings(_ key: String, _ values: [String], into w: inout JSONWriter) {
        w.beginArray(key)
        for value in values { w.string(nil, value) }
        w.endArray()
    }

    /// Appends a tree as one compact JSON object: `{"expr":...,"value":...,"children":[...]}`.
    static func tree(_ node: ExplanationNode, into out: ByteBuffer) {
        out.append("{\"expr\":")
        out.appendQuoted(node.text)
        out.append(",\"value\":")
        out.appendJSON(node.value)
        out.append(",\"children\":[")
        for (position, child) in node.children.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            tree(child, into: out)
        }
        out.append("]}")
    }

    /// A value in JSON: null for unknown, `{"value", "unit"}` for quantities, `{"min", "max"}` for ranges.
    package static func value(_ v: Value) -> String {
        switch v {
        case .unknown: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.description
        case .interval(let lo, let hi): "{\"min\":\(lo),\"max\":\(hi)}"
        case .quantity(let q): "{\"value\":\(q.value),\"unit\":\(DiagnosticJSON.quote(q.unit.symbol))}"
        case .symbol: DiagnosticJSON.quote(v.description)
        case .string(let s): DiagnosticJSON.quote(s)
        case .list(let items): "[" + items.map(value).joined(separator: ",") + "]"
        case .range(let lo, let hi): "{\"min\":\(value(lo)),\"max\":\(value(hi))}"
        }
    }

    /// A parameter in JSON.
    package static func params(_ p: ParamValue) -> String {
        let out = ByteBuffer(capacity: 256)
        append(p, into: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Appends a recommendation's parameters as one compact JSON object (as `params(.mapping(entries))`).
    static func append(params entries: [ParamValue.Entry], into out: ByteBuffer) {
        out.append(UInt8(ascii: "{"))
        for (position, entry) in entries.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.appendQuoted(entry.key)
            out.append(UInt8(ascii: ":"))
            append(entry.value, into: out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends a parameter as compact JSON: a value as `value` gives it, text quoted, lists and mappings in order.
    static func append(_ p: ParamValue, into out: ByteBuffer) {
        switch p {
        case .value(let v): out.appendJSON(v)
        case .text(let s): out.appendQuoted(s)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                append(item, into: out)
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let entries): append(params: entries, into: out)
        }
    }
}
