import GuidelineExpression

/// Writes full JSON results (`guideline evaluate --format json`, the server's `evaluate`) with every rule's
/// reason pieces prepared once per ruleset.
///
/// The bytes are those of `ResultJSON.encode(evaluator.evaluate(input, options: options))`, but the reasons
/// (readable line and explanation tree) are written straight from the record's trace, so no `ExplanationNode`
/// tree or reason text is built. Stateless and `Sendable`: one writer serves any number of threads.
package struct ResultJSONWriter: Sendable {
    /// The evaluator whose results it writes.
    package let evaluator: RulesetEvaluator
    private let pieces: ReasonPieces

    /// Prepares a writer for `evaluator`'s ruleset.
    package init(evaluator: RulesetEvaluator) {
        self.evaluator = evaluator
        pieces = ReasonPieces(plan: evaluator.plan)
    }

    /// The full JSON result of `input`, pretty-printed, without a final newline.
    package func encode(_ input: CaseInput, options: RulesetEvaluator.Options = .init()) -> String {
        let record = evaluator.record(input)
        return encode(result(of: record, options: options), of: record)
    }

    /// The same as UTF-8 bytes, with a final newline when `newline` (what the server sends): no string is made,
    /// so the bytes are not checked again as UTF-8 (a third of the cost of a typical result as a string).
    package func bytes(
        _ input: CaseInput, options: RulesetEvaluator.Options = .init(), newline: Bool = false
    ) -> [UInt8] {
        let record = evaluator.record(input)
        return bytes(result(of: record, options: options), of: record, newline: newline)
    }

    /// The result of `record` with its reasons left to the writer (see `encode(_:of:)`).
    package func result(of record: EvaluationRecord, options: RulesetEvaluator.Options = .init()) -> EvaluationResult {
        ResultRenderer(plan: evaluator.plan, options: options, defersReasons: true).render(record)
    }

    /// The JSON text of `result`, made by `result(of:options:)` from `record`.
    package func encode(_ result: EvaluationResult, of record: EvaluationRecord) -> String {
        write(result, of: record).output
    }

    /// The JSON of `result`, made by `result(of:options:)` from `record`, as UTF-8 bytes (and a newline).
    package func bytes(_ result: EvaluationResult, of record: EvaluationRecord, newline: Bool = false) -> [UInt8] {
        let writer = write(result, of: record)
        if newline { writer.buffer.append(UInt8(ascii: "\n")) }
        return writer.buffer.array
    }

    private func write(_ result: EvaluationResult, of record: EvaluationRecord) -> JSONWriter {
        var writer = JSONWriter(pretty: true, capacity: 1 << 17)
        record.trace.withUnsafeBufferPointer { trace in
            ResultJSON.write(result, into: &writer, reasons: .init(pieces: pieces, trace: trace))
        }
        return writer
    }
}
