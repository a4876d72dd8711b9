import Foundation
import GuidelineTool
import Testing

/// `guideline evaluate --format jsonl`: one result per input line, in order.
@Suite struct BatchTests {
    func run(_ stdin: String) -> ToolOutput {
        EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"]).run(stdin: { Array(stdin.utf8) })
    }

    /// The output lines after the header line (which the tests check once).
    func resultLines(_ output: ToolOutput) -> [String] {
        Array(
            output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().dropFirst().map(
                String.init))
    }

    static let input =
        [
            #"{"case": "first", "facts": {"spine.level": "T12", "spine.pain": "mechanical"}}"#,
            "",
            #"{"case": "second", "facts": {"spine.level": "T12", "patient.life_expectancy": "6 mo"}}"#,
            "   ",
            #"{"case": "bad", "facts": {"spine.levl": "T12", "spine.pain": "sometimes"}}"#,
            #"{"case": "third", "facts": {"labs.platelets": {"value": 45000, "unit": "/uL"}}}"#,
            "",
            #"{"case": "fourth", "facts": {}}"#,
        ].joined(separator: "\n") + "\n"

    @Test func badLineInTheMiddle() throws {
        let output = run(Self.input)
        #expect(output.exitCode == 1)
        #expect(output.stdout.hasSuffix("\n"))
        let header = try #require(try parseJSON(String(output.stdout.prefix { $0 != "\n" })) as? [String: Any])
        #expect((header["header"] as? [String: Any])?["format"] as? String == "guideline-batch/2")
        let lines = resultLines(output)
        #expect(lines.count == 5, "one output line per non-blank input line: \(lines.count)")
        let objects = try lines.map { try #require(try parseJSON($0) as? [String: Any]) }
        #expect(objects[0]["case"] as? String == "first")
        #expect(objects[1]["case"] as? String == "second")
        #expect(objects[3]["case"] as? String == "third")
        #expect(objects[4]["case"] as? String == "fourth")
        for index in [0, 1, 3, 4] { #expect(objects[index]["recommendations"] is [Any]) }

        // The bad line: an error object with its line number (5, counting the blank lines).
        let bad = objects[2]
        #expect(lines[2].hasPrefix(#"{"line":5,"#))
        #expect(bad["line"] as? Int == 5)
        #expect(bad["source"] as? String == "<stdin>")
        #expect(bad["recommendations"] == nil)
        let errors = try #require(bad["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0["line"] as? Int == 5 && $0["file"] as? String == "<stdin>" })
        #expect(errors.map { $0["code"] as? String } == ["case.undeclared-fact", "case.unknown-enum-value"])
        #expect(errors.first?["column"] as? Int == 27)
    }

    @Test func threeGoodLinesAndOneBad() throws {
        let input = [
            #"{"case": "a", "facts": {"spine.level": "T12"}}"#,
            #"{"case": "b", "facts": {"spine.level": "T13"}}"#,
            #"{"case": "c", "facts": {"spine.pain": "none"}}"#,
            #"{"case": "d", "facts": {"spine.stabilized": true}}"#,
        ].joined(separator: "\n")  // no final newline
        let output = run(input)
        #expect(output.exitCode == 1)
        let lines = resultLines(output)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix(#"{"line":2,"#))
        #expect(try lines.map { (try parseJSON($0) as? [String: Any])?["case"] as? String } == ["a", nil, "c", "d"])
    }

    @Test func allGoodLinesExitZeroAndBlankLinesAreSkipped() throws {
        let input =
            "\n\n" + #"{"case": "a", "facts": {"spine.level": "T12"}}"# + "\r\n\t\n" + #"{"case": "b", "facts": {}}"#
            + "\n\n"
        let output = run(input)
        #expect(output.exitCode == 0, "\(output.stdout)")
        let lines = resultLines(output)
        #expect(try lines.map { (try parseJSON($0) as? [String: Any])?["case"] as? String } == ["a", "b"])
    }

    @Test func batchFromAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try Data(Self.input.utf8).write(to: file)
        let output = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: [file.path]).run()
        #expect(output.exitCode == 1)
        let lines = resultLines(output)
        #expect(lines.count == 5)
        let bad = try #require(try parseJSON(lines[2]) as? [String: Any])
        #expect(bad["line"] as? Int == 5)
        #expect(bad["source"] as? String == file.path)
        // Same results as from standard input, apart from the source name.
        #expect(output.stdout.replacingOccurrences(of: file.path, with: "<stdin>") == run(Self.input).stdout)
    }

    /// With several batch files, every line names its source, so lines with the same number can be told apart;
    /// with one input, result lines carry no source (error lines always do).
    @Test func severalFilesNameTheSourceOnEveryLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batches-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = directory.appendingPathComponent("first.jsonl").path
        let second = directory.appendingPathComponent("second.jsonl").path
        try Data((#"{"case":"a","facts":{}}"# + "\n" + #"{"case":"b","facts":{"spine.level":"T99"}}"# + "\n").utf8)
            .write(to: URL(fileURLWithPath: first))
        try Data((#"{"case":"c","facts":{}}"# + "\n").utf8).write(to: URL(fileURLWithPath: second))
        let output = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: [first, second]).run()
        let objects = try resultLines(output).map { try #require(try parseJSON($0) as? [String: Any]) }
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 1])
        #expect(objects.map { $0["source"] as? String } == [first, first, second])
        let single = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: [second]).run()
        #expect(try resultLines(single).map { (try parseJSON($0) as? [String: Any])?["source"] as? String } == [nil])
    }

    /// The notes of a batch error point at the line of the batch, as the error does (not at line 1).
    @Test func notesPointAtTheLineOfTheBatch() throws {
        let output = run("\n\n" + #"{"facts":{"spine.pain":"none","spine.pain":"mechanical"}}"# + "\n")
        let text = try #require(resultLines(output).first)
        let line = try #require(try parseJSON(text) as? [String: Any])
        let error = try #require((line["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "yaml.duplicate-key")
        #expect(error["line"] as? Int == 3)
        let notes = try #require(error["notes"] as? [[String: Any]])
        #expect(!notes.isEmpty)
        #expect(notes.allSatisfy { $0["line"] as? Int == 3 && $0["file"] as? String == "<stdin>" }, "\(notes)")
    }
}
