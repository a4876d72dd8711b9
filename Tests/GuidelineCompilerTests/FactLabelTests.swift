import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The `label:` and `group:` keys of fact declarations (the clinician's page, issue 18).
@Suite struct FactLabelTests {
    /// The base ruleset with `lines` added under the fact `name` (after its name line).
    static func load(_ lines: String, on name: String = "spine.pain") throws -> RulesetLoader.Result {
        let anchor = "  \(name):\n"
        let at = try #require(BaseRuleset.main.range(of: anchor))
        var text = BaseRuleset.main
        text.insert(
            contentsOf: lines.split(separator: "\n").map { "    \($0)\n" }.joined(), at: at.upperBound)
        return RulesetLoader().load(
            files: ["ruleset.yaml": Array(BaseRuleset.manifest.utf8), "main.yaml": Array(text.utf8)],
            directory: "memory")
    }

    @Test func aDeclaredLabelAndGroupReachTheFact() throws {
        let result = try Self.load("label: Pain (SINS)\ngroup: \"Spine: the scored level\"")
        let ruleset = try #require(result.ruleset, "\(result.rendered)")
        let fact = try #require(ruleset.facts.first { $0.name == "spine.pain" })
        #expect(fact.label == "Pain (SINS)")
        #expect(fact.group == "Spine: the scored level")
        let other = try #require(ruleset.facts.first { $0.name == "spine.level" })
        #expect(other.label == nil && other.group == nil)
    }

    @Test(arguments: [
        ("label: \(String(repeating: "x", count: 41))", "has 41 characters, more than 40"),
        ("label: \"\"", "must be one line of text"),
        ("group: \"  \"", "must be one line of text"),
        ("label: |\n  two\n  lines", "must be one line of text"),
        ("label: [a, b]", "must be text"),
    ])
    func aBadLabelIsAnErrorAtItsValue(lines: String, message: String) throws {
        let result = try Self.load(lines)
        #expect(result.ruleset == nil)
        let error = try #require(
            result.diagnostics.first { $0.severity == .error && $0.message.contains(message) }, "\(result.rendered)")
        let line = try #require(error.range?.start.line)
        // The error points at the value, on the line of the key: the line after `spine.pain:` in main.yaml.
        let lines = BaseRuleset.main.split(separator: "\n", omittingEmptySubsequences: false)
        let fact = try #require(lines.firstIndex { $0 == "  spine.pain:" })
        #expect(line == fact + 2)
        #expect(error.range?.start.file.hasSuffix("main.yaml") == true)
    }

    @Test func aLabelOfFortyCharactersIsAccepted() throws {
        let result = try Self.load("label: \(String(repeating: "x", count: 40))")
        #expect(result.ruleset?.facts.first { $0.name == "spine.pain" }?.label?.count == 40, "\(result.rendered)")
    }
}
