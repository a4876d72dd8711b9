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
/// differ, and the order of the lists that follow the order of mapping keys (needed facts, assumptions,
/// score components, values): those are compared as sets. Recommendations, suppressed and undetermined
/// rules keep their order: rules are compiled in the order of their files' paths, then as listed.
@Suite struct PermutationPropertyTests {
    /// The results of every example and test case of the ruleset in `directory`, as JSON objects normalized
    /// (see `normalized`), by case.
    static func results(of directory: String) throws -> [String: NSObject] {
        var results: [String: NSObject] = [:]
        let examples = try exampleNames().map { "\(directory)/examples/\($0)" }
        let output = EvaluateCommand(rules: directory, format: .json, cases: examples, explainAll: true).run()
        try #require(output.exitCode == 0, "\(output.stderr)")
        let array = try #require(try parseJSON(output.stdout) as? [Any])
        for (path, result) in zip(examples, array) {
            results[(path as NSString).lastPathComponent] = normalized(result)
        }
        let ruleset = try #require(RulesetLoader().load(directory: directory).ruleset)
        let suite = GuidelineTestSuite.load(for: ruleset)
        try #require(suite.diagnostics.allSatisfy { $0.severity != .error } && suite.cases.count >= 50)
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        for test in suite.cases {
            results["test \(test.name)"] = normalized(try parseJSON(ResultJSON.encode(evaluator.evaluate(test.input))))
        }
        return results
    }

    /// The result lists whose order is the order facts, values and score components are declared in (keys of
    /// mappings, which the fingerprint ignores): compared as sets.
    static let declarationOrdered: Set<String> = [
        "needs", "assumptions", "components", "errors", "values",
    ]

    /// `object` with every `line` removed, every `file` cut to its last path component, and the lists in
    /// `declarationOrdered` sorted by their items' top-level values.
    static func normalized(_ object: Any, key: String? = nil) -> NSObject {
        if let dictionary = object as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in dictionary where key != "line" {
                out[key] =
                    key == "file"
                    ? ((item as? String).map { ($0 as NSString).lastPathComponent } ?? item)
                    : normalized(item, key: key)
            }
            return out as NSDictionary
        }
        if let array = object as? [Any] {
            let items = array.map { normalized($0) }
            guard let key, declarationOrdered.contains(key) else { return items as NSArray }
            return items.map { (sortKey($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1) as NSArray
        }
        return (object as? NSObject) ?? NSNull()
    }

    /// What orders an item of a declaration-ordered list: its text, or its top-level values (and a rule's id).
    static func sortKey(_ item: NSObject) -> String {
        guard let dictionary = item as? [String: Any] else { return item.description }
        return dictionary.keys.sorted().compactMap { key -> String? in
            let value = dictionary[key]
            if let rule = value as? [String: Any] { return rule["id"].map { "\(key)=\($0)" } }
            return value is [Any] ? nil : "\(key)=\(value ?? "")"
        }.joined(separator: "|")
    }

    /// `object` as sorted-key JSON, for messages.
    static func json(_ object: NSObject?) -> String {
        guard let object,
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else {
            return "nothing"
        }
        return String(decoding: data, as: UTF8.self)
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

    /// Immutable Foundation values once built, read by the variants in parallel.
    nonisolated(unsafe) static let baseline: Result<[String: NSObject], Error> = Result {
        let copy = try copyOfBundledRuleset()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        return try results(of: copy)
    }

    @Test(arguments: [0, 2])  // between them, every depth gets two different orders
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
        for (name, result) in expected.sorted(by: { $0.key < $1.key }) where actual[name].map(result.isEqual) != true {
            Issue.record(
                "\(name) differs after reordering (variant \(variant)):\nbefore \(Self.json(result))\nafter  \(Self.json(actual[name]))"
            )
        }
    }

    /// The manifest's `files:` entries, rewritten in reverse order (only those lines move).
    static func reverseFiles(in manifest: String) throws -> String {
        var lines = manifest.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "files:")) + 1
        let end = lines[start...].firstIndex { !$0.hasPrefix("  - ") } ?? lines.endIndex
        try #require(end - start >= 2)
        lines[start..<end].reverse()
        return lines.joined(separator: "\n")
    }

    /// Swapping `files:` entries changes not even the order of anything in a result: rules, facts and values
    /// are compiled in the order of the files' paths, so the output is the same byte for byte (JSON with every
    /// explanation, text, and a JSONL batch of every example) and the fingerprint with it.
    @Test func reorderingTheFilesListChangesNoOutputByte() throws {
        let copy = try copyOfBundledRuleset()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let manifest = "\(copy)/ruleset.yaml"
        let reversed = try Self.reverseFiles(in: try readText(manifest))
        #expect(reversed != (try readText(manifest)))
        try Data(reversed.utf8).write(to: URL(fileURLWithPath: manifest))
        let examples = try exampleNames()
        let batch = try examples.map { try jsonLine(fromYAMLCase: try readText(examplePath($0))) + "\n" }.joined()
        func outputs(_ directory: String) -> [String] {
            let paths = examples.map { "\(bundledRulesetPath)/examples/\($0)" }
            let json = EvaluateCommand(rules: directory, format: .json, cases: paths, explainAll: true).run()
            let text = EvaluateCommand(rules: directory, format: .text, cases: paths).run()
            let jsonl = EvaluateCommand(rules: directory, format: .jsonl, cases: ["-"]).run(stdin: { Array(batch.utf8) }
            )
            // Paths differ between the copy and the original; nothing else may.
            return [json, text, jsonl].map {
                $0.stdout.replacingOccurrences(of: directory, with: "<rules>") + "exit \($0.exitCode)"
            }
        }
        let before = outputs(bundledRulesetPath)
        let after = outputs(copy)
        for (original, swapped) in zip(before, after) {
            #expect(original.hasSuffix("exit 0"))
            if original != swapped {
                let pairs = zip(original.split(separator: "\n"), swapped.split(separator: "\n"))
                let first =
                    pairs.first { $0 != $1 }.map { "before \($0.prefix(300))\nafter  \($1.prefix(300))" }
                    ?? "lengths differ"
                Issue.record("the output changed after swapping files:\n\(first)")
            }
        }
    }
}
