import GuidelineCompiler
import GuidelineEngine

/// A JSONL batch over a ruleset already compiled: what `guideline evaluate --format jsonl` runs, for
/// embedders and the `jsonl` fuzz target (which must not compile the ruleset for every input).
public struct BatchSession: Sendable {
    private let ruleset: CompiledRuleset
    private let evaluator: RulesetEvaluator
    /// The writer and header line every run uses.
    private let writer: BatchLineWriter
    private let header: String
    /// The batch limits.
    public var limits: BatchLimits
    /// Threads evaluating (at least 1).
    public var workers: Int
    /// The bytes each output buffer of the batch starts with (they grow as needed): small for many short
    /// batches, as the fuzz target runs.
    public var shareCapacity = 1 << 18

    /// Prepares a batch over `ruleset`.
    package init(ruleset: CompiledRuleset, limits: BatchLimits = .default, workers: Int = 1) {
        self.ruleset = ruleset
        evaluator = RulesetEvaluator(ruleset: ruleset)
        writer = BatchLineWriter(evaluator: evaluator, options: RulesetEvaluator.Options())
        header = writer.header() + "\n"
        self.limits = limits
        self.workers = workers
    }

    /// Runs the batch over `reader` (named `<stdin>`), writing the header and result lines through `emit` (the
    /// bytes are valid only during the call); returns the exit code and any text for standard error.
    public func run(
        _ reader: ByteReader, emit: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> (exitCode: Int32, stderr: String) {
        var runner = BatchRunner(
            ruleset: ruleset, evaluator: evaluator, options: RulesetEvaluator.Options(), limits: limits,
            workers: workers)
        runner.prepared = (writer, header)
        runner.shareCapacity = shareCapacity
        return runner.run(inputs: ["-"], stdin: { reader }, emit: emit)
    }
}
