import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineTool

// guideline-bench: measures loading, single evaluation (with explanations) and JSONL batch throughput on a
// ruleset (default: the bundled one), and how they grow on synthetic rulesets. `--help` (BenchArguments) says how.

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(code)
}
let parsed: BenchArguments
do {
    parsed = try BenchArguments(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data(BenchArguments.usage.utf8))
    fail(error.message, code: 64)
}
if parsed.help {
    print(BenchArguments.usage, terminator: "")
    exit(0)
}
func option(_ name: String) -> String? { parsed.value(name) }
let rulesDirectory = option("--rules") ?? "Rules/spine-metastases"
let seed = UInt64(option("--seed") ?? "") ?? 42
let caseCount = Int(option("--cases") ?? "") ?? 20_000

if let scales = option("--scale") {
    let sizes = scales.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
    guard !sizes.isEmpty else { fail("--scale takes sizes such as 10 or 1,10,100") }
    if option("--out") != nil, sizes.count != 1 { fail("--out takes a single --scale") }
    exit(ScalingReport(scales: sizes, seed: seed, cases: caseCount, output: option("--out")).run() ? 0 : 1)
}

let loaded = RulesetLoader().load(directory: rulesDirectory)
guard let ruleset = loaded.ruleset else { fail("the ruleset '\(rulesDirectory)' does not compile") }
var generator = CaseGenerator(ruleset: ruleset, seed: seed)

if let count = option("--audit").flatMap(Int.init) {
    let batch = Int(option("--audit-batch") ?? "") ?? 1000
    exit(AuditBenchmark(ruleset: ruleset, records: count, batch: batch, store: option("--audit-store")).run(&generator))
}

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
    print(
        String(
            format: "%-44@ median %9.2f %@   p10 %9.2f   p90 %9.2f   p99 %9.2f   (n=%d)",
            label as NSString, at(0.5), unit as NSString, at(0.1), at(0.9), at(0.99), sorted.count))
}

// Loading: read, parse through libyaml, check, compile.
var loads = Samples(unit: "ms")
var loadsCPU = Samples(unit: "ms")
for _ in 0..<(Int(option("--loads") ?? "") ?? 200) {
    _ = loadsCPU.cpuTime { loads.time { RulesetLoader().load(directory: rulesDirectory) } }
}
print(loads.line("load ruleset (read, parse, check, compile)"))
print(loadsCPU.line("  the same, CPU time of the loading thread"))
if parsed.has("--load-only") { exit(0) }

// Single evaluations, in process.
let lines = (0..<caseCount).map { generator.jsonLine(id: $0) }
let decoder = CaseDecoder(ruleset: ruleset)
let inputs = lines.compactMap { decoder.decode(text: $0, file: "bench.jsonl").input }
let evaluator = RulesetEvaluator(ruleset: ruleset)
if let rounds = option("--profile-record").flatMap(Int.init) {
    // For profilers: only the recording loop, `rounds` times over the cases.
    let tracing: Tracing = parsed.has("--untraced") ? .none : .allRules
    print("fired \(EvaluationBenchmarks.profile(evaluator, inputs, rounds: rounds, tracing: tracing))")
    exit(0)
}
if let rounds = option("--profile-json").flatMap(Int.init) {
    // For profilers: only the case-to-full-JSON loop, `rounds` times over the cases.
    let reader = JSONCaseReader(ruleset: ruleset)
    let bytes = lines.map { Array($0.utf8) }
    let written = EvaluationBenchmarks.fullJSON(ResultJSONWriter(evaluator: evaluator), reader, bytes, rounds: rounds)
    print("bytes \(written.bytes)")
    exit(0)
}
// One case to its full JSON result, as the server answers `POST /v1/rulesets/{id}/evaluate`, after checking
// that the writer gives the bytes of the evaluator's full result on every case (plain and explaining all).
let jsonWriter = ResultJSONWriter(evaluator: evaluator)
let jsonLines = lines.prefix(2000).map { Array($0.utf8) }
for options in [RulesetEvaluator.Options(), RulesetEvaluator.Options(explainAll: true, whyNot: [])] {
    if let index = EvaluationBenchmarks.firstDifference(
        jsonWriter, JSONCaseReader(ruleset: ruleset), jsonLines, options: options)
    {
        fail("case \(index): the full JSON result differs from ResultJSON.encode of the evaluated result")
    }
}
let fullJSON = EvaluationBenchmarks.fullJSON(jsonWriter, JSONCaseReader(ruleset: ruleset), jsonLines)
summary("one case to full JSON (read+evaluate+write)", fullJSON.total)
summary("  read the JSON case", fullJSON.read)
summary("  record (values, traces)", fullJSON.record)
summary("  render the result (reasons, trees, ...)", fullJSON.render)
summary("  write the JSON text", fullJSON.write)
print("  \(fullJSON.bytes / max(1, fullJSON.total.count)) bytes per result")
if parsed.has("--json-only") { exit(0) }
summary(
    "evaluate one case, explanation recorded", EvaluationBenchmarks.recording(evaluator, inputs, tracing: .allRules))
summary("evaluate one case, no explanation", EvaluationBenchmarks.recording(evaluator, inputs, tracing: .none))
summary("evaluate and render the full result", EvaluationBenchmarks.rendering(evaluator, inputs.prefix(2000)))

// JSONL batch: decoding, evaluation and writing, as the command does it (output counted, not kept).
let batch = Array((lines.joined(separator: "\n") + "\n").utf8)
for jobs in [1, 2] {
    let run = EvaluationBenchmarks.batch(rules: rulesDirectory, input: batch, jobs: jobs)
    print(
        String(
            format: "%-44@ %9.0f cases/s (%d cases, %.2f s, %.0f bytes per line, exit %d)",
            "jsonl batch, \(jobs) thread\(jobs == 1 ? "" : "s") (incl. load)" as NSString,
            Double(lines.count) / run.seconds, lines.count, run.seconds, Double(run.bytes) / Double(lines.count),
            run.exitCode))
}
