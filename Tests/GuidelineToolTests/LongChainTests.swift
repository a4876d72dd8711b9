import Foundation
import GuidelineTool
import Testing

/// A flat chain of terms (`a and b and ...`, `x + y + ...`) is not deep: conditions with as many operations
/// one after another as the limit allows (128) load, check and evaluate, also on the batch's worker threads
/// (1 MiB stacks) with every explanation, whose walks recurse through every operation.
@Suite struct LongChainTests {
    static func rule(_ id: String, _ when: String) -> String {
        """
          - id: \(id)
            title: a long chain
            when: \(when)
            recommend:
              - {action: observation, kind: consider, text: long}
            cite: [seed-001]

        """
    }

    @Test func longChainsLoadAndEvaluate() throws {
        let copy = try copyOfBundledRuleset()
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let file = "\(copy)/care-pathway.yaml"
        let andChain = Array(repeating: "known(sins)", count: 126).joined(separator: " and ")  // 127 operations
        let sumChain = Array(repeating: "sins", count: 127).joined(separator: "+") + " > 0"  // 127
        let ones =
            "(" + Array(repeating: "1", count: 63).joined(separator: "+") + ")+"
            + Array(repeating: "1", count: 63).joined(separator: "+") + " > sins"  // 127
        for text in [andChain, sumChain, ones] {
            try #require(text.unicodeScalars.count <= 4096, "\(text.unicodeScalars.count)")
        }
        let rules = Self.rule("long-and", andChain) + Self.rule("long-sum", sumChain) + Self.rule("long-ones", ones)
        try replaceOnce(in: file, "rules:\n", with: "rules:\n" + rules)
        let check = CheckCommand(directories: [copy]).run()
        #expect(check.exitCode == 0, "\(check.stderr.prefix(2000))")
        let example = examplePath("unstable-t12.yaml")
        let json = EvaluateCommand(rules: copy, format: .json, cases: [example], explainAll: true).run()
        #expect(json.exitCode == 0, "\(json.stderr.prefix(2000))")
        #expect(json.stdout.contains("long-sum"))
        let line = try jsonLine(fromYAMLCase: try readText(example)) + "\n"
        var batch = EvaluateCommand(rules: copy, format: .jsonl, cases: ["-"], explainAll: true)
        batch.jobs = 2
        let output = batch.run(stdin: { Array(String(repeating: line, count: 200).utf8) })
        #expect(output.exitCode == 0, "\(output.stderr.prefix(2000))")
        #expect(output.stdout.split(separator: "\n").count == 201)
    }
}
