import Foundation
import GuidelineAudit
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineTool

/// Every ruleset the server serves, compiled once at start and shared by all requests.
///
/// This is the only file of the server that calls the engine (loading, describing, evaluating, batches), so
/// that moving the server onto another engine interface changes this file alone.
package struct RulesetRegistry: Sendable {
    /// One loaded ruleset and what its requests need, made once.
    struct Entry: Sendable {
        let ruleset: CompiledRuleset
        let evaluator: RulesetEvaluator
        /// The writer of full JSON results (each rule's reason pieces prepared once).
        let json: ResultJSONWriter
        /// The reader of the common JSON form (its tables are made once).
        let reader: JSONCaseReader
        let batch: BatchSession
        let ruleIDs: Set<String>
        /// `GET /v1/rulesets/{id}`, encoded once.
        let description: String
    }

    /// The rulesets by id.
    private let entries: [String: Entry]
    /// Their ids, in the order the directories were given.
    package let ids: [String]

    /// A ruleset that could not be loaded: the diagnostics, rendered as `guideline check` renders them.
    package struct LoadFailure: Error, Sendable {
        /// The text for standard error.
        package var message: String
        /// The exit code: 1 for a ruleset with errors, 64 for a usage mistake.
        package var exitCode: Int32
    }

    /// Loads each ruleset directory (none: every ruleset under `./Rules`), as `guideline evaluate` loads one;
    /// fails when any has an error or two share an id.
    package static func load(directories: [String], colored: Bool = false) -> Result<RulesetRegistry, LoadFailure> {
        let directories = directories.isEmpty ? RulesetLocator.rulesets() : directories
        guard !directories.isEmpty else {
            return .failure(
                LoadFailure(
                    message: "error: no ruleset found under './Rules'; name one with --rules DIR\n",
                    exitCode: ToolOutput.usage))
        }
        var entries: [String: Entry] = [:]
        var ids: [String] = []
        var directoryOf: [String: String] = [:]
        var failures = ""
        for directory in directories {
            // As `evaluate` loads: no gap and overlap analysis of tables (`check` does it).
            let loaded = RulesetLoader(analysesTables: false).load(directory: directory)
            guard let ruleset = loaded.ruleset else {
                failures += DiagnosticRenderer(sources: loaded.sources, colored: colored).render(loaded.diagnostics)
                failures += "error: the ruleset '\(directory)' has errors (see 'guideline check \(directory)')\n"
                continue
            }
            let id = ruleset.manifest.id
            if let other = directoryOf[id] {
                failures +=
                    "error: the rulesets \(quoted: other) and \(quoted: directory) have the same id \(quoted: id)\n"
                continue
            }
            directoryOf[id] = directory
            ids.append(id)
            let evaluator = RulesetEvaluator(ruleset: ruleset)
            entries[id] = Entry(
                ruleset: ruleset, evaluator: evaluator, json: ResultJSONWriter(evaluator: evaluator),
                reader: JSONCaseReader(ruleset: ruleset),
                batch: BatchSession(ruleset: ruleset, workers: 1),
                ruleIDs: Set(ruleset.rules.map(\.id)), description: Self.describe(ruleset))
        }
        guard failures.isEmpty else { return .failure(LoadFailure(message: failures, exitCode: ToolOutput.failure)) }
        return .success(RulesetRegistry(entries: entries, ids: ids))
    }

    /// The compiled rulesets, in the order of ``ids`` (for the CDS Hooks services).
    package var rulesets: [CompiledRuleset] { ids.compactMap { entries[$0]?.ruleset } }

    /// Whether a ruleset of this id is served.
    package func contains(_ id: String) -> Bool { entries[id] != nil }

    /// `GET /v1/rulesets`: id, title, version and fingerprint of each ruleset.
    package func listJSON() -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.beginArray("rulesets")
        for id in ids {
            guard let manifest = entries[id]?.ruleset.manifest, let ruleset = entries[id]?.ruleset else { continue }
            w.beginObject()
            w.string("id", id)
            w.string("title", manifest.title)
            w.string("version", manifest.version)
            w.string("fingerprint", ruleset.fingerprint)
            w.endObject()
        }
        w.endArray()
        w.string("engine", RulesetEvaluator.engineVersion)
        w.endObject()
        return w.output + "\n"
    }

    /// `GET /v1/rulesets/{id}`: facts, scores with bands, actions and sources; nil for an unknown id.
    package func descriptionJSON(_ id: String) -> String? { entries[id]?.description }

    /// The closest served id to `id`, for a message.
    package func suggestion(for id: String) -> String? { Suggestions.closest(to: id, in: ids) }

    /// What evaluating one case gave.
    package enum Evaluation: Sendable {
        /// The full JSON result, as `guideline evaluate --format json` writes it (UTF-8, with a final newline).
        case result([UInt8])
        /// The body is not a JSON object (400); the message says why, the diagnostics (JSON objects) where.
        case malformed(String, [String])
        /// The case is not valid for the ruleset (422): the diagnostics, each a JSON object.
        case invalid([String])
        /// `whyNot` names a rule the ruleset does not have (422).
        case unknownRule(String)
        /// The case was evaluated but its decision record could not be appended (503): the result is not sent.
        case unrecorded(String)
    }

    /// The name request bodies have in diagnostics.
    package static let bodyName = "<request>"

    /// Evaluates the case in `body` (a JSON case, validated as a case file is) against ruleset `id`; nil for an
    /// unknown id.
    ///
    /// With `audit`, the decision is appended (channel `rest`, by `who`, with id `decision`) durably before the
    /// result is returned.
    package func evaluate(
        _ id: String, body: [UInt8], explainAll: Bool, whyNot: [String], audit: AuditRecorder? = nil,
        who: String = RequestAgent.current, decision: String = DecisionRecord.newID()
    ) -> Evaluation? {
        evaluate(
            id, body: body, explainAll: explainAll, whyNot: whyNot, markdown: false, audit: audit, who: who,
            decision: decision)?
            .evaluation
    }

    /// Evaluates as ``evaluate(_:body:explainAll:whyNot:audit:who:decision:)`` does, and with `markdown` also
    /// renders the result as `guideline evaluate --format markdown` does (for the clinician's page: "copy as
    /// Markdown").
    package func evaluate(
        _ id: String, body: [UInt8], explainAll: Bool, whyNot: [String], markdown: Bool,
        audit: AuditRecorder? = nil, who: String = RequestAgent.current, channel: String = "rest",
        decision: String = DecisionRecord.newID()
    ) -> (evaluation: Evaluation, markdown: String?)? {
        guard let entry = entries[id] else { return nil }
        for rule in whyNot where !entry.ruleIDs.contains(rule) {
            let near =
                Suggestions.closest(to: rule, in: entry.ruleset.rules.map(\.id)).map { "; did you mean \(quoted: $0)?" }
                ?? ""
            return (.unknownRule("whyNot names no rule: \(quoted: rule)\(near)"), nil)
        }
        let input: CaseInput
        switch Self.read(body, entry: entry) {
        case .success(let read): input = read
        case .failure(let failure): return (failure.evaluation, nil)
        }
        let options = RulesetEvaluator.Options(explainAll: explainAll, whyNot: Set(whyNot))
        // The fast writer when no full result is needed; with a record or Markdown, the full result (the same
        // JSON bytes: ResultJSONWriterTests).
        guard audit != nil || markdown else {
            return (.result(entry.json.bytes(input, options: options, newline: true)), nil)
        }
        let result = entry.evaluator.evaluate(input, options: options)
        if let audit {
            do throws(AuditError) {
                try audit.append(
                    [
                        audit.record(
                            result, input: input, ruleset: entry.ruleset, who: who, channel: channel, id: decision)
                    ],
                    ruleset: entry.ruleset)
            } catch {
                return (.unrecorded("\(error)"), nil)
            }
        }
        let text = markdown ? ResultText(style: .markdown).render(result, title: entry.ruleset.manifest.title) : nil
        return (.result(Array((ResultJSON.encode(result) + "\n").utf8)), text)
    }

    /// A body that could not be read as a case: the evaluation that says why.
    private struct Unread: Error {
        var evaluation: Evaluation
    }

    /// Reads a case body as a case file is read.
    private static func read(_ body: [UInt8], entry: Entry) -> Result<CaseInput, Unread> {
        var input: CaseInput?
        // The common form (one JSON object, facts in their declared forms) is read without a parse tree, as
        // batch lines are; anything else goes through the decoder, which also says what is wrong.
        var end = body.count
        while end > 0, [9, 10, 13, 32].contains(body[end - 1]) { end -= 1 }
        body.withUnsafeBufferPointer { buffer in
            input = entry.reader.read(UnsafeBufferPointer(rebasing: buffer[0..<end]), origin: Self.bodyName)
        }
        if let input { return .success(input) }
        if let problem = Self.jsonProblem(body) { return .failure(Unread(evaluation: .malformed(problem, []))) }
        // Read as a case file is read (libyaml reads JSON): a syntax error is a malformed body, anything else
        // an invalid case.
        let decoded = CaseDecoder(ruleset: entry.ruleset).decode(bytes: body, file: Self.bodyName)
        guard let decodedInput = decoded.input else {
            let diagnostics = decoded.diagnostics.map(Self.diagnosticJSON)
            if decoded.diagnostics.contains(where: { $0.code.hasPrefix("yaml.") }) {
                return .failure(Unread(evaluation: .malformed("the body is not valid JSON", diagnostics)))
            }
            return .failure(Unread(evaluation: .invalid(diagnostics)))
        }
        return .success(decodedInput)
    }

    /// Why `body` is not a JSON object, or nil when it starts as one.
    private static func jsonProblem(_ body: [UInt8]) -> String? {
        guard let first = body.first(where: { ![9, 10, 13, 32].contains($0) }) else {
            return "the body is empty; send a case as a JSON object"
        }
        guard first == UInt8(ascii: "{") else { return "the body must be a JSON object with 'facts'" }
        return nil
    }

    /// One diagnostic of a request body as JSON: severity, code, message, its JSON path when it has one,
    /// line and column in the body, help.
    private static func diagnosticJSON(_ diagnostic: Diagnostic) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("severity", diagnostic.severity.rawValue)
        w.string("code", diagnostic.code)
        w.string("message", diagnostic.message)
        let prefix = "JSON path "
        w.string("path", diagnostic.help.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        w.integer("line", diagnostic.range?.start.line)
        w.integer("column", diagnostic.range?.start.column)
        w.beginArray("help")
        for help in diagnostic.help where !help.hasPrefix(prefix) { w.string(nil, help) }
        w.endArray()
        w.endObject()
        return w.output
    }

    /// Runs a JSONL batch over ruleset `id`, reading cases from `reader` and giving the header and result lines to
    /// `emit` block by block (valid only during the call); false for an unknown id.
    ///
    /// Memory stays bounded however long the batch.
    package func batch(_ id: String, reader: ByteReader, emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let entry = entries[id] else { return false }
        _ = entry.batch.run(reader, emit: emit)
        return true
    }

    /// The description of a ruleset for clients: enough to build a form.
    private static func describe(_ ruleset: CompiledRuleset) -> String {
        let manifest = ruleset.manifest
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.string("id", manifest.id)
        w.string("title", manifest.title)
        w.string("version", manifest.version)
        w.string("description", manifest.description)
        w.string("fingerprint", ruleset.fingerprint)
        w.beginArray("facts")
        for entry in FactCatalog(ruleset).entries {
            w.beginObject()
            w.string("name", entry.name)
            w.string("type", entry.type)
            w.string("unit", entry.unit)
            ResultJSON.strings("units", entry.units, into: &w)
            ResultJSON.strings("values", entry.values, into: &w)
            if !entry.values.isEmpty { w.bool("ordered", entry.ordered) }
            w.raw("minimum", entry.minimum.map(ResultJSON.value) ?? "null")
            w.raw("maximum", entry.maximum.map(ResultJSON.value) ?? "null")
            w.raw("default", entry.defaultValue.map(ResultJSON.value) ?? "null")
            w.string("description", entry.description)
            w.string("label", entry.label)
            w.string("group", entry.group)
            w.endObject()
        }
        w.endArray()
        w.beginArray("scores")
        for score in ruleset.scores.map(\.declaration) {
            w.beginObject()
            w.string("id", score.id)
            w.string("title", score.title)
            w.string("description", score.description)
            w.integer("min", score.lower)
            w.integer("max", score.upper)
            w.beginArray("components")
            for component in score.components {
                w.beginObject()
                w.string("id", component.id)
                w.string("fact", component.fact)
                w.beginArray("options")
                for option in component.options {
                    w.beginObject()
                    w.string("label", option.label)
                    w.integer("points", option.points)
                    w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.beginArray("bands")
            for band in score.bands {
                w.beginObject()
                w.string("label", band.label)
                w.integer("min", band.lower)
                w.integer("max", band.upper)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("actions")
        for action in ruleset.actions.values.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            w.beginObject()
            w.string("id", action.id)
            w.string("title", action.title)
            w.string("description", action.description)
            w.endObject()
        }
        w.endArray()
        w.beginArray("sources")
        for source in ruleset.sources.values.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            w.beginObject()
            w.string("id", source.id)
            w.string("title", source.title)
            ResultJSON.strings("authors", source.authors, into: &w)
            w.string("organization", source.organization)
            w.integer("year", source.effectiveYear)
            w.string("date", source.date)
            w.string("doi", source.doi)
            w.string("url", source.url)
            w.endObject()
        }
        w.endArray()
        w.beginArray("rules")
        for rule in ruleset.rules { w.string(nil, rule.id) }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }
}
