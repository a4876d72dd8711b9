@_exported import GuidelineCompiler
@_exported import GuidelineDiagnostics
@_exported import GuidelineEngine
@_exported import GuidelineExpression

/// A loaded, checked guideline: the one type an embedder needs.
///
/// ```swift
/// import Guideline
/// let guideline = try Guideline(directory: "Rules/spine-metastases")
/// let result = try guideline.evaluate(["spine.level": "T12", "spine.pain": "mechanical", "patient.life_expectancy": "6 mo"])
/// for r in result.recommendations { print(r.kind, r.action, r.text) }
/// ```
///
/// Loading compiles and checks every rule file and throws a ``GuidelineError`` whose description is the
/// rendered diagnostics (file, line, column, the source line, a caret, help) when any has an error. A
/// `Guideline` is immutable and `Sendable`: share one across threads and tasks.
public struct Guideline: Sendable {
    /// The ruleset's id (`spine-metastases`).
    public let id: String
    /// The ruleset's title.
    public let title: String
    /// The ruleset's version.
    public let version: String
    /// The `sha256:` fingerprint of the ruleset's content: the exact rules a result came from.
    public let fingerprint: String
    /// The warnings the ruleset loaded with (a ruleset with errors does not load).
    public let warnings: [Diagnostic]
    let evaluator: RulesetEvaluator
    let decoder: CaseDecoder

    /// Loads the ruleset in `directory` (its `ruleset.yaml` and the rule files it lists).
    public init(directory: String) throws(GuidelineError) {
        try self.init(RulesetLoader(analysesTables: false).load(directory: directory))
    }

    /// Loads a ruleset from file contents by path relative to `directory` (`ruleset.yaml` and the rule files it
    /// lists), without reading the file system: for rulesets kept in a database or sent over a network.
    public init(files: [String: String], directory: String = "ruleset") throws(GuidelineError) {
        try self.init(
            RulesetLoader(analysesTables: false).load(files: files.mapValues { Array($0.utf8) }, directory: directory))
    }

    private init(_ loaded: RulesetLoader.Result) throws(GuidelineError) {
        guard let ruleset = loaded.ruleset, !loaded.hasErrors else {
            throw GuidelineError(diagnostics: loaded.diagnostics, sources: loaded.sources)
        }
        id = ruleset.manifest.id
        title = ruleset.manifest.title
        version = ruleset.manifest.version
        fingerprint = ruleset.fingerprint
        warnings = loaded.diagnostics
        evaluator = RulesetEvaluator(ruleset: ruleset)
        decoder = CaseDecoder(ruleset: ruleset)
    }

    /// Every fact the ruleset declares, in declaration order: type, unit, range or values, default, description.
    public var facts: [FactCatalog.Entry] { FactCatalog(evaluator.ruleset).entries }

    /// Evaluates facts given from Swift; `nil` (or leaving a fact out) means not recorded.
    ///
    /// Every value is validated as a case file's is (type, enum values, unit dimension, range): `"5000 mo"` for a fact
    /// of 0 mo..1200 mo throws an error naming the fact and the range.
    public func evaluate(
        _ facts: [String: CaseValue], caseID: String? = nil, options: EvaluationOptions = EvaluationOptions()
    ) throws(GuidelineError) -> EvaluationResult {
        try evaluate(decoder.decode(values: facts, id: caseID), options: options) { SourceStore() }
    }

    /// Evaluates a case file's text (YAML or JSON: `facts:` and optionally `case:`); `file` names it in errors.
    public func evaluate(
        caseText: String, file: String = "<case>", options: EvaluationOptions = EvaluationOptions()
    ) throws(GuidelineError) -> EvaluationResult {
        try evaluate(decoder.decode(text: caseText, file: file), options: options) {
            var sources = SourceStore()
            sources.add(file: file, text: caseText)
            return sources
        }
    }

    /// Evaluates a case as JSON bytes (`{"case": ..., "facts": {...}}`); `file` names it in errors, which also
    /// give each bad value's JSON path.
    public func evaluate(
        json: [UInt8], file: String = "<case>", options: EvaluationOptions = EvaluationOptions()
    ) throws(GuidelineError) -> EvaluationResult {
        try evaluate(decoder.decode(bytes: json, file: file), options: options) {
            var sources = SourceStore()
            sources.add(file: file, text: String(decoding: json, as: UTF8.self))
            return sources
        }
    }

    /// Evaluates a decoded case; `sources` gives the case's text for rendering its errors, only when it has any.
    private func evaluate(
        _ outcome: CaseDecoder.Outcome, options: EvaluationOptions, sources: () -> SourceStore
    ) throws(GuidelineError) -> EvaluationResult {
        guard let input = outcome.input else {
            throw GuidelineError(diagnostics: outcome.diagnostics, sources: sources())
        }
        return evaluator.evaluate(input, options: options)
    }

    /// Renders a result as `guideline evaluate` prints it: text (the summary first), Markdown for a clinical
    /// note, or the JSON of `Schemas/result.schema.json`.
    public func render(_ result: EvaluationResult, as format: ResultFormat = .text) -> String {
        switch format {
        case .text: ResultText(style: .text(colored: false)).render(result, title: title)
        case .markdown: ResultText(style: .markdown).render(result, title: title)
        case .json: ResultJSON.encode(result)
        }
    }
}

/// How ``Guideline/render(_:as:)`` renders a result.
public enum ResultFormat: String, Sendable, CaseIterable {
    /// Plain text for a terminal, the summary first.
    case text
    /// Markdown, for a clinical note.
    case markdown
    /// JSON (`Schemas/result.schema.json`).
    case json
}
