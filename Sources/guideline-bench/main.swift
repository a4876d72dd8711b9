import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineTool

// guideline-bench: measures loading, single evaluation (with and without explanations) and JSONL batch
// throughput on the bundled ruleset. Usage:
//   swift run -c release guideline-bench [--rules DIR] [--cases N] [--seed S]
//   swift run -c release guideline-bench --generate N [--seed S] > cases.jsonl

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let rulesDirectory = option("--rules") ?? "Rules/spine-metastases"
let seed = UInt64(option("--seed") ?? "") ?? 42
let caseCount = Int(option("--cases") ?? "") ?? 20_000

let loaded = RulesetLoader().load(directory: rulesDirectory)
guard let ruleset = loaded.ruleset else {
    FileHandle.standardError.write(Data("error: the ruleset '\(rulesDirectory)' does not compile\n".utf8))
    exit(1)
}
var generator = CaseGenerator(ruleset: ruleset, seed: seed)

if let count = option("--generate").flatMap(Int.init) {
    var out = ""
    out.reserveCapacity(count * 700)
    for id in 0..<count { out += generator.jsonLine(id: id) + "\n" }
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(0)
}

func microseconds(_ duration: Duration) -> Double { EvaluationBenchmarks.microseconds(duration) }

func summary(_ label: String, _ samples: [Double], unit: String = "us") {
    let sorted = samples.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    print(String(format: "%-44@ median %9.2f %@   p10 %9.2f   p90 %9.2f   p99 %9.2f   (n=%d)",
                 label as NSString, at(0.5), unit as NSString, at(0.1), at(0.9), at(0.99), sorted.count))
}

let clock = ContinuousClock()
// Loading: read, parse through libyaml, check, compile.
let loadCount = Int(option("--loads") ?? "") ?? 20
var loads: [Double] = []
for _ in 0..<loadCount {
    let start = clock.now
    _ = RulesetLoader().load(directory: rulesDirectory)
    loads.append(microseconds(clock.now - start) / 1000)
}
summary("load ruleset (read, parse, check, compile)", loads, unit: "ms")
if arguments.contains("--load-only") { exit(0) }

// Single evaluations, in process.
let lines = (0..<caseCount).map { generator.jsonLine(id: $0) }
let decoder = CaseDecoder(ruleset: ruleset)
let inputs = lines.compactMap { decoder.decode(text: $0, file: "bench.jsonl").input }
let evaluator = RulesetEvaluator(ruleset: ruleset)
if let rounds = option("--profile-record").flatMap(Int.init) {
    // For profilers: only the recording loop, `rounds` times over the cases.
    print("fired \(EvaluationBenchmarks.profile(evaluator, inputs, rounds: rounds))")
    exit(0)
}
summary("evaluate one case, explanation recorded", EvaluationBenchmarks.recording(evaluator, inputs, tracing: true))
summary("evaluate one case, no explanation", EvaluationBenchmarks.recording(evaluator, inputs, tracing: false))
summary("evaluate and render the full result", EvaluationBenchmarks.rendering(evaluator, inputs.prefix(2000)))

// JSONL batch: decoding, evaluation and writing, as the command does it (output counted, not kept).
let batch = Array((lines.joined(separator: "\n") + "\n").utf8)
for jobs in [1, 2] {
    let run = EvaluationBenchmarks.batch(rules: rulesDirectory, input: batch, jobs: jobs)
    print(String(format: "%-44@ %9.0f cases/s (%d cases, %.2f s, %.0f bytes per line, exit %d)",
                 "jsonl batch, \(jobs) thread\(jobs == 1 ? "" : "s") (incl. load)" as NSString,
                 Double(lines.count) / run.seconds, lines.count, run.seconds, Double(run.bytes) / Double(lines.count), run.exitCode))
}
