import Foundation
import GuidelineTool
import Testing

/// A case written as valid JSON with a surrogate pair escape (`"\ud83d\ude00"`) is read, in a `.json` case
/// file and in a batch line; a lone surrogate is an error at the escape.
@Suite struct SurrogateCaseTests {
    static let regressions = repositoryRoot.appendingPathComponent("Tests/Fuzz/regressions/case").path

    @Test func aJSONCaseFileWithAPairIsEvaluated() throws {
        let output = EvaluateCommand(
            rules: bundledRulesetPath, format: .json, cases: ["\(Self.regressions)/surrogate-pair.json"]
        ).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        let result = try #require(try parseJSON(output.stdout) as? [String: Any])
        #expect(result["case"] as? String == "smile-😀")
    }

    @Test func aBatchLineWithAPairIsEvaluated() throws {
        let line = try readText("\(Self.regressions)/surrogate-pair.json")
        let output = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"]).run(stdin: {
            Array(line.utf8)
        })
        #expect(output.exitCode == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let result = try #require(try parseJSON(String(lines.last ?? "")) as? [String: Any])
        #expect(result["case"] as? String == "smile-😀", "\(lines.last ?? "")")
        #expect(result["errors"] == nil || (result["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func aLoneSurrogateIsAnErrorAtTheEscape() throws {
        let path = "\(Self.regressions)/lone-surrogate.json"
        let file = EvaluateCommand(rules: bundledRulesetPath, format: .json, cases: [path]).run()
        #expect(file.exitCode == 1)
        #expect(
            file.stderr.contains(
                "\(path):1:16: error: escape '\\ud83d' is the first half of a surrogate pair, with no second half after it [yaml.invalid-escape]"
            ), "\(file.stderr)")
        let line = try readText(path)
        let batch = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"]).run(stdin: {
            Array(line.utf8)
        })
        #expect(batch.exitCode == 1)
        #expect(batch.stdout.contains("yaml.invalid-escape"), "\(batch.stdout)")
    }
}
