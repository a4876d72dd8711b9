import Foundation
import GuidelineCompiler
import GuidelineEngine
import GuidelineTool
import Testing

/// Property: reordering a ruleset's files (the manifest's `files:` list) and the keys of its mappings (the
/// sections of a rule file, the facts, each fact's and each rule's keys, the manifest's sections) changes no
/// result and not the fingerprint. Each variant rewrites a copy of the bundled guideline (`YAMLReorderer`),
/// then evaluates its examples (`guideline evaluate --format json --explain all`) and its test cases
/// (`ResultJSON`), and compares with the unchanged guideline. Only where a rule is written (its line) may
/// differ.
@Suite struct PermutationPropertyTests {
    /// The results of every example and test case of the ruleset in `directory`, as JSON with the rule lines
    /// and directories taken out, by case.
    static func results(of directory: String) throws -> [String: String] {
        var results: [String: String] = [:]
        let examples = try exampleNames().map { "\(directory)/examples/\($0)" }
        let output = EvaluateCommand(rules: directory, format: .json, cases: examples, explainAll: true).run()
        try #require(output.exitCode == 0, "\(output.stderr)")
        let array = try #require(try parseJSON(output.stdout) as? [Any])
        for (path, result) in zip(examples, array) { results[(path as NSString).lastPathComponent] = try normalized(result) }
        let ruleset = try #require(RulesetLoader().load(directory: directory).ruleset)
        let suite = GuidelineTestSuite.load(for: ruleset)
        try #require(suite.diagnostics.allSatisfy { $0.severity != .error } && suite.cases.count >= 50)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        for test in suite.cases {
            let json = ResultJSON.encode(evaluator.evaluate(test.input))
            results["test \(test.name)"] = try normalized(parseJSON(json))
        }
        return results
    }

    /// The result lists whose order is the order rules, facts and score components are declared in: compared
    /// as sets (see the README on results).
    static let declarationOrdered: Set<String> = [
        "recommendations", "suppressed", "undetermined", "whyNot", "needs", "assumptions", "components", "errors", "values", "awaits",
    ]

    /// `object` as sorted-key JSON, with every `line` removed, every `file` cut to its last path component, and
    /// the lists in `declarationOrdered` sorted.
    static func normalized(_ object: Any) throws -> String {
        func canonical(_ value: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
        func strip(_ value: Any, key: String?) throws -> Any {
            if let dictionary = value as? [String: Any] {
                var out: [String: Any] = [:]
                for (key, item) in dictionary where key != "line" {
                    out[key] = key == "file" ? ((item as? String).map { ($0 as NSString).lastPathComponent } ?? item) : try strip(item, key: key)
                }
                return out
            }
            if let array = value as? [Any] {
                let items = try array.map { try strip($0, key: nil) }
                guard let key, declarationOrdered.contains(key) else { return items }
                return try items.map { (try canonical($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
            }
            return value
        }
        return try canonical(try strip(object, key: nil))
    }

    /// Rewrites every YAML file of the ruleset in `directory` (rules and manifest, not its examples or tests).
    static func reorder(_ directory: String, variant: Int) throws -> Int {
        var changed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".yaml") {
            let path = "\(directory)/\(name)"
            let text = try readText(path)
            var reorderer = YAMLReorderer(variant: variant, reorderedLists: name == "ruleset.yaml" ? ["files"] : [])
            let result = reorderer.reorder(text)
            let rewritten = try #require(result, "\(name) does not load")
            if rewritten != text { changed += 1 }
            try Data(rewritten.utf8).write(to: URL(fileURLWithPath: path))
        }
        return changed
    }

    static let baseline: Result<[String: String], Error> = Result {
        let copy = try copyOfBundledRuleset()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        return try results(of: copy)
    }

    @Test(arguments: [0, 1, 2, 3])
    func reorderingFilesAndKeysChangesNoResult(variant: Int) throws {
        let expected = try Self.baseline.get()
        let copy = try copyOfBundledRuleset()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let original = try readText("\(copy)/ruleset.yaml")
        let changed = try Self.reorder(copy, variant: variant)
        #expect(changed >= 10, "the rewrite must change the files (\(changed) changed)")
        let manifest = try readText("\(copy)/ruleset.yaml")
        #expect(manifest != original)
        let fingerprint = { (directory: String) in RulesetLoader().load(directory: directory).ruleset?.fingerprint }
        #expect(fingerprint(copy) != nil)
        #expect(fingerprint(copy) == fingerprint(bundledRulesetPath))
        let actual = try Self.results(of: copy)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (name, json) in expected.sorted(by: { $0.key < $1.key }) where actual[name] != json {
            Issue.record("\(name) differs after reordering (variant \(variant)):\nbefore \(json)\nafter  \(actual[name] ?? "nothing")")
        }
    }
}
