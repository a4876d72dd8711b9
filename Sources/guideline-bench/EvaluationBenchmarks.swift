import GuidelineEngine
import GuidelineTool

/// The in-process evaluation measurements, kept in functions so the timed loops touch no main-actor globals.
enum EvaluationBenchmarks {
    /// Microseconds spent recording each case (values, outcomes and the node values `tracing` asks for).
    static func recording(_ evaluator: RulesetEvaluator, _ inputs: [CaseInput], tracing: Tracing) -> [Double] {
        let clock = ContinuousClock()
        var record = EvaluationRecord()
        var samples: [Double] = []
        samples.reserveCapacity(inputs.count)
        var fired = 0
        for input in inputs {
            let start = clock.now
            evaluator.record(input, into: &record, tracing: tracing)
            samples.append(microseconds(clock.now - start))
            fired += record.outcomes.count { $0 == .fired }
        }
        if fired < 0 { print(fired) }
        return samples
    }

    /// Microseconds spent evaluating and rendering the full result (reasons, trees, citations) of each case.
    static func rendering(_ evaluator: RulesetEvaluator, _ inputs: some Sequence<CaseInput>) -> [Double] {
        let clock = ContinuousClock()
        var samples: [Double] = []
        for input in inputs {
            let start = clock.now
            let result = evaluator.evaluate(input)
            samples.append(microseconds(clock.now - start))
            if result.ruleset.id.isEmpty { print("") }
        }
        return samples
    }

    /// Per-case microseconds of each step from a JSON case to its full JSON result bytes, as the server's
    /// `POST /v1/rulesets/{id}/evaluate` runs them: reading the case, recording (values and traces), rendering
    /// the `EvaluationResult` (recommendations, citations, conflicts; reasons are written from the trace),
    /// writing its JSON, and the whole.
    struct FullJSON {
        var read: [Double] = []
        var record: [Double] = []
        var render: [Double] = []
        var write: [Double] = []
        var total: [Double] = []
        /// The bytes written, summed (so the work is not optimised away).
        var bytes = 0
    }

    /// Reads, evaluates and writes each case of `lines` (JSON objects) to its full JSON result, `rounds` times.
    static func fullJSON(
        _ writer: ResultJSONWriter, _ reader: JSONCaseReader, _ lines: [[UInt8]], rounds: Int = 1,
        options: RulesetEvaluator.Options = .init()
    ) -> FullJSON {
        let evaluator = writer.evaluator
        let clock = ContinuousClock()
        var out = FullJSON()
        for _ in 0..<rounds {
            for line in lines {
                let start = clock.now
                let input = line.withUnsafeBufferPointer { reader.read($0, origin: "bench") }
                guard let input else { continue }
                let read = clock.now
                let record = evaluator.record(input)
                let recorded = clock.now
                let result = writer.result(of: record, options: options)
                let rendered = clock.now
                let json = writer.bytes(result, of: record, newline: true)
                let end = clock.now
                out.bytes += json.count
                out.read.append(microseconds(read - start))
                out.record.append(microseconds(recorded - read))
                out.render.append(microseconds(rendered - recorded))
                out.write.append(microseconds(end - rendered))
                out.total.append(microseconds(end - start))
            }
        }
        return out
    }

    /// The first case of `lines` whose JSON from `writer` differs from `ResultJSON.encode` of the evaluator's
    /// full result, by position; nil when every one is the same.
    static func firstDifference(
        _ writer: ResultJSONWriter, _ reader: JSONCaseReader, _ lines: [[UInt8]], options: RulesetEvaluator.Options
    ) -> Int? {
        lines.indices.first { index in
            guard let input = lines[index].withUnsafeBufferPointer({ reader.read($0, origin: "bench") }) else {
                return false
            }
            let expected = ResultJSON.encode(writer.evaluator.evaluate(input, options: options))
            return writer.encode(input, options: options) != expected
                || writer.bytes(input, options: options, newline: true) != Array((expected + "\n").utf8)
        }
    }

    /// Records every case `rounds` times (with or without trace) and returns the number of rules fired (for profilers).
    static func profile(
        _ evaluator: RulesetEvaluator, _ inputs: [CaseInput], rounds: Int, tracing: Tracing = .allRules
    ) -> Int {
        var record = EvaluationRecord()
        var fired = 0
        for _ in 0..<rounds {
            for input in inputs {
                evaluator.record(input, into: &record, tracing: tracing)
                fired += record.outcomes.count { $0 == .fired }
            }
        }
        return fired
    }

    /// Runs a JSONL batch through the command's streaming path, counting the output bytes.
    static func batch(rules: String, input: [UInt8], jobs: Int) -> (seconds: Double, bytes: Int, exitCode: Int32) {
        var command = EvaluateCommand(rules: rules, format: .jsonl, cases: ["-"])
        command.jobs = jobs
        var bytes = 0
        let clock = ContinuousClock()
        let start = clock.now
        let output = command.runBatch(stdin: { .bytes(input) }, emit: { bytes += $0.count })
        return (microseconds(clock.now - start) / 1e6, bytes, output.exitCode)
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }
}
