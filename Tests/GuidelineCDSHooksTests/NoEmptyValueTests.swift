import Foundation
import GuidelineCompiler
import GuidelineEngine
import Testing

@testable import GuidelineCDSHooks

/// CDS Hooks: "elements SHALL NOT be null or empty": no `null`, `""`, `[]` or `{}` in any response except
/// `{"cards": []}`. Walks every response the library makes for the bundled guideline's example cases and its
/// test cases, the fixture, discovery, and the OperationOutcomes.
@Suite struct NoEmptyValueTests {
    /// The cases of the bundled guideline: its examples and the facts of every test case.
    static func bundledCases() throws -> [CaseInput] {
        let ruleset = CDSFixture.bundled
        let decoder = CaseDecoder(ruleset: ruleset)
        let directory = repositoryRoot.appendingPathComponent("Rules/spine-metastases")
        var inputs: [CaseInput] = []
        for name in try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("examples").path
        ).sorted() {
            let outcome = decoder.decode(
                bytes: Array(try Data(contentsOf: directory.appendingPathComponent("examples/\(name)"))), file: name)
            inputs.append(try #require(outcome.input, "\(name): \(outcome.diagnostics.map(\.message))"))
        }
        inputs.append(
            CaseInput(id: nil, facts: Array(repeating: .unknown, count: ruleset.facts.count), origin: "empty"))
        return inputs
    }

    @Test("no response made for the bundled guideline holds null or an empty string, list or object")
    func bundledResponses() throws {
        let ruleset = CDSFixture.bundled
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let builder = CardBuilder(ruleset: ruleset)
        var checked = 0
        var cards = 0
        for input in try Self.bundledCases() {
            let response = builder.response(
                for: evaluator.evaluate(input), hookInstance: "3a5b2a2e-8a6f-4bde-9d1e-2b0cf8f0a111")
            let list = try #require(response["cards"]?.array)
            cards += list.count
            #expect(list.isEmpty || emptyPlaces(in: response).isEmpty, "\(input.origin): \(emptyPlaces(in: response))")
            for card in list {
                #expect(
                    (card["summary"]?.string?.count ?? 999) < 140, "\(input.origin): \(card["summary"]?.string ?? "")")
                #expect(["info", "warning", "critical"].contains(card["indicator"]?.string ?? ""))
                #expect(card["source"]?["label"]?.string?.isEmpty == false)
            }
            checked += 1
        }
        #expect(checked >= 6 && cards >= 20, "the examples gave cards")
        let discovery = CDSService.discovery(CDSService.services(for: [ruleset, CDSFixture.ruleset]))
        #expect(emptyPlaces(in: discovery).isEmpty, "\(emptyPlaces(in: discovery))")
    }

    @Test("every summary of the bundled guideline's recommendations, declared or derived, is under 140 characters")
    func everySummary() {
        for rule in CDSFixture.bundled.rules {
            for recommendation in rule.recommendations {
                let declaration = recommendation.declaration
                let text = CardSummary.text(
                    declared: declaration.summary, kind: declaration.kind, urgency: declaration.urgency,
                    actionTitle: recommendation.action.title)
                #expect(text.count < CardSummary.limit, "\(rule.id): \(text)")
            }
        }
    }

    @Test("responses made from prefetch data hold nothing empty either, nor do the OperationOutcomes")
    func prefetchResponses() throws {
        let mapper = PrefetchMapper(ruleset: CDSFixture.ruleset)
        let variants: [[String: String]] = [
            [:],
            ["observation-777-3": "null", "condition-38341003": "null", "questionnaire-responses": "null"],
            [
                "observation-777-3": bundle([observation(id: "o", value: "30000")]),
                "questionnaire-responses": bundle([questionnaireResponse(id: "q", code: "mechanical")]),
            ],
            ["condition-38341003": bundle([condition(id: "c", clinical: "active", verification: "confirmed")])],
        ]
        for variant in variants {
            let facts = mapper.facts(from: try prefetch(variant), caseID: "h")
            #expect(emptyPlaces(in: facts.operationOutcome).isEmpty)
            let response = CardBuilder(ruleset: CDSFixture.ruleset).response(
                for: RulesetEvaluatorHarness.evaluate(facts), hookInstance: "h")
            #expect(
                (response["cards"]?.array ?? []).isEmpty || emptyPlaces(in: response).isEmpty,
                "\(emptyPlaces(in: response))")
        }
        #expect(emptyPlaces(in: CDSRequestError.invalid("x").operationOutcome).isEmpty)
        #expect(emptyPlaces(in: OperationOutcome.resource([])).isEmpty)
    }

    @Test("the walker finds each kind of empty value")
    func walker() throws {
        #expect(
            emptyPlaces(
                in: try json(#"{"a": null, "b": "", "c": [], "d": {}, "e": [1, {"f": ""}], "g": 0, "h": false}"#)) == [
                    "$.a", "$.b", "$.c", "$.d", "$.e[1].f",
                ])
    }
}
