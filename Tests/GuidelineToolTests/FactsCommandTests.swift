import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineTool
import Testing

/// `guideline facts` and `guideline template`.
@Suite struct FactsCommandTests {
    @Test func textListsEveryFactWithTypeRangeAndDescription() throws {
        let ruleset = try #require(RulesetLoader().load(directory: bundledRulesetPath).ruleset)
        let output = FactsCommand(rules: bundledRulesetPath).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        for fact in ruleset.facts {
            #expect(output.stdout.contains("  \(fact.name): "), "\(fact.name)")
            #expect(output.stdout.contains(fact.description), "\(fact.name)")
        }
        #expect(
            output.stdout.contains(
                "  patient.life_expectancy: quantity in mo (also s, min, h, d, wk, a), 0 mo..1200 mo\n"))
        #expect(output.stdout.contains("  rt.proposed_fractions: integer, 1..40\n"))
        #expect(output.stdout.contains("  spine.level: enum (ordered): occiput, C1,"))
        #expect(output.stdout.contains("  spine.stabilized: boolean\n"))
    }

    @Test func jsonHasEveryFactAndItsDeclaration() throws {
        let ruleset = try #require(RulesetLoader().load(directory: bundledRulesetPath).ruleset)
        let output = FactsCommand(rules: bundledRulesetPath, format: .json).run()
        #expect(output.exitCode == 0)
        let list = try #require(try parseJSON(output.stdout) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ruleset.facts.map(\.name))
        let life = try #require(list.first { $0["name"] as? String == "patient.life_expectancy" })
        #expect(life["type"] as? String == "quantity" && life["unit"] as? String == "mo")
        #expect((life["units"] as? [String])?.contains("d") == true)
        #expect((life["maximum"] as? [String: Any])?["value"] as? Int == 1200)
        #expect(life["default"] is NSNull)
        let level = try #require(list.first { $0["name"] as? String == "spine.level" })
        #expect((level["values"] as? [String])?.first == "occiput" && level["ordered"] as? Bool == true)
        #expect((level["file"] as? String)?.hasSuffix("facts.yaml") == true && level["line"] is Int)
    }

    @Test func templateIsAValidCaseWithEveryFactNotRecorded() throws {
        let ruleset = try #require(RulesetLoader().load(directory: bundledRulesetPath).ruleset)
        let output = FactsCommand(rules: bundledRulesetPath, format: .template).run()
        #expect(output.exitCode == 0)
        let decoded = CaseDecoder(ruleset: ruleset).decode(text: output.stdout, file: "template.yaml")
        let input = try #require(decoded.input, "\(decoded.diagnostics)")
        #expect(input.facts.allSatisfy { !$0.isKnown }, "every fact left null is unknown")
        for fact in ruleset.facts { #expect(output.stdout.contains("\n  \(fact.name): null\n"), "\(fact.name)") }
        #expect(output.stdout.contains("  # enum: mechanical, occasional, none\n  spine.pain: null\n"))
        // Filled in, it evaluates.
        let filled = output.stdout.replacingOccurrences(of: "  spine.level: null", with: "  spine.level: T12")
        let filledInput = try #require(CaseDecoder(ruleset: ruleset).decode(text: filled, file: "filled.yaml").input)
        let result = RulesetEvaluator(ruleset: ruleset).evaluate(filledInput)
        #expect(result.scores.first { $0.id == "sins" }?.components.first { $0.fact == "spine.level" }?.points == 3)
    }

    @Test func theTemplateNamesItsRulesetAsOneShellWordOnOneCommentLine() {
        #expect(FactCatalog.shellWord("Rules/spine-metastases") == "Rules/spine-metastases")
        #expect(FactCatalog.shellWord("my rules") == "'my rules'")
        #expect(FactCatalog.shellWord("it's") == #"'it'\''s'"#)
        #expect(FactCatalog.shellWord("$HOME/*") == "'$HOME/*'")
        #expect(FactCatalog.shellWord("") == "''")
        // A line break would end the YAML comment: the placeholder instead.
        #expect(FactCatalog.shellWord("a\nb") == "DIR")
        #expect(FactCatalog.shellWord("a\u{2028}b") == "DIR")
        let output = FactsCommand(rules: bundledRulesetPath, format: .template).run()
        #expect(
            output.stdout.contains(
                "# Evaluate it with: guideline evaluate --rules \(FactCatalog.shellWord(bundledRulesetPath)) THIS-FILE\n"
            ))
    }

    @Test func brokenOrMissingRulesetFails() {
        let missing = FactsCommand(rules: "/nonexistent/guideline-\(UUID().uuidString)").run()
        #expect(missing.exitCode == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("has errors"))
    }
}
