import Foundation
import GuidelineCompiler
import GuidelineEngine
import Testing

@testable import GuidelineTool

/// The batch path's fast case reader, limits, block streaming and parallel order.
@Suite struct BatchStreamingTests {
    static let ruleset: CompiledRuleset? = RulesetLoader().load(directory: bundledRulesetPath).ruleset

    /// Example cases as JSON lines, and variations of each: fields dropped, values changed, odd spacing, escapes,
    /// duplicates, exponents, leading zeros, wrong types, unknown keys.
    static func variations() throws -> [String] {
        var lines: [String] = []
        for name in try exampleNames() {
            let line = try jsonLine(fromYAMLCase: readText(examplePath(name)))
            lines.append(line)
            lines.append(line.replacingOccurrences(of: ":", with: " : ").replacingOccurrences(of: ",", with: " ,\t"))
            lines.append(line.replacingOccurrences(of: "\"T12\"", with: "\"T13\""))
            lines.append(line.replacingOccurrences(of: "true", with: "\"true\""))
            lines.append(line.replacingOccurrences(of: "\"facts\"", with: "\"fact\""))
            lines.append(line.replacingOccurrences(of: "\"case\":", with: "\"case\":1,\"x\":"))
            lines.append(line.replacingOccurrences(of: " mo\"", with: " mo \""))
            lines.append(line.replacingOccurrences(of: " mo\"", with: " d\""))
            lines.append(line.replacingOccurrences(of: " mo\"", with: " Gy\""))
            lines.append(line.replacingOccurrences(of: "{\"", with: "{\"spine.level\":\"T1\",\""))
            lines.append(line.replacingOccurrences(of: "mechanical", with: "mech\\u0061nical"))
            lines.append(line + " ")
            lines.append(line + "x")
            lines.append(String(line.dropLast()))
        }
        for value in [
            "0", "00", "07", "-0", "1e3", "1.5", "1.0000001", "3.", ".5", "-1", "9999999999999999999", "NaN", "null",
            "[1]", "{}", "\"5\"",
        ] {
            lines.append("{\"case\":\"n\",\"facts\":{\"patient.age\":\(value),\"rt.proposed_fractions\":\(value)}}")
        }
        for quantity in ["6 mo", "6  mo", "6mo", "-6 mo", "06 mo", "6.5 wk", "1e2 d", "6 MO", "6 mo ", " 6 mo"] {
            lines.append("{\"case\":\"q\",\"facts\":{\"patient.life_expectancy\":\"\(quantity)\"}}")
        }
        lines.append("{\"case\":\"dup\",\"facts\":{\"spine.pain\":\"none\",\"spine.pain\":\"mechanical\"}}")
        lines.append("{\"case\":\"caf\\u00e9\",\"facts\":{}}")
        lines.append("{\"case\":\"é\",\"facts\":{}}")
        lines.append("{\"facts\":null}")
        lines.append("{\"facts\":{},\"case\":\"late\"}")
        return lines
    }

    /// Whatever the fast reader accepts, `CaseDecoder` reads to the same case; it rejects nothing valid it is
    /// meant to handle (every example line is read fast).
    @Test func fastReaderAgreesWithTheDecoder() throws {
        let ruleset = try #require(Self.ruleset)
        let reader = JSONCaseReader(ruleset: ruleset)
        let decoder = CaseDecoder(ruleset: ruleset)
        var fast = 0
        for line in try Self.variations() {
            let bytes = Array(line.utf8)
            let quick = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") }
            let slow = decoder.decode(bytes: bytes, file: "t")
            guard let quick else { continue }
            fast += 1
            let input = try #require(
                slow.input,
                "fast reader accepted a line the decoder rejects: \(line) \(slow.diagnostics.map(\.message))")
            #expect(quick.id == input.id, "\(line)")
            #expect(quick.facts == input.facts, "\(line)")
        }
        #expect(fast >= (try exampleNames()).count)
        // Reading into one reused case (as a batch thread does) gives what a fresh read gives, line after line
        // (in both orders, so a line with few facts follows lines with many).
        var reused = CaseInput(id: "stale", facts: [], origin: "")
        let all = try Self.variations()
        for line in all + all.reversed() {
            let bytes = Array(line.utf8)
            let fresh = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") }
            let read = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t", into: &reused) }
            #expect(read == (fresh != nil), "\(line)")
            guard let fresh, read else { continue }
            #expect(reused.id == fresh.id && reused.facts == fresh.facts && reused.origin == "t", "\(line)")
        }
        let examples = try exampleNames().map { try jsonLine(fromYAMLCase: readText(examplePath($0))) }
        // Lines in the simple form are all read fast (quantities as {value, unit} and escapes go the slow way).
        for line in examples where !line.contains("\\") && !line.contains("{\"value\"") {
            #expect(
                Array(line.utf8).withUnsafeBufferPointer { reader.read($0, origin: "t") } != nil,
                "not read fast: \(line)")
        }
    }

    func batch(_ input: String, jobs: Int = 2, limits: BatchLimits = .default) -> ToolOutput {
        var command = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"])
        command.jobs = jobs
        command.limits = limits
        return command.run(stdin: { Array(input.utf8) })
    }

    /// Many blocks' worth of cases on two threads give exactly the output of one thread, in input order.
    @Test func parallelOutputKeepsInputOrder() throws {
        let examples = try exampleNames().map { try jsonLine(fromYAMLCase: readText(examplePath($0))) }
        var lines: [String] = []
        for index in 0..<(BatchRunner.blockLines + 700) {
            let example = examples[index % examples.count]
            lines.append(example.replacingOccurrences(of: "\"case\":\"", with: "\"case\":\"\(index)-"))
            if index % 997 == 0 { lines.append("{\"case\": \"broken-\(index)\", \"facts\": {\"spine.levl\": \"T1\"}}") }
        }
        let input = lines.joined(separator: "\n") + "\n"
        let serial = batch(input, jobs: 1)
        let parallel = batch(input, jobs: 2)
        #expect(serial.exitCode == 1)
        #expect(parallel == serial)
        let outLines = serial.stdout.split(separator: "\n").dropFirst()
        #expect(outLines.count == lines.count)
        for (number, line) in outLines.enumerated() {
            #expect(line.hasPrefix("{\"line\":\(number + 1),"), "line \(number + 1) out of order")
        }
    }

    @Test func lineOverTheLimitIsAnErrorLineAndTheBatchGoesOn() throws {
        let long = "{\"case\":\"long\",\"facts\":{\"spine.level\":\"T12\"" + String(repeating: " ", count: 300) + "}}"
        let input = "{\"case\":\"a\",\"facts\":{}}\n" + long + "\n{\"case\":\"b\",\"facts\":{}}\n"
        let output = batch(input, limits: BatchLimits(maxLineBytes: 200))
        #expect(output.exitCode == 1)
        let lines = output.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(lines.count == 3)
        let error = try #require(try parseJSON(lines[1]) as? [String: Any])
        #expect(error["line"] as? Int == 2)
        let diagnostics = try #require(error["errors"] as? [[String: Any]])
        #expect(diagnostics.first?["code"] as? String == "batch.line-too-long")
        #expect((diagnostics.first?["message"] as? String)?.contains("over the limit of 200 bytes") == true)
        #expect((try parseJSON(lines[2]) as? [String: Any])?["case"] as? String == "b")
    }

    /// A line longer than a whole read block, with no newline for megabytes, is skipped without being held.
    @Test func hugeLineIsSkippedInBoundedMemory() throws {
        let huge = "{\"case\":\"" + String(repeating: "x", count: BatchRunner.blockBytes + 100) + "\"}"
        let output = batch("\(huge)\n{\"case\":\"after\",\"facts\":{}}", limits: BatchLimits(maxLineBytes: 1000))
        let lines = output.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].contains("batch.line-too-long"))
        #expect(lines[0].contains("\"line\":1,"))
        #expect((try parseJSON(lines[1]) as? [String: Any])?["case"] as? String == "after")
    }

    @Test func casesOverTheLimitStopTheBatch() throws {
        let input = (0..<10).map { "{\"case\":\"c\($0)\",\"facts\":{}}" }.joined(separator: "\n")
        let output = batch(input, limits: BatchLimits(maxCases: 4))
        #expect(output.exitCode == 1)
        #expect(output.stdout.split(separator: "\n").count == 1 + 4)
        #expect(output.stderr.contains("more than 4 cases (the limit --max-cases)"))
        #expect(output.stderr.contains("from line 5 on"))
        // One is singular.
        let one = batch(input, limits: BatchLimits(maxCases: 1))
        #expect(one.stderr.contains("more than 1 case (the limit --max-cases)"), "\(one.stderr)")
    }

    @Test func headerCarriesRulesSourcesAndCitations() throws {
        let output = batch("{\"case\":\"a\",\"facts\":{}}\n")
        let header = try #require(
            (try parseJSON(String(output.stdout.prefix { $0 != "\n" })) as? [String: Any])?["header"] as? [String: Any])
        let ruleset = try #require(Self.ruleset)
        let rules = try #require(header["rules"] as? [String: [String: Any]])
        #expect(Set(rules.keys) == Set(ruleset.rules.map(\.id)))
        let sources = try #require(header["sources"] as? [String: Any])
        #expect(Set(sources.keys) == Set(ruleset.manifest.sources.map(\.id)))
        #expect((header["ruleset"] as? [String: Any])?["fingerprint"] as? String == ruleset.fingerprint)
    }
}
