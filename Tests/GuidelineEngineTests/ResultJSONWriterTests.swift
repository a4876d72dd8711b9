import Foundation
import GuidelineCompiler
import GuidelineEngine
import Testing

/// The full JSON writer (reasons written from the trace, citations prepared once) gives the bytes of
/// `ResultJSON.encode` of the evaluator's full result, for every bundled example and test case, plain, explaining
/// every rule and asking why not about named rules.
@Suite struct ResultJSONWriterTests {
    @Test func writesTheBytesOfTheFullResult() throws {
        let (evaluator, inputs) = try ResultSummaryTests.inputs()
        let writer = ResultJSONWriter(evaluator: evaluator)
        let rules = evaluator.ruleset.rules.map(\.id)
        let variants = [
            RulesetEvaluator.Options(),
            RulesetEvaluator.Options(explainAll: true),
            RulesetEvaluator.Options(whyNot: Set(rules.prefix(3))),
        ]
        #expect(!inputs.isEmpty)
        for (name, input) in inputs {
            for options in variants {
                let expected = ResultJSON.encode(evaluator.evaluate(input, options: options))
                #expect(writer.encode(input, options: options) == expected, "\(name)")
                let bytes = writer.bytes(input, options: options, newline: true)
                #expect(bytes == Array((expected + "\n").utf8), "\(name)")
            }
        }
    }
}
