import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression
import Testing

/// A patient-safety property of the bundled guideline (issue 13): with confirmed cord compression that is not
/// recorded as treated (recorded untreated, or not recorded), no format ever shows physical therapy as anything
/// but contraindicated, and never the exercise programme, provisional or not.
@Suite struct CordCompressionSafetyTests {
    @Test(arguments: [11, 12] as [UInt64])
    func noExerciseProgrammeWithUntreatedCordCompression(seed: UInt64) throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let writer = BatchLineWriter(evaluator: evaluator)
        var scratch = BatchLineWriter.Scratch()
        let compression = try #require(ruleset.facts.firstIndex { $0.name == "neuro.cord_compression" })
        let treated = try #require(ruleset.facts.firstIndex { $0.name == "neuro.cord_compression_treated" })
        var notRecorded = 0
        for (number, generated) in RecordReuseTests.cases(ruleset, count: 300, seed: seed).enumerated() {
            var input = generated
            input.facts[compression] = .bool(true)
            input.facts[treated] = number % 2 == 0 ? .unknown : .bool(false)
            let result = evaluator.evaluate(input)
            let context = "seed \(seed) case \(number)"
            // The full result (JSON is written from it).
            let therapy = result.recommendations.filter { $0.action == "physical-therapy" }
            #expect(
                !therapy.isEmpty && therapy.allSatisfy { $0.kind == .contraindicated },
                "\(context): \(therapy.map(\.kind))")
            #expect(!result.recommendations.contains { $0.rule.id == "pt-stable-progressive-programme" }, "\(context)")
            if number % 2 == 0 {
                #expect(
                    therapy.contains {
                        $0.rule.id == "pt-contraindicated-cord-compression" && $0.holdsUnlessNotRecorded
                    }, "\(context)")
                notRecorded += 1
            }
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(ResultJSON.encode(result).utf8)) as? [String: Any])
            let standing = (json["recommendations"] as? [[String: Any]]) ?? []
            #expect(
                !standing.contains {
                    $0["action"] as? String == "physical-therapy" && $0["kind"] as? String != "contraindicated"
                }, "\(context)")
            // Text and Markdown: the programme's text is nowhere but among the overridden.
            for style in [ResultText.Style.text(colored: false), .markdown] {
                let text = ResultText(style: style).render(result)
                #expect(!text.contains("progressive exercise programme"), "\(context): \(style)")
                #expect(!text.contains("Physical therapy (exercise programme), provisionally"), "\(context)")
            }
            // The batch line.
            let out = ByteBuffer(capacity: 4096)
            writer.write(evaluator.record(input), line: number + 1, into: out, scratch: &scratch)
            let line = try #require(try JSONSerialization.jsonObject(with: Data(out.array)) as? [String: Any])
            let lineStanding = (line["recommendations"] as? [[String: Any]]) ?? []
            #expect(!lineStanding.contains { $0["rule"] as? String == "pt-stable-progressive-programme" }, "\(context)")
        }
        #expect(notRecorded > 0)
    }
}
