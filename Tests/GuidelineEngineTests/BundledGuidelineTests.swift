import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineExpression
import Testing

/// The bundled guideline: its own tests pass, its examples give schema-valid JSON, and evaluation is
/// deterministic under concurrency.
@Suite struct BundledGuidelineTests {
    @Test func bundledGuidelineTestsPass() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let suite = GuidelineTestSuite.load(for: ruleset)
        let errors = suite.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "test-file errors: \(errors.map(\.description))")
        #expect(suite.cases.count >= 50, "the bundled guideline carries its test cases (\(suite.cases.count))")
        let report = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset)).run(suite)
        for test in report.cases where !test.failures.isEmpty {
            let lines = test.failures.map {
                "  expected \($0.expected) | actual \($0.actual) (\($0.expectation.range.start))"
            }
            let header = "FAIL \(test.test.name) (\(test.test.range.start))"
            Issue.record("\(header)\n\(lines.joined(separator: "\n"))")
        }
        #expect(report.failed == 0)
        #expect(report.passed == suite.cases.count)
        #expect(report.neverFired.isEmpty, "rules no test made fire: \(report.neverFired)")
    }

    @Test func runnerDetectsABrokenExpectation() throws {
        // Guard against a runner that passes everything: a wrong expectation must fail.
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        var suite = GuidelineTestSuite.load(for: ruleset)
        let index = try #require(
            suite.cases.firstIndex { test in test.expectations.contains { $0.key == "score sins" } })
        let expectation = try #require(suite.cases[index].expectations.firstIndex { $0.key == "score sins" })
        let original = suite.cases[index].expectations[expectation].item
        suite.cases[index].expectations[expectation].item = original == "99" ? "98" : "99"
        let report = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset)).run(suite.cases[index])
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.expected == "sins = 99")
        #expect(report.failures.first?.actual == "sins = \(original)")
    }

    @Test func bundledRulesetHasNoErrors() throws {
        let result = RulesetLoader().load(directory: bundledRulesetPath)
        #expect(result.ruleset != nil)
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.description))")
    }

    // MARK: JSON Schema

    /// Runs `python3 Schemas/validate.py result FILE` and returns its exit status and output.
    func validate(_ json: String, name: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "result-\(name)-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run([
            "python3", repositoryRoot.appendingPathComponent("Schemas/validate.py").path, "result", file.path,
        ])
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func exampleResultsValidateAgainstTheResultSchema() throws {
        let probe = try run(["python3", "-c", "import jsonschema, referencing, yaml"])
        try #require(
            probe.status == 0,
            "python3 with jsonschema (>= 4.18), referencing and PyYAML is needed for Schemas/validate.py: \(probe.output)"
        )
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let examples = try bundledExamplePaths()
        #expect(examples.count >= 5)
        for path in examples {
            let input = try decodeCase(try readText(path), ruleset: ruleset, file: path)
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            // Plain, with every rule explained (whyNot present), and compact.
            let plain = evaluator.evaluate(input)
            let explained = evaluator.evaluate(input, options: .init(explainAll: true))
            for (variant, json) in [
                ("plain", ResultJSON.encode(plain)), ("explained", ResultJSON.encode(explained)),
                ("compact", ResultJSON.encode(plain, pretty: false)),
            ] {
                let outcome = try validate(json, name: "\(name)-\(variant)")
                #expect(outcome.status == 0, "\(name) (\(variant)) does not validate:\n\(outcome.output)")
            }
        }
    }

    @Test func schemaValidatorRejectsABrokenResult() throws {
        let probe = try run(["python3", "-c", "import jsonschema, referencing, yaml"])
        try #require(probe.status == 0, "python3 with jsonschema, referencing and PyYAML is needed: \(probe.output)")
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let path = try #require(try bundledExamplePaths().first { $0.hasSuffix("unstable-t12.yaml") })
        let result = RulesetEvaluator(ruleset: ruleset).evaluate(
            try decodeCase(try readText(path), ruleset: ruleset, file: path))
        let broken = ResultJSON.encode(result).replacingOccurrences(
            of: "\"fingerprint\": \"sha256:", with: "\"fingerprint\": \"md5:")
        #expect(try validate(broken, name: "broken").status != 0)
    }

    @Test func resultsWithEvaluationErrorsValidateAgainstTheResultSchema() throws {
        let probe = try run(["python3", "-c", "import jsonschema, referencing, yaml"])
        try #require(probe.status == 0, "python3 with jsonschema, referencing and PyYAML is needed: \(probe.output)")
        let rules = """
            facts:
              f.a:
                type: decimal
                description: numerator
              f.b:
                type: decimal
                description: denominator
            derived:
              f.ratio:
                description: a ratio
                value: f.a / f.b
            rules:
              - id: high-ratio
                when: f.a / f.b > 2
                recommend:
                  - {action: act, kind: recommended, text: "ratio {f.ratio}"}
                cite: [src]
            """
        let result = try evaluate("facts: {f.a: 1, f.b: 0}", ruleset: makeRuleset(rules, actions: ["act"]))
        #expect(result.errors.count == 2, "\(result.errors)")
        #expect(result.errors.contains { $0.place == "rule 'high-ratio'" })
        #expect(result.errors.contains { $0.place == "f.ratio" })
        #expect(result.undeterminedRules == ["high-ratio"], "an evaluation error leaves the rule undetermined")
        #expect(result.value("f.ratio") == .unknown)
        let json = ResultJSON.encode(result)
        let outcome = try validate(json, name: "errors")
        #expect(outcome.status == 0, "a result with evaluation errors does not validate:\n\(outcome.output)")
    }

    // MARK: determinism under concurrency

    /// Every example and every test case of the bundled guideline, as inputs.
    func allInputs(_ ruleset: CompiledRuleset) throws -> [CaseInput] {
        var inputs = try bundledExamplePaths().map { try decodeCase(try readText($0), ruleset: ruleset, file: $0) }
        inputs += GuidelineTestSuite.load(for: ruleset).cases.map(\.input)
        return inputs
    }

    @Test func concurrentEvaluationMatchesSerial() async throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let inputs = try allInputs(ruleset)
        #expect(inputs.count > 50)
        let options = RulesetEvaluator.Options(explainAll: true)
        let serial = inputs.map { ResultJSON.encode(evaluator.evaluate($0, options: options)) }
        // A second serial pass is byte-identical too.
        #expect(inputs.map { ResultJSON.encode(evaluator.evaluate($0, options: options)) } == serial)

        let rounds = 8
        let concurrent = await withTaskGroup(of: (Int, String).self, returning: [[String]].self) { group in
            for round in 0..<rounds {
                for index in inputs.indices {
                    group.addTask {
                        (
                            round * inputs.count + index,
                            ResultJSON.encode(evaluator.evaluate(inputs[index], options: options))
                        )
                    }
                }
            }
            var out = Array(repeating: Array(repeating: "", count: inputs.count), count: rounds)
            for await (key, json) in group { out[key / inputs.count][key % inputs.count] = json }
            return out
        }
        for round in 0..<rounds {
            let differing = inputs.indices.filter { concurrent[round][$0] != serial[$0] }
            #expect(
                differing.isEmpty, "round \(round): results differ for cases \(differing.map { inputs[$0].id ?? "?" })")
        }
    }

    @Test func concurrentPerformMatchesSerial() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        let inputs = try allInputs(ruleset)
        let serial = inputs.map { ResultJSON.encode(evaluator.evaluate($0), pretty: false) }
        let iterations = inputs.count * 6
        let box = ResultsBox(count: iterations)
        DispatchQueue.concurrentPerform(iterations: iterations) { iteration in
            let index = iteration % inputs.count
            box.set(iteration, ResultJSON.encode(evaluator.evaluate(inputs[index]), pretty: false))
        }
        let results = box.values
        let mismatches = (0..<iterations).filter { results[$0] != serial[$0 % inputs.count] }
        #expect(
            mismatches.isEmpty, "\(mismatches.count) of \(iterations) concurrent results differ from the serial ones")
    }
}

/// A lock-protected array for results written from many threads.
final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]

    init(count: Int) { storage = Array(repeating: "", count: count) }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
