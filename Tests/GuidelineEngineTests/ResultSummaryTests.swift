import Foundation
import GuidelineCompiler
import GuidelineEngine
import Testing

/// The summary a clinician reads first: every contraindication and every immediate or urgent action within the
/// first 15 lines of the text, for every bundled example and every test case of the bundled guideline.
@Suite struct ResultSummaryTests {
    static func inputs() throws -> (RulesetEvaluator, [(String, CaseInput)]) {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        var inputs: [(String, CaseInput)] = []
        for path in try bundledExamplePaths() {
            inputs.append((path, try decodeCase(try readText(path), ruleset: ruleset, file: path)))
        }
        for test in GuidelineTestSuite.load(for: ruleset).cases { inputs.append((test.name, test.input)) }
        return (RulesetEvaluator(ruleset: ruleset), inputs)
    }

    /// What must be on the first screen is read from the JSON result (the documented form), not from the model the
    /// text is rendered from: each contraindicated, immediate or urgent recommendation has its action's line, with
    /// the kind and the urgency named on it.
    @Test func firstScreenNamesEveryContraindicationAndEveryUrgentAction() throws {
        let (evaluator, inputs) = try Self.inputs()
        #expect(inputs.count > 150)
        for (name, input) in inputs {
            let result = evaluator.evaluate(input)
            let text = ResultText(style: .text(colored: false)).render(result)
            let screen = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(15)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(ResultJSON.encode(result).utf8)) as? [String: Any])
            let recommendations = try #require(json["recommendations"] as? [[String: Any]])
            let mustShow = recommendations.filter {
                $0["kind"] as? String == "contraindicated"
                    || ["immediate", "urgent"].contains($0["urgency"] as? String ?? "")
            }
            #expect(!mustShow.isEmpty || recommendations.allSatisfy { $0["kind"] as? String != "contraindicated" })
            for recommendation in mustShow {
                let title = try #require(recommendation["actionTitle"] as? String)
                let kind = try #require(recommendation["kind"] as? String)
                let urgency = recommendation["urgency"] as? String
                let line = screen.first { $0.hasPrefix("  \(title): ") }
                #expect(line != nil, "\(name): no line for \(title) in the first 15 lines\n\(screen.joined(separator: "\n"))")
                guard let line else { continue }
                #expect(line.contains(kind), "\(name): \(title) is \(kind): \(line)")
                if let urgency, ["immediate", "urgent"].contains(urgency) {
                    #expect(line.contains(urgency), "\(name): \(title) is \(urgency): \(line)")
                }
            }
        }
    }

    @Test func oneLinePerActionInReadingOrder() throws {
        let (evaluator, inputs) = try Self.inputs()
        for (name, input) in inputs {
            let result = evaluator.evaluate(input)
            let summary = ResultSummary(result)
            #expect(Set(summary.lines.map(\.action)) == Set(result.recommendations.map(\.action)), "\(name)")
            #expect(summary.lines.count == Set(result.recommendations.map(\.action)).count, "each action once: \(name)")
            // Urgent first, then by kind.
            func key(_ line: ResultSummary.Line) -> [Int] {
                let urgent = line.urgency == .immediate ? 0 : line.urgency == .urgent ? 1 : 2
                return [
                    urgent,
                    [RecommendationKind.contraindicated, .caution, .recommended, .consider].firstIndex(of: line.kind)!,
                ]
            }
            let keys = summary.lines.map(key)
            #expect(
                zip(keys, keys.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) },
                "\(name): \(summary.lines.map(\.action))")
            for line in summary.lines {
                let lead = result.recommendations[line.lead]
                let all = [line.lead] + line.also
                #expect(all.allSatisfy { result.recommendations[$0].action == line.action })
                #expect(
                    all.allSatisfy { result.recommendations[$0].kind.restrictiveness <= lead.kind.restrictiveness },
                    "the strongest first: \(name)")
            }
            // Every fact to record once, exactly the result's needs.
            #expect(
                Set(summary.record.map(\.fact)) == Set(result.needs) && summary.record.count == result.needs.count,
                "\(name)")
        }
    }

    @Test func exceptionNotRecordedIsMarkedAndItsFactDecidesIt() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let result = try evaluate(
            "facts: {spine.level: T12, spine.pain: mechanical, spine.bone_lesion: lytic, spine.alignment: deformity, spine.collapse: under-50, spine.posterolateral: unilateral}",
            ruleset: ruleset)
        let summary = ResultSummary(result)
        let therapy = try #require(summary.lines.first { $0.action == "physical-therapy" })
        #expect(therapy.kind == .contraindicated && therapy.unlessNotRecorded)
        let stabilised = try #require(summary.record.first { $0.fact == "spine.stabilized" })
        #expect(
            stabilised.decides.contains {
                $0.action == "physical-therapy" && $0.exception && $0.kind == .contraindicated
            })
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(
            text.contains(
                "  Physical therapy (exercise programme): contraindicated, unless spine.stabilized (not recorded)\n"))
        #expect(text.contains("  spine.stabilized: physical-therapy contraindicated (would lift it)"))
        // In JSON too.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ResultJSON.encode(result).utf8)) as? [String: Any])
        let actions = try #require((json["summary"] as? [String: Any])?["actions"] as? [[String: Any]])
        let entry = try #require(actions.first { $0["action"] as? String == "physical-therapy" })
        #expect(entry["unlessNotRecorded"] as? Bool == true && entry["kind"] as? String == "contraindicated")
    }

    @Test func briefHasOnlyTheSummaryAndWhatToRecord() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let result = try evaluate(try readText("\(bundledRulesetPath)/examples/unstable-t12.yaml"), ruleset: ruleset)
        let brief = ResultText(style: .text(colored: false), brief: true).render(result)
        #expect(brief.contains("Summary\n") && brief.contains("To decide more, record\n"))
        #expect(!brief.contains("Scores\n") && !brief.contains("Sources\n") && !brief.contains("because "))
        // A score with nothing recorded is one line.
        let full = ResultText(style: .text(colored: false)).render(result)
        #expect(full.contains("(mirels): not assessed, no component recorded\n"))
        #expect(!full.contains("long_bone.site = unknown"))
    }
}

/// Sources are listed once each, primary literature before secondary summaries.
@Suite struct SourceListTests {
    @Test func oneNumberPerSourcePrimaryFirst() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        for path in try bundledExamplePaths() {
            let result = try evaluate(try readText(path), ruleset: ruleset)
            let text = ResultText(style: .text(colored: false)).render(result)
            let sources = try #require(text.range(of: "\nSources\n"))
            let lines = text[sources.upperBound...].split(separator: "\n").filter { $0.hasPrefix("  [") }
            let cited = Set(result.recommendations.flatMap { $0.citations.map(\.source.id) })
            #expect(lines.count == cited.count, "\(path): one numbered line per source")
            let secondary = lines.map { $0.hasSuffix("Secondary source") }
            #expect(secondary == secondary.sorted { !$0 && $1 }, "\(path): primary sources first")
            #expect(secondary.contains(true) && secondary.contains(false), "\(path)")
        }
    }
}
