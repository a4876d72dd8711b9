import Foundation
import GuidelineTool
import Testing

/// `guideline evaluate --format jsonl --shard i/n`: shards 1/n to n/n of a batch write, together, every result line
/// of the single-process batch exactly once, each with its true input line number; every shard writes the header.
@Suite struct BatchShardTests {
    /// Generated cases with blank lines and a bad line among them, so that the positions a shard counts (cases,
    /// not lines) and the line numbers differ.
    static func input() throws -> String {
        let generated = try runBench(["--generate", "120", "--seed", "19"])
        #expect(generated.exitCode == 0)
        var lines: [String] = []
        for (index, line) in generated.stdout.split(separator: "\n").enumerated() {
            if index % 9 == 4 { lines.append("") }
            if index % 25 == 3 { lines.append("   ") }
            if index == 50 { lines.append(#"{"case": "bad", "facts": {"spine.levl": "T12"}}"#) }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The batch's output: the header line and the result lines.
    static func run(_ input: String, shard: BatchShard?, jobs: Int = 2) -> (header: String, lines: [String], code: Int32) {
        var command = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"])
        command.shard = shard
        command.jobs = jobs
        let output = command.run(stdin: { Array(input.utf8) })
        let lines = output.stdout.split(separator: "\n").map(String.init)
        return (lines.first ?? "", Array(lines.dropFirst()), output.exitCode)
    }

    /// The `line` of a result line.
    static func lineNumber(_ line: String) throws -> Int {
        let object = try #require(try parseJSON(line) as? [String: Any])
        return try #require(object["line"] as? Int)
    }

    @Test(arguments: [1, 2, 3, 7])
    func theShardsTogetherAreTheBatch(count: Int) throws {
        let input = try Self.input()
        let single = Self.run(input, shard: nil)
        #expect(single.code == 1, "the bad line makes the batch exit 1")
        #expect(single.lines.count > 120)
        // The single batch's lines by their input line number; each case's line is the input's.
        let inputLines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var byLine: [Int: String] = [:]
        for line in single.lines { byLine[try Self.lineNumber(line)] = line }
        #expect(byLine.count == single.lines.count)
        let caseLines = inputLines.indices.filter { !inputLines[$0].allSatisfy(\.isWhitespace) }.map { $0 + 1 }
        #expect(byLine.keys.sorted() == caseLines)

        var union: [Int: String] = [:]
        for index in 1...count {
            let shard = try #require(BatchShard(index: index, count: count))
            let part = Self.run(input, shard: shard, jobs: index % 2 + 1)
            #expect(part.header == single.header, "shard \(index)/\(count) writes the same header line")
            for line in part.lines {
                let number = try Self.lineNumber(line)
                #expect(union[number] == nil, "line \(number) is in two shards")
                union[number] = line
                // The shard takes the cases whose position among the cases is index - 1 modulo count.
                let position = try #require(caseLines.firstIndex(of: number))
                #expect(position % count == index - 1, "line \(number) (case \(position)) in shard \(index)/\(count)")
            }
            let hasBad = part.lines.contains { $0.contains("\"errors\":[{") }
            #expect(part.code == (hasBad ? 1 : 0), "shard \(index)/\(count): exit 1 only with the bad line")
        }
        #expect(union == byLine, "the shards' lines joined by line number are the single batch's")
    }

    @Test func positionsRunOnAcrossInputFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = directory.appendingPathComponent("a.jsonl").path
        let second = directory.appendingPathComponent("b.jsonl").path
        func cases(_ prefix: String, _ count: Int) -> String {
            (0..<count).map { #"{"case":"\#(prefix)\#($0)","facts":{}}"# }.joined(separator: "\n") + "\n"
        }
        try Data(cases("a", 5).utf8).write(to: URL(fileURLWithPath: first))
        try Data(("\n" + cases("b", 4)).utf8).write(to: URL(fileURLWithPath: second))
        var command = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: [first, second])
        command.shard = BatchShard(index: 2, count: 3)
        let output = command.run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        let objects = try output.stdout.split(separator: "\n").dropFirst().map {
            try #require(try parseJSON(String($0)) as? [String: Any])
        }
        // The 2nd, 5th and 8th of the nine cases: a1 and a4 in the first file, b2 (line 4, after a blank line) in
        // the second; each line names its file.
        #expect(objects.compactMap { $0["case"] as? String } == ["a1", "a4", "b2"])
        #expect(objects.compactMap { $0["line"] as? Int } == [2, 5, 4])
        #expect(objects.compactMap { ($0["source"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } } == ["a.jsonl", "a.jsonl", "b.jsonl"])
    }

    @Test func parsing() {
        #expect((try? BatchShard.parse("2/8").get()) == BatchShard(index: 2, count: 8))
        #expect((try? BatchShard.parse("1/1").get()) == BatchShard(index: 1, count: 1))
        for bad in ["0/4", "5/4", "2/0", "2", "a/b", "-1/4", "1/4/5", "/4", "2/", " 2/4", "+2/4", "1/99999999"] {
            #expect((try? BatchShard.parse(bad).get()) == nil, "\(bad)")
        }
        if case .failure(let error) = BatchShard.parse("5/4") {
            #expect(error.message == "--shard '5/4': i must be from 1 to n (4)")
        }
        if case .failure(let error) = BatchShard.parse("two") {
            #expect(error.message == "--shard takes i/n, such as 2/8 (the second of 8 shards); got 'two'")
        }
    }

    @Test func usageErrors() throws {
        let rules = ["--rules", bundledRulesetPath]
        let outOfRange = try runGuideline(["evaluate"] + rules + ["--format", "jsonl", "--shard", "0/4", "-"])
        #expect(outOfRange.exitCode == 64)
        #expect(outOfRange.stderr.contains("--shard '0/4': i must be from 1 to n (4)"), "\(outOfRange.stderr)")
        let notBatch = try runGuideline(["evaluate"] + rules + ["--shard", "1/2", examplePath("unstable-t12.yaml")])
        #expect(notBatch.exitCode == 64)
        #expect(notBatch.stderr.contains("--shard applies to batches only: add --format jsonl"), "\(notBatch.stderr)")
        let line = #"{"case":"a","facts":{"spine.level":"T12"}}"# + "\n" + #"{"case":"b","facts":{}}"# + "\n"
        let second = try runGuideline(["evaluate"] + rules + ["--format", "jsonl", "--shard", "2/2", "-"], stdin: line)
        #expect(second.exitCode == 0, "\(second.stderr)")
        let lines = second.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("{\"header\":") && lines[1].hasPrefix("{\"line\":2,\"case\":\"b\""))
    }
}
