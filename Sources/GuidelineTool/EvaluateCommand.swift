import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineYAML

/// `guideline evaluate`: evaluates case files (YAML or JSON) or a JSONL batch against a ruleset.
public struct EvaluateCommand: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// For a person at a terminal.
        case text
        /// One JSON document (an array when several cases are given).
        case json
        /// For pasting into a clinical note or report.
        case markdown
        /// Batch: one case per input line, one result per output line, in order.
        case jsonl
    }

    /// The ruleset directory; nil: the only one under `./Rules`.
    public var rules: String?
    /// The format.
    public var format: Format = .text
    /// Case files; `-` (or none) reads standard input.
    public var cases: [String]
    /// Rules to explain when they do not fire.
    public var whyNot: [String] = []
    /// Explain every rule that does not fire.
    public var explainAll = false
    /// Text and Markdown show each recommendation's rule note in full (`--notes`), not only its first sentence.
    public var fullNotes = false
    /// Text and Markdown show only the summary and the facts to record (`--brief`).
    public var brief = false
    /// Use ANSI colour in text output.
    public var colored = false
    /// Batch limits (line length, number of cases).
    public var limits = BatchLimits.default
    /// The shard of a batch to evaluate (`--shard i/n`); nil: every case.
    public var shard: BatchShard?
    /// Threads evaluating a batch (default: one per core).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Called with each case evaluated, before any result is written (`--audit` appends a decision record).
    ///
    /// A message it returns stops the command with that error (exit 1): no result is shown that was not recorded.
    /// Not called by batches.
    package var recordDecision: (@Sendable (CompiledRuleset, CaseInput, EvaluationResult) -> String?)?

    /// Creates the command.
    public init(
        rules: String?, format: Format, cases: [String], whyNot: [String] = [], explainAll: Bool = false,
        colored: Bool = false
    ) {
        self.rules = rules
        self.format = format
        self.cases = cases
        self.whyNot = whyNot
        self.explainAll = explainAll
        self.colored = colored
    }

    /// What evaluating needs, once the ruleset is loaded and the options are checked.
    private struct Prepared {
        let ruleset: CompiledRuleset
        let evaluator: RulesetEvaluator
        let options: RulesetEvaluator.Options
    }

    /// Loads the ruleset and checks the options; a failure is the command's output.
    private func prepare() -> Result<Prepared, ToolOutputFailure> {
        let ruleset: CompiledRuleset
        switch RulesetLocator.load(rules, colored: colored) {
        case .success(let loaded): ruleset = loaded.ruleset
        case .failure(let failure): return .failure(failure)
        }
        for id in whyNot where !ruleset.rules.contains(where: { $0.id == id }) {
            let near =
                Suggestions.closest(to: id, in: ruleset.rules.map(\.id)).map { "; did you mean \(quoted: $0)?" } ?? ""
            return .failure(
                ToolOutputFailure(
                    ToolOutput(
                        stderr: "error: --why-not names no rule: \(quoted: id)\(near)\n", exitCode: ToolOutput.usage)))
        }
        let options = RulesetEvaluator.Options(explainAll: explainAll, whyNot: Set(whyNot))
        return .success(Prepared(ruleset: ruleset, evaluator: RulesetEvaluator(ruleset: ruleset), options: options))
    }

    /// Runs a JSONL batch as a stream: results go to `emit` block by block as they are ready (whatever
    /// `format` says), so memory stays bounded however long the input.
    ///
    /// The bytes given to `emit` are valid only during the call. The returned output has no stdout.
    public func runBatch(stdin: () -> ByteReader, emit: (UnsafeBufferPointer<UInt8>) -> Void) -> ToolOutput {
        let prepared: Prepared
        switch prepare() {
        case .success(let value): prepared = value
        case .failure(let failure): return failure.output
        }
        var runner = BatchRunner(
            ruleset: prepared.ruleset, evaluator: prepared.evaluator, options: prepared.options, limits: limits,
            workers: jobs)
        runner.shard = shard
        let batch = runner.run(inputs: cases.isEmpty ? ["-"] : cases, stdin: stdin, emit: emit)
        return ToolOutput(stderr: batch.stderr, exitCode: batch.exitCode)
    }

    /// Runs it; `stdin` supplies standard input when a case is `-`.
    public func run(stdin: () -> [UInt8] = { [] }) -> ToolOutput {
        if format == .jsonl {
            var collected: [UInt8] = []
            var output = runBatch(stdin: { .bytes(stdin()) }, emit: { collected.append(contentsOf: $0) })
            output.stdout = String(decoding: collected, as: UTF8.self)
            return output
        }
        return run(readStdin: {
            let bytes = stdin()
            guard bytes.count > YAMLLimits.default.maxInputBytes else { return .bytes(bytes) }
            return .tooLarge(YAMLLoader().sizeLimitError(byteCount: bytes.count, file: "<stdin>"))
        })
    }

    /// Reads standard input for a single case as a case file is read: up to the size limit, a failed read
    /// (a directory, a closed descriptor) unreadable.
    package static func readStandardInput() -> BoundedFileReader.Outcome {
        BoundedFileReader.read(descriptor: STDIN_FILENO, name: "<stdin>")
    }

    /// Runs it; `readStdin` reads standard input (at most once) when a case is `-`.
    package func run(readStdin: () -> BoundedFileReader.Outcome) -> ToolOutput {
        if format == .jsonl { return run(stdin: { if case .bytes(let bytes) = readStdin() { bytes } else { [] } }) }
        var output = ToolOutput()
        let ruleset: CompiledRuleset
        let evaluator: RulesetEvaluator
        let options: RulesetEvaluator.Options
        switch prepare() {
        case .success(let prepared):
            (ruleset, evaluator, options) = (prepared.ruleset, prepared.evaluator, prepared.options)
        case .failure(let failure): return failure.output
        }
        let inputs = cases.isEmpty ? ["-"] : cases
        // The full JSON results are written with each rule's reason pieces prepared once (the same bytes).
        let jsonWriter = format == .json ? ResultJSONWriter(evaluator: evaluator) : nil
        var results: [String] = []
        var invalid = false
        /// An invalid case: its diagnostics on standard error and, in JSON, an entry `{"source", "errors"}` in its
        /// place, so that the output has one entry per case file (an object for one, an array for several).
        func reject(
            _ name: String, _ diagnostics: [Diagnostic], sources: SourceStore = SourceStore(), message: String? = nil
        ) {
            // An unreadable file has its one message; an invalid case its diagnostics and a last word.
            output.stderr +=
                message ?? DiagnosticRenderer(sources: sources, colored: colored).render(diagnostics)
                + "error: case '\(name)' is invalid; it was not evaluated\n"
            invalid = true
            if format == .json {
                results.append(
                    "{\"source\":\(DiagnosticJSON.quote(name)),\"errors\":\(DiagnosticJSON.encode(diagnostics))}")
            }
        }
        for path in inputs {
            let name = path == "-" ? "<stdin>" : path
            let bytes: [UInt8]
            switch path == "-" ? readStdin() : BoundedFileReader.read(path: path) {
            case .bytes(let read): bytes = read
            case .tooLarge(let error):
                reject(name, [error])
                continue
            case .unreadable(let reason):
                let message =
                    path == "-" ? "cannot read standard input: \(reason)" : "cannot read case file '\(path)': \(reason)"
                reject(
                    name, [Diagnostic.error(CaseDiagnosticCode.unreadableFile, message, at: nil)],
                    message: "error: \(message)\n")
                continue
            }
            let decoded = CaseDecoder(ruleset: ruleset).decode(bytes: bytes, file: name)
            guard let input = decoded.input else {
                var store = SourceStore()
                if let text = String(validating: bytes, as: UTF8.self) { store.add(file: name, text: text) }
                reject(name, decoded.diagnostics, sources: store)
                continue
            }
            // Without a decision to record, JSON is written straight from the record (the same bytes as below).
            if let jsonWriter, recordDecision == nil {
                results.append(jsonWriter.encode(input, options: options))
                continue
            }
            let result = evaluator.evaluate(input, options: options)
            if let recordDecision, let failure = recordDecision(ruleset, input, result) {
                output.stderr += "error: \(failure)\n"
                invalid = true
                break
            }
            switch format {
            case .json: results.append(ResultJSON.encode(result))
            case .markdown:
                results.append(
                    ResultText(style: .markdown, fullNotes: fullNotes, brief: brief, perRule: explainAll).render(
                        result, title: ruleset.manifest.title))
            default:
                results.append(
                    ResultText(style: .text(colored: colored), fullNotes: fullNotes, brief: brief, perRule: explainAll)
                        .render(result, title: ruleset.manifest.title))
            }
        }
        switch format {
        case .json:
            output.stdout =
                (inputs.count == 1 ? results.first ?? "" : "[" + results.joined(separator: ",\n") + "]") + "\n"
        case .markdown: output.stdout = results.joined(separator: "\n---\n\n")
        default: output.stdout = results.joined(separator: "\n")
        }
        output.exitCode = invalid ? ToolOutput.failure : ToolOutput.success
        return output
    }
}

/// A command's output when it stops early (an error result).
struct ToolOutputFailure: Error {
    let output: ToolOutput
    init(_ output: ToolOutput) { self.output = output }
}
