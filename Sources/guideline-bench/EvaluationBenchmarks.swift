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
