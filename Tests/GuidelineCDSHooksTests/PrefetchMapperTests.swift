import Testing

@testable import GuidelineCDSHooks

/// Prefetch resources to case facts: validated as a case file is, unknown (never false) without data.
@Suite struct PrefetchMapperTests {
    let mapper = PrefetchMapper(ruleset: CDSFixture.ruleset)

    /// The fact's value as text (`true`, `unknown`, `mechanical`, `45000 /uL`).
    func value(_ facts: PrefetchFacts, _ name: String) -> String {
        facts.input.facts[CDSFixture.ruleset.factSlot(name)!].description
    }

    func reason(_ facts: PrefetchFacts, _ name: String) -> PrefetchFacts.Missing.Reason? {
        facts.missing.first { $0.fact == name }?.reason
    }

    @Test("the newest final Observation gives the quantity; 10*3/uL reads as 10*9/L, the same magnitude")
    func observationQuantity() throws {
        let facts = mapper.facts(
            from: try prefetch([
                "observation-777-3": bundle([
                    observation(id: "old", value: "250", unit: "10*3/uL", date: "2026-01-01T00:00:00Z"),
                    observation(id: "new", value: "45", unit: "10*3/uL", date: "2026-11-01T00:00:00Z"),
                    observation(
                        id: "draft", value: "1", unit: "10*3/uL", date: "2026-12-01T00:00:00Z", status: "preliminary"),
                ])
            ]))
        #expect(facts.obtained.map(\.fact) == ["labs.platelets"] && facts.obtained.first?.source == "Observation/new")
        #expect(value(facts, "labs.platelets") == "45 10*9/L" || value(facts, "labs.platelets").hasPrefix("45"))
        let result = RulesetEvaluatorHarness.evaluate(facts)
        #expect(result.recommendations.contains { $0.rule.id == "pt-caution-low-platelets" })
    }

    @Test("a value the fact does not allow is rejected with the case decoder's diagnostic, and the others are kept")
    func rejectedValue() throws {
        let facts = mapper.facts(
            from: try prefetch([
                "observation-777-3": bundle([observation(id: "o", value: "9000000")]),
                "questionnaire-responses": bundle([questionnaireResponse(id: "q", code: "severe")]),
                "condition-38341003": bundle([condition(id: "c", clinical: "active", verification: "confirmed")]),
            ]))
        guard case .rejected(let range)? = reason(facts, "labs.platelets") else {
            Issue.record("\(facts.missing)"); return
        }
        #expect(range.map(\.code) == ["case.out-of-range"])
        guard case .rejected(let word)? = reason(facts, "spine.pain") else { Issue.record("\(facts.missing)"); return }
        #expect(word.map(\.code) == ["case.unknown-enum-value"])
        #expect(facts.obtained.map(\.fact) == ["patient.hypertension"])
        #expect(value(facts, "patient.hypertension") == "true")
        #expect(value(facts, "labs.platelets") == "unknown")
    }

    @Test(
        "a null key is no data, an absent key a template not satisfied, an OperationOutcome a failed fetch: all unknown"
    )
    func absentNullFailed() throws {
        let facts = mapper.facts(
            from: try prefetch([
                "observation-777-3": "null",
                "condition-38341003":
                    #"{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "timeout"}]}"#,
            ]))
        #expect(facts.nothingObtained)
        #expect(facts.unsatisfied.map(\.key) == ["questionnaire-responses"])
        #expect(reason(facts, "spine.pain") == .notSent)
        #expect(reason(facts, "patient.hypertension") == .fetchFailed)
        if case .noData? = reason(facts, "labs.platelets") {} else { Issue.record("\(facts.missing)") }
        #expect(facts.unbound == ["spine.stabilized"])
        #expect(facts.input.facts.allSatisfy { $0.description == "unknown" })
    }

    @Test(
        "a Condition is true when active and confirmed, false only when refuted, unknown otherwise",
        arguments: [
            ([("active", "confirmed")], "true"),
            ([("active", "unconfirmed")], "unknown"),
            ([("resolved", "confirmed")], "unknown"),
            ([("inactive", "refuted")], "false"),
            ([("active", "confirmed"), ("inactive", "refuted")], "unknown"),
            ([("active", "entered-in-error")], "unknown"),
            ([], "unknown"),
        ])
    func conditionStates(states: [(String, String)], expected: String) throws {
        let resources = states.enumerated().map {
            condition(id: "c\($0.offset)", clinical: $0.element.0, verification: $0.element.1)
        }
        let facts = mapper.facts(from: try prefetch(["condition-38341003": bundle(resources)]))
        #expect(value(facts, "patient.hypertension") == expected)
    }

    @Test("the newest completed QuestionnaireResponse that answers the item gives the enum, nested items included")
    func questionnaire() throws {
        let facts = mapper.facts(
            from: try prefetch([
                "questionnaire-responses": bundle([
                    questionnaireResponse(id: "older", code: "none", authored: "2026-01-01T00:00:00Z"),
                    questionnaireResponse(id: "newer", code: "mechanical", authored: "2026-11-01T00:00:00Z"),
                ])
            ]))
        #expect(value(facts, "spine.pain") == "mechanical")
        #expect(facts.obtained.first?.source == "QuestionnaireResponse/newer item spine.pain")
    }

    @Test("a single resource (not a Bundle) is read too")
    func singleResource() throws {
        let facts = mapper.facts(from: try prefetch(["observation-777-3": observation(id: "one", value: "120000")]))
        #expect(facts.obtained.first?.source == "Observation/one")
    }

    @Test("nothing obtained: the 412 OperationOutcome lists every missing fact with why, and never a token")
    func operationOutcome() throws {
        let facts = mapper.facts(from: try prefetch(["observation-777-3": "null"]))
        let outcome = facts.operationOutcome
        #expect(outcome["resourceType"]?.string == "OperationOutcome")
        let issues = try #require(outcome["issue"]?.array)
        #expect(issues.first?["severity"]?.string == "error")
        let text = outcome.jsonText
        for fact in ["labs.platelets", "patient.hypertension", "spine.pain", "spine.stabilized"] {
            #expect(text.contains(fact))
        }
        #expect(emptyPlaces(in: outcome).isEmpty)
    }
}

/// What a FHIR resource says that is not a value: unknown, never a guess.
@Suite struct FHIRReadingEdgeTests {
    let mapper = PrefetchMapper(ruleset: CDSFixture.ruleset)

    func platelets(_ resource: String) throws -> PrefetchFacts {
        mapper.facts(from: try prefetch(["observation-777-3": bundle([resource])]))
    }

    @Test(
        "a bound (< 20), a data-absent reason, another code, a missing unit or an unknown unit give no platelet count")
    func observationsWithoutValue() throws {
        let bound = """
            {"resourceType": "Observation", "id": "b", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
             "valueQuantity": {"value": 20, "comparator": "<", "system": "http://unitsofmeasure.org", "code": "10*3/uL"}}
            """
        let absent = """
            {"resourceType": "Observation", "id": "a", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
             "dataAbsentReason": {"coding": [{"code": "error"}]}}
            """
        let other = observation(id: "o", value: "30000").replacingOccurrences(of: "777-3", with: "26515-7")
        let noUnit = """
            {"resourceType": "Observation", "id": "n", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
             "valueQuantity": {"value": 30000}}
            """
        for resource in [bound, absent, other, noUnit] {
            let facts = try platelets(resource)
            #expect(facts.obtained.isEmpty, "\(resource)")
        }
        let unknownUnit = try platelets(observation(id: "k", value: "30", unit: "K/uL"))
        guard
            case .rejected(let diagnostics)? = unknownUnit.missing.first(where: { $0.fact == "labs.platelets" })?.reason
        else {
            Issue.record("\(unknownUnit.missing)")
            return
        }
        #expect(diagnostics.map(\.code) == ["case.unknown-unit"])
    }

    @Test("a Bundle's OperationOutcome entries are skipped; the resources beside them are read")
    func outcomeEntries() throws {
        let outcome =
            #"{"resourceType": "OperationOutcome", "issue": [{"severity": "warning", "code": "informational"}]}"#
        let facts = mapper.facts(
            from: try prefetch(["observation-777-3": bundle([outcome, observation(id: "o", value: "30000")])]))
        #expect(facts.obtained.map(\.source) == ["Observation/o"])
    }

    @Test("an item answered twice is unknown, and so is a response still in progress")
    func formAnswers() throws {
        let twice = """
            {"resourceType": "QuestionnaireResponse", "id": "q", "status": "completed",
             "item": [{"linkId": "spine.pain", "answer": [{"valueCoding": {"code": "none"}}, {"valueCoding": {"code": "mechanical"}}]}]}
            """
        let facts = mapper.facts(from: try prefetch(["questionnaire-responses": bundle([twice])]))
        #expect(facts.obtained.isEmpty)
        let inProgress = questionnaireResponse(id: "p", code: "none").replacingOccurrences(
            of: "completed", with: "in-progress")
        #expect(mapper.facts(from: try prefetch(["questionnaire-responses": bundle([inProgress])])).obtained.isEmpty)
    }
}
