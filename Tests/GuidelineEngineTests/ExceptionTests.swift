import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineExpression
import Testing

/// Rule exceptions (`unless:`): a rule fires when `when` is true and `unless` is not known to be true. An
/// exception that is not recorded lifts nothing: the recommendation stands, marked as holding unless the
/// exception (not recorded), and the exception's facts are among what to record.
@Suite struct ExceptionTests {
    static let rules = """
        facts:
          t.hazard:
            type: boolean
            description: the hazard is present
          t.lifted:
            type: boolean
            description: what lifts the contraindication has been done
          t.ok:
            type: boolean
            description: the programme would be safe otherwise
          t.a:
            type: boolean
            description: first half of a computed exception
          t.b:
            type: boolean
            description: second half of a computed exception
        derived:
          d.both:
            value: t.a and t.b
            description: both halves done
        rules:
          - id: contra
            when: t.hazard
            unless: t.lifted
            recommend:
              - {action: act-1, kind: contraindicated, text: no programme until lifted}
            cite: [src]
            note: The source says so. A second sentence the brief form leaves out.
          - id: programme
            when: t.ok
            recommend:
              - {action: act-1, kind: recommended, text: programme}
            cite: [src]
          - id: computed
            when: t.hazard
            unless: d.both
            recommend:
              - {action: act-2, kind: caution, text: careful}
            cite: [src]
        """

    static let actions = ["act-1", "act-2"]

    /// A manifest for `rules`, for loads that must see every diagnostic (`makeRuleset` fails on errors).
    static let manifest = """
        ruleset: {id: mini, title: Mini, version: 0.0.1}
        files: [rules.yaml]
        actions:
          act-1: {title: one}
          act-2: {title: two}
        sources:
          src: {title: A source, organization: Org, year: 2020}
        """

    func result(_ facts: String, whyNot: Set<String> = []) throws -> EvaluationResult {
        let ruleset = try makeRuleset(Self.rules, actions: Self.actions)
        return try evaluate("facts: {\(facts)}", ruleset: ruleset, options: .init(whyNot: whyNot))
    }

    @Test func exceptionNotRecordedLeavesTheContraindicationInForce() throws {
        let result = try result("t.hazard: true, t.ok: true, t.a: true, t.b: true")
        let contra = try #require(result.recommendation("act-1"))
        #expect(contra.rule.id == "contra" && contra.kind == .contraindicated)
        #expect(contra.holdsUnlessNotRecorded)
        #expect(contra.unless == ExceptionResult(condition: "t.lifted", recorded: false, needs: ["t.lifted"]))
        #expect(!contra.provisional, "issued, neither provisional nor undetermined")
        #expect(!result.undeterminedRules.contains("contra"))
        #expect(result.needs == ["t.lifted"], "the exception's fact is among the facts to record")
        #expect(result.suppressed.map(\.rule.id) == ["programme"], "the contraindication overrides the programme")
    }

    @Test func exceptionKnownFalseHoldsWithoutMark() throws {
        let result = try result("t.hazard: true, t.lifted: false, t.ok: true, t.a: true, t.b: true")
        let contra = try #require(result.recommendation("act-1"))
        #expect(contra.rule.id == "contra")
        #expect(!contra.holdsUnlessNotRecorded)
        #expect(contra.unless == ExceptionResult(condition: "t.lifted", recorded: true, needs: []))
        #expect(result.needs.isEmpty)
    }

    @Test func exceptionKnownTrueLiftsTheRule() throws {
        let result = try result("t.hazard: true, t.lifted: true, t.ok: true, t.a: true, t.b: true", whyNot: ["contra"])
        #expect(!result.firedRules.contains("contra"))
        #expect(!result.undeterminedRules.contains("contra"))
        let programme = try #require(result.recommendation("act-1"))
        #expect(programme.rule.id == "programme" && !programme.provisional)
        let whyNot = try #require(result.whyNot.first { $0.rule.id == "contra" })
        #expect(whyNot.value == false && whyNot.liftedBy == "t.lifted")
        #expect(whyNot.because.text == "t.hazard (true)", "the because line is the condition's")
    }

    @Test func exceptionTrueDecidesAnUnknownCondition() throws {
        // The rule cannot fire whatever t.hazard is: decided, so the programme is not provisional.
        let result = try result("t.lifted: true, t.ok: true, t.a: true, t.b: true")
        #expect(!result.undeterminedRules.contains("contra"))
        #expect(result.recommendation("act-1", rule: "programme")?.provisional == false)
        #expect(!result.undeterminedRules.contains("computed"), "d.both is true: lifted as well")
        #expect(!result.needs.contains("t.hazard"))
    }

    @Test func unknownConditionWithUnknownExceptionIsUndetermined() throws {
        let result = try result("t.ok: true")
        #expect(result.undeterminedRules.contains("contra"))
        #expect(result.recommendation("act-1", rule: "programme")?.provisional == true)
    }

    @Test func computedExceptionNeedsTheFactsBehindIt() throws {
        let result = try result("t.hazard: true, t.lifted: false, t.ok: false, t.a: true")
        let caution = try #require(result.recommendation("act-2"))
        #expect(caution.unless == ExceptionResult(condition: "d.both", recorded: false, needs: ["t.b"]))
        #expect(result.needs == ["t.b"])
        let lifted = try self.result("t.hazard: true, t.lifted: false, t.a: true, t.b: true")
        #expect(lifted.recommendation("act-2") == nil, "d.both is true: the caution is lifted")
    }

    @Test func noteReachesTheResult() throws {
        let result = try result("t.hazard: true, t.lifted: false")
        #expect(
            result.recommendation("act-1")?.note == "The source says so. A second sentence the brief form leaves out.")
        let brief = ResultText(style: .text(colored: false)).render(result)
        #expect(brief.contains("note: The source says so. …"))
        #expect(!brief.contains("A second sentence"))
        let full = ResultText(style: .text(colored: false), fullNotes: true).render(result)
        #expect(full.contains("note: The source says so. A second sentence the brief form leaves out."))
        // The full JSON result carries the whole note on the recommendation.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ResultJSON.encode(result).utf8)) as? [String: Any])
        let recommendations = try #require(json["recommendations"] as? [[String: Any]])
        let issued = try #require(recommendations.first { $0["action"] as? String == "act-1" })
        #expect(issued["note"] as? String == "The source says so. A second sentence the brief form leaves out.")
    }

    @Test func everyFormatMarksTheExceptionNotRecorded() throws {
        let ruleset = try makeRuleset(Self.rules, actions: Self.actions)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let input = try decodeCase("facts: {t.hazard: true, t.ok: true, t.a: true, t.b: true}", ruleset: ruleset)
        let result = evaluator.evaluate(input)
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(text.contains("holds unless t.lifted (not recorded); record t.lifted to decide"))
        let markdown = ResultText(style: .markdown).render(result)
        #expect(markdown.contains("**holds unless `t.lifted` (not recorded); record t.lifted to decide**"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(ResultJSON.encode(result).utf8)) as? [String: Any])
        let recommendations = try #require(json["recommendations"] as? [[String: Any]])
        let unless = try #require(recommendations.first?["unless"] as? [String: Any])
        #expect(unless["condition"] as? String == "t.lifted" && unless["recorded"] as? Bool == false)
        #expect(unless["needs"] as? [String] == ["t.lifted"])
        // The batch: the header names the exception, the line marks it and counts its needs.
        let writer = BatchLineWriter(evaluator: evaluator)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(writer.header().utf8)) as? [String: Any])
        let rules = try #require((header["header"] as? [String: Any])?["rules"] as? [String: Any])
        #expect((rules["contra"] as? [String: Any])?["unless"] as? String == "t.lifted")
        #expect((rules["contra"] as? [String: Any])?["note"] as? String != nil)
        #expect((rules["programme"] as? [String: Any])?["unless"] == nil)
        let out = ByteBuffer(capacity: 1024)
        var scratch = BatchLineWriter.Scratch()
        writer.write(evaluator.record(input), line: 1, into: out, scratch: &scratch)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(out.array)) as? [String: Any])
        let standing = try #require(line["recommendations"] as? [[String: Any]])
        let marked = try #require(standing.first { $0["rule"] as? String == "contra" }?["unless"] as? [String: Any])
        #expect(marked["recorded"] as? Bool == false && marked["needs"] as? [String] == ["t.lifted"])
        #expect(line["needs"] as? [String] == result.needs)
        let suppressed = try #require(line["suppressed"] as? [[String: Any]])
        #expect(suppressed.map { $0["rule"] as? String } == ["programme"])
        #expect(suppressed.first?["unless"] == nil)
    }

    @Test func testExpectationUnlessNotRecorded() throws {
        let tests = """
            tests:
              - name: not recorded
                facts: {t.hazard: true}
                expect:
                  contraindicated: [act-1]
                  unless-not-recorded: [act-1]
              - name: recorded, so this expectation fails
                facts: {t.hazard: true, t.lifted: false}
                expect:
                  unless-not-recorded: [act-1]
            """
        let ruleset = try makeRuleset(Self.rules, actions: Self.actions, extraFiles: ["tests/t.yaml": tests])
        let suite = GuidelineTestSuite.load(for: ruleset)
        #expect(suite.diagnostics.isEmpty, "\(suite.diagnostics)")
        let report = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset)).run(suite)
        #expect(report.cases.map(\.failures.count) == [0, 1])
        #expect(report.cases[1].failures.first?.expected == "act-1 issued unless not recorded")
    }

    @Test func exceptionIsTypeCheckedAndItsFactsCountAsUsed() throws {
        let bad = Self.rules.replacingOccurrences(of: "unless: t.lifted", with: "unless: t.liftd")
            .replacingOccurrences(of: "unless: d.both", with: "unless: t.a + 1")
        let loaded = RulesetLoader().load(
            directory: try writeTemporaryDirectory(["ruleset.yaml": Self.manifest, "rules.yaml": bad]))
        #expect(loaded.ruleset == nil)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.code == "expr.undeclared-name" && $0.message.contains("'t.liftd'") })
        #expect(errors.count >= 2, "both exceptions are reported: \(errors.map(\.message))")
        // A fact read only by an exception is used.
        let good = try makeRuleset(Self.rules, actions: Self.actions)
        #expect(good.rules.first { $0.id == "contra" }?.exception?.text == "t.lifted")
        let clean = RulesetLoader().load(
            directory: try writeTemporaryDirectory(["ruleset.yaml": Self.manifest, "rules.yaml": Self.rules]))
        #expect(!clean.diagnostics.contains { $0.code == "rules.unused-fact" }, "\(clean.diagnostics.map(\.message))")
    }
}

/// A test file naming an action, rule or fact the ruleset does not have gets "did you mean".
@Suite struct TestFileTypoTests {
    @Test func unknownActionInATestSuggestsTheNearestOne() throws {
        let tests = """
            tests:
              - name: typo
                facts: {t.hazard: true}
                expect:
                  contraindicated: [act-l]
            """
        let ruleset = try makeRuleset(
            ExceptionTests.rules, actions: ExceptionTests.actions, extraFiles: ["tests/t.yaml": tests])
        let suite = GuidelineTestSuite.load(for: ruleset)
        let error = try #require(suite.diagnostics.first { $0.code == "test.unknown-name" })
        #expect(error.message.contains("'act-l'"))
        #expect(error.help.contains { $0.hasPrefix("did you mean 'act-") }, "\(error.help)")
    }
}
