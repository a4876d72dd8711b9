import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// Measures loading and evaluation on synthetic rulesets of several sizes (`guideline-bench --scale`):
/// each is written as YAML files into a temporary directory and loaded through `RulesetLoader`, like any
/// ruleset; the cases are generated in its vocabulary.
struct ScalingReport {
    /// The sizes, in units of the bundled guideline.
    var scales: [Int]
    var seed: UInt64
    /// Cases evaluated at scale 1; larger scales evaluate proportionally fewer (at least 100).
    var cases: Int
    /// Where to write (and keep) the ruleset of a single scale; nil: a temporary directory, removed after.
    var output: String?

    /// Runs every scale and prints a Markdown table; false when a synthetic ruleset did not compile.
    func run() -> Bool {
        print(
            "| scale | facts | rules | YAML | load (median) | load per rule | one case (median) | one case (p99) | per rule |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for scale in scales {
            guard let row = measure(scale: scale) else { return false }
            print(row)
        }
        return true
    }

    private func measure(scale: Int) -> String? {
        let directory =
            output
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("guideline-bench-\(scale)x-\(ProcessInfo.processInfo.processIdentifier)").path
        var generator = SyntheticRuleset(scale: scale, seed: seed)
        let files = generator.files()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files {
                try file.text.write(toFile: "\(directory)/\(file.path)", atomically: false, encoding: .utf8)
            }
        } catch {
            FileHandle.standardError.write(Data("error: cannot write '\(directory)': \(error)\n".utf8))
            return nil
        }
        defer { if output == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let loaded = RulesetLoader().load(directory: directory)
        guard let ruleset = loaded.ruleset else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }.prefix(20)
            let text = DiagnosticRenderer(sources: loaded.sources).render(Array(errors))
            FileHandle.standardError.write(
                Data("error: the synthetic ruleset (\(scale)x) does not compile\n\(text)".utf8))
            return nil
        }
        var loads = Samples(unit: "ms")
        for _ in 0..<max(5, 40 / scale) { _ = loads.time { RulesetLoader().load(directory: directory) } }

        var cases = CaseGenerator(ruleset: ruleset, seed: seed)
        let decoder = CaseDecoder(ruleset: ruleset)
        let inputs = (0..<max(100, self.cases / scale)).compactMap {
            decoder.decode(text: cases.jsonLine(id: $0), file: "bench.jsonl").input
        }
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        // As the single-case figure: the case evaluated with its explanation recorded.
        let evaluations = Samples(
            values: EvaluationBenchmarks.recording(evaluator, inputs, tracing: .allRules), unit: "us")
        let bytes = files.reduce(0) { $0 + $1.text.utf8.count }
        let rules = ruleset.rules.count
        return String(
            format: "| %dx | %d | %d | %.0f KB | %.1f ms | %.1f us | %.0f us | %.0f us | %.0f ns |",
            scale, ruleset.facts.count, rules, Double(bytes) / 1024, loads.median, loads.median * 1000 / Double(rules),
            evaluations.median, evaluations.quantile(0.99), evaluations.median * 1000 / Double(rules))
    }
}
