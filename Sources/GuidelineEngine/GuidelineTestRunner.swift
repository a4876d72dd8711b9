import GuidelineCompiler
import GuidelineDiagnostics

/// Runs a ruleset's test cases and reports, for each failure, what was expected against what came out.
package struct GuidelineTestRunner: Sendable {
    /// One failed expectation.
    package struct Failure: Sendable {
        /// The expectation.
        package var expectation: GuidelineTestSuite.Expectation
        /// What was expected, in words.
        package var expected: String
        /// What came out, in words.
        package var actual: String
    }

    /// The outcome of one test case.
    package struct CaseReport: Sendable {
        /// The test case.
        package var test: GuidelineTestSuite.Case
        /// The failed expectations (none: the case passed).
        package var failures: [Failure]
        /// The rules that fired.
        package var fired: [String]
    }

    /// The outcome of the whole suite.
    package struct Report: Sendable {
        /// Every case, in order.
        package var cases: [CaseReport]
        /// Rules that no test made fire.
        package var neverFired: [String]
        /// Cases that passed.
        package var passed: Int { cases.filter { $0.failures.isEmpty }.count }
        /// Cases that failed.
        package var failed: Int { cases.count - passed }
    }

    /// The evaluator.
    package let evaluator: RulesetEvaluator

    /// Creates a runner.
    package init(evaluator: RulesetEvaluator) {
        self.evaluator = evaluator
    }

    /// Runs every case of `suite`.
    package func run(_ suite: GuidelineTestSuite) -> Report {
        var fired = Set<String>()
        var reports: [CaseReport] = []
        for test in suite.cases {
            let report = run(test)
            fired.formUnion(report.fired)
            reports.append(report)
        }
        let never = evaluator.ruleset.rules.map(\.id).filter { !fired.contains($0) }
        return Report(cases: reports, neverFired: never)
    }

    /// Runs one case.
    package func run(_ test: GuidelineTestSuite.Case) -> CaseReport {
        let result = evaluator.evaluate(test.input)
        let firedRules = Set(result.recommendations.map(\.rule.id) + result.suppressed.map(\.rule.id))
        let undetermined = Set(result.undetermined.map(\.rule.id))
        var failures: [Failure] = []
        func issued(_ kind: String) -> [String] {
            result.recommendations.filter { $0.kind.rawValue == kind }.map(\.action)
        }
        func describeActions() -> String {
            let all = result.recommendations.map {
                "\($0.action) (\($0.kind.rawValue)\($0.provisional ? ", provisional" : "")\($0.holdsUnlessNotRecorded ? ", unless not recorded" : ""))"
            }
            return all.isEmpty ? "no recommendation" : all.joined(separator: ", ")
        }
        for expectation in test.expectations {
            let item = expectation.item
            var ok = true
            var expected = ""
            var actual = ""
            switch expectation.key {
            case "recommended", "consider", "caution", "contraindicated":
                ok = issued(expectation.key).contains(item)
                expected = "\(item) \(expectation.key)"
                actual = describeActions()
            case "absent":
                ok = !result.recommendations.contains { $0.action == item }
                expected = "no \(item)"
                actual = describeActions()
            case "provisional":
                ok = result.recommendations.contains { $0.action == item && $0.provisional }
                expected = "\(item) provisional"
                actual = describeActions()
            case "unless-not-recorded":
                ok = result.recommendations.contains { $0.action == item && $0.holdsUnlessNotRecorded }
                expected = "\(item) issued unless not recorded"
                actual = describeActions()
            case "fired":
                ok = firedRules.contains(item)
                expected = "rule \(item) fires"
                actual = undetermined.contains(item) ? "undetermined" : "did not fire"
            case "not-fired":
                ok = !firedRules.contains(item)
                expected = "rule \(item) does not fire"
                actual = "fired"
            case "undetermined":
                ok = undetermined.contains(item)
                expected = "rule \(item) undetermined"
                actual = firedRules.contains(item) ? "fired" : "decided false"
            case "needs":
                ok = result.needs.contains(item)
                expected = "needs \(item)"
                actual = result.needs.isEmpty ? "needs nothing" : "needs \(result.needs.joined(separator: ", "))"
            default:
                let name = String(expectation.key.dropFirst("score ".count))
                let isBand = name.hasSuffix(".band")
                let id = isBand ? String(name.dropLast(5)) : name
                guard let score = result.scores.first(where: { $0.id == id }) else { continue }
                let got: String
                if isBand {
                    got = score.band ?? "unknown"
                } else if let value = score.value {
                    got = String(value)
                } else {
                    got = "\(score.minimum)..\(score.maximum)"
                }
                let wanted = item == "null" || item == "~" ? "unknown" : item.replacingOccurrences(of: " ", with: "")
                ok = got == wanted || (!isBand && wanted == "unknown" && score.value == nil)
                expected = "\(name) = \(item)"
                actual = "\(name) = \(got)"
            }
            if !ok { failures.append(Failure(expectation: expectation, expected: expected, actual: actual)) }
        }
        return CaseReport(test: test, failures: failures, fired: firedRules.sorted())
    }
}
