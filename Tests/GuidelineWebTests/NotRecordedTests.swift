import Foundation
import Testing

@testable import GuidelineWeb

/// "Not recorded" sends unknown: a fact is in the case only when its control holds a value.
@Suite struct NotRecordedTests {
    let builder: CaseBuilder
    let routes: WebRoutes

    init() throws {
        routes = try webRoutes()
        builder = CaseBuilder(form: try #require(routes.rulesets["spine-metastases"]).form.form)
    }

    func facts(_ body: String) throws -> [String: Any] {
        let json = builder.caseJSON(FormFields(body: Array(body.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["case"] as? String == CaseBuilder.caseID)
        return try #require(object["facts"] as? [String: Any])
    }

    @Test func nothingChosenSendsNoFact() throws {
        let body =
            "csrf=x&spine.pain=&spine.level=&spine.stabilized=&patient.life_expectancy=&unit:patient.life_expectancy=mo"
            + "&rt.proposed_fractions="
        #expect(try facts(body).isEmpty)
    }

    @Test func noIsFalseAndZeroIsZeroOnlyWhenChosen() throws {
        let facts = try facts("spine.stabilized=false&rt.proposed_fractions=0&spine.pain=none")
        #expect(facts["spine.stabilized"] as? Bool == false)
        #expect((facts["rt.proposed_fractions"] as? NSNumber)?.intValue == 0)
        #expect(facts["spine.pain"] as? String == "none")
        #expect(facts.count == 3)
    }

    @Test func aTickedNotRecordedBoxWinsOverANumber() throws {
        let facts = try facts("rt.proposed_fractions=5&unknown:rt.proposed_fractions=1&patient.life_expectancy=6")
        #expect(facts["rt.proposed_fractions"] == nil)
        #expect(facts["patient.life_expectancy"] as? String == "6 mo")
    }

    @Test func aQuantityIsSentInTheUnitChosen() throws {
        let facts = try facts("patient.life_expectancy=26&unit:patient.life_expectancy=wk")
        #expect(facts["patient.life_expectancy"] as? String == "26 wk")
    }

    @Test func undeclaredFieldsAreNotSent() throws {
        #expect(try facts("csrf=abc&spine.pian=mechanical&unknown:x=1").isEmpty)
    }

    @Test func aFactNotRecordedIsListedToRecord() throws {
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let view = routes.evaluate(ruleset, FormFields(body: Array("neuro.presentation=suspected-mescc".utf8)))
        let record = try #require(view["record"] as? [[String: Any]]).compactMap { $0["fact"] as? String }
        #expect(record.contains("neuro.cord_compression"))
        #expect(!record.contains("neuro.presentation"))
        let recorded = try #require(view["recorded"] as? [[String: Any]])
        #expect(recorded.count == 1)
    }

    @Test func formFieldsDecodePercentEscapesAndPlus() {
        let fields = FormFields(body: Array("a=x+y%3Cz%3E&b=&b=2&c".utf8))
        #expect(fields.value("a") == "x y<z>")
        #expect(fields.value("b") == "2")
        #expect(fields.value("c") == nil)
    }
}
