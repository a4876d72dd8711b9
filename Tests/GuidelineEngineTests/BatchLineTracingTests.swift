import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression
import Testing

/// Batch lines are written from records traced only where rules are undetermined; they must be the lines a fully
/// traced record gives, even when the record is reused and its other trace regions hold an earlier case's values,
/// and what they say is missing (needs, because lines) is what the full result says.
@Suite struct BatchLineTracingTests {
    @Test(arguments: [4, 5] as [UInt64])
    func linesFromPartlyTracedReusedRecordsEqualFullyTracedOnes(seed: UInt64) throws {
        let bundled = RulesetEvaluator(ruleset: try loadRuleset(directory: bundledRulesetPath))
        let failing = RulesetEvaluator(
            ruleset: try makeRuleset(RecordReuseTests.failingRules, actions: (1...4).map { "act-\($0)" }))
        var lines = 0
        var undeterminedLines = 0
        for evaluator in [bundled, failing] {
            let options = RulesetEvaluator.Options(explainAll: true)  // also the because lines of rules that did not fire
            let writer = BatchLineWriter(evaluator: evaluator, options: options)
            var reused = EvaluationRecord()
            var scratch = BatchLineWriter.Scratch()
            for (number, input) in RecordReuseTests.cases(evaluator.ruleset, count: 250, seed: seed).enumerated() {
                let full = evaluator.record(input)
                let expected = ByteBuffer(capacity: 1024)
                var fullScratch = BatchLineWriter.Scratch()
                writer.write(full, line: number + 1, into: expected, scratch: &fullScratch)
                evaluator.record(input, into: &reused, tracing: .evaluatedRules)
                let written = ByteBuffer(capacity: 1024)
                writer.write(reused, line: number + 1, into: written, scratch: &scratch)
                #expect(
                    String(decoding: written.array, as: UTF8.self) == String(decoding: expected.array, as: UTF8.self),
                    "seed \(seed) case \(number)")
                // What the line says is missing is what the full result says (computed there from the trees).
                let object = try #require(try JSONSerialization.jsonObject(with: Data(written.array)) as? [String: Any])
                let result = evaluator.result(of: full, options: options)
                #expect(object["needs"] as? [String] == result.needs, "seed \(seed) case \(number)")
                let undetermined = object["undetermined"] as? [[String: Any]] ?? []
                #expect(
                    undetermined.map { $0["rule"] as? String ?? "" } == result.undetermined.map(\.rule.id),
                    "seed \(seed) case \(number)")
                #expect(
                    undetermined.map { $0["needs"] as? [String] ?? [] } == result.undetermined.map(\.needs),
                    "seed \(seed) case \(number)")
                #expect(
                    undetermined.map { $0["because"] as? String ?? "" } == result.undetermined.map(\.because.text),
                    "seed \(seed) case \(number)")
                // The line's summary is the full result's, lead by lead and in the same order.
                let summary = object["summary"] as? [[String: Any]] ?? []
                let expectedSummary = ResultSummary(result).lines
                #expect(
                    summary.map { $0["rule"] as? String ?? "" }
                        == expectedSummary.map { result.recommendations[$0.lead].rule.id },
                    "seed \(seed) case \(number)")
                #expect(
                    summary.map { $0["unlessNotRecorded"] as? Bool ?? false }
                        == expectedSummary.map(\.unlessNotRecorded), "seed \(seed) case \(number)")
                #expect(
                    summary.map { $0["provisional"] as? Bool ?? false } == expectedSummary.map(\.provisional),
                    "seed \(seed) case \(number)")
                lines += 1
                if full.outcomes.contains(.undetermined) { undeterminedLines += 1 }
            }
        }
        // Both kinds of case occurred: with rules left undetermined (traced) and without.
        #expect(undeterminedLines > 0 && undeterminedLines < lines)
    }
}
