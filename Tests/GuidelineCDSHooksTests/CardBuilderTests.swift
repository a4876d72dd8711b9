import Foundation
import GuidelineCompiler
import GuidelineEngine
import Testing

@testable import GuidelineCDSHooks

/// Cards from the presentation model: one per action, bounded summaries, Markdown details, deterministic ids.
@Suite struct CardBuilderTests {
    static let hookInstance = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"

    /// The fixture evaluated with `facts` (JSON case text of the facts object).
    static func result(_ facts: String, ruleset: CompiledRuleset = CDSFixture.ruleset) throws -> EvaluationResult {
        let outcome = CaseDecoder(ruleset: ruleset).decode(text: "{\"facts\": \(facts)}", file: "test.json")
        let input = try #require(outcome.input, "\(outcome.diagnostics.map(\.message))")
        return RulesetEvaluator(ruleset: ruleset).evaluate(input)
    }

    static func cards(_ facts: String) throws -> [JSONValue] {
        CardBuilder(ruleset: CDSFixture.ruleset).cards(for: try result(facts), hookInstance: hookInstance)
    }

    @Test("one card per action, not per rule: the contraindication leads, the caution is folded into its detail")
    func onePerAction() throws {
        let cards = try Self.cards(
            #"{"labs.platelets": "30000 /uL", "spine.pain": "mechanical", "spine.stabilized": false, "patient.hypertension": false}"#
        )
        #expect(cards.count == 1)
        let card = try #require(cards.first)
        #expect(card["summary"]?.string == "No physical therapy until the spine is stabilised")
        #expect(card["indicator"]?.string == "critical")
        let detail = try #require(card["detail"]?.string)
        #expect(detail.contains("Because `spine.pain (mechanical) == mechanical`"))
        #expect(
            detail.contains(
                "Overridden by a more restrictive recommendation:\n- caution: Platelet count 30000 /uL is below 50,000/uL"
            ))
        #expect(
            detail.contains("section \"Contraindications and Precautions\": \"platelet count \\<50,000/μL\""),
            "markup escaped")
        #expect(!detail.contains("Also:"))
        #expect(
            card["source"]?["label"]?.string
                == "A novel classification system for spinal instability in neoplastic disease")
        #expect(card["source"]?["url"]?.string == "https://doi.org/10.1097/BRS.0b013e3181e16ae2")
        #expect(card["source"]?["topic"]?["code"]?.string == "cds-demo")
        #expect(card["source"]?["topic"]?["display"]?.string == "CDS demo")
    }

    @Test("without a declared summary the card says the kind, urgency and action title")
    func derivedSummary() throws {
        let cards = try Self.cards(
            #"{"labs.platelets": "30000 /uL", "spine.pain": "none", "patient.hypertension": true}"#)
        #expect(
            cards.compactMap { $0["summary"]?.string } == [
                "Caution: Physical therapy", "Recommended: Blood pressure review",
            ])
        #expect(cards.compactMap { $0["indicator"]?.string } == ["warning", "info"])
        #expect(cards[0]["source"]?["url"]?.string == "https://example.org/seed-002")
    }

    @Test("the indicator: critical for contraindicated or immediate, warning for caution or urgent, info otherwise")
    func indicators() {
        #expect(CardBuilder.indicator(kind: .contraindicated, urgency: nil) == "critical")
        #expect(CardBuilder.indicator(kind: .recommended, urgency: .immediate) == "critical")
        #expect(CardBuilder.indicator(kind: .caution, urgency: .routine) == "warning")
        #expect(CardBuilder.indicator(kind: .recommended, urgency: .urgent) == "warning")
        #expect(CardBuilder.indicator(kind: .consider, urgency: .soon) == "info")
    }

    @Test("the uuid is a version 5 UUID of hook call, rule, action and fingerprint: the same call gives the same id")
    func uuid() throws {
        let builder = CardBuilder(ruleset: CDSFixture.ruleset)
        let a = builder.uuid(hookInstance: "h1", rule: "r", action: "a")
        #expect(a == builder.uuid(hookInstance: "h1", rule: "r", action: "a"))
        #expect(a != builder.uuid(hookInstance: "h2", rule: "r", action: "a"))
        #expect(a != builder.uuid(hookInstance: "h1", rule: "r", action: "b"))
        #expect(a.count == 36 && Array(a)[14] == "5" && "89ab".contains(Array(a)[19]))
        #expect(
            NameBasedUUID.uuid("https://example.org/") == "527dda32-a0de-5105-a042-cb475b5f7d11",
            "Python's uuid.uuid5(NAMESPACE_URL, ...) gives this")
        let first = try Self.cards(#"{"labs.platelets": "30000 /uL"}"#)
        let second = try Self.cards(#"{"labs.platelets": "30000 /uL"}"#)
        #expect(first.first?["uuid"]?.string == second.first?["uuid"]?.string)
    }

    @Test("a missing fact that could decide a contraindication adds the card 'record these facts'")
    func recordCard() throws {
        let cards = try Self.cards(#"{"labs.platelets": "250000 /uL", "patient.hypertension": false}"#)
        let record = try #require(cards.last)
        #expect(record["summary"]?.string == "Record 1 fact to decide more: a contraindication may depend on it")
        #expect(
            record["detail"]?.string?.contains(
                "**spine.pain**: pain character. Would decide: physical-therapy contraindicated") == true)
        #expect(record["indicator"]?.string == "warning")
        let none = try Self.cards(
            #"{"labs.platelets": "250000 /uL", "spine.pain": "none", "patient.hypertension": false}"#)
        #expect(none.isEmpty)
        #expect(
            CardBuilder(ruleset: CDSFixture.ruleset).response(
                for: try Self.result(
                    #"{"spine.pain": "none", "labs.platelets": "250000 /uL", "patient.hypertension": false}"#),
                hookInstance: "h"
            ).jsonText == #"{"cards":[]}"#)
    }

    @Test("an exception not recorded is marked in the detail, and its fact is to be recorded")
    func unlessNotRecorded() throws {
        let cards = try Self.cards(#"{"spine.pain": "mechanical"}"#)
        #expect(
            cards.first?["detail"]?.string?.contains(
                "**Holds unless `spine.stabilized` (not recorded)**; record spine.stabilized to decide") == true)
        #expect(cards.last?["detail"]?.string?.contains("**spine.stabilized**") == true)
        #expect(cards.last?["detail"]?.string?.contains("no FHIR binding") == true)
    }

    @Test("a summary of 140 characters or more is cut at a word, under the limit")
    func bounded() {
        let long = String(repeating: "word ", count: 40)
        let cut = CardBuilder.bounded(long)
        #expect(cut.count < CardSummary.limit && cut.hasSuffix("…"))
        #expect(CardBuilder.bounded("short") == "short")
    }
}
