import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// Scores whose points add up beyond 64-bit integers, or whose declared range is wider than an integer holds
/// (found by the `compile` fuzz target: the engine trapped on the total, the band check looped for ever).
/// Points, ranges and bands beyond the size of a number (`Number.largestWhole`) are now refused where they are
/// written (`rules.invalid-number`), so no total can overflow; the overflow check stays as a second guard.
@Suite struct ScoreOverflowTests {
    /// The base ruleset with its score `sins` replaced by `score` (the lines under `scores:`).
    static func files(score: String) throws -> [String: [UInt8]] {
        let main = BaseRuleset.main
        let start = try #require(main.range(of: "  sins:\n"))
        let end = try #require(main.range(of: "derived:\n"))
        let replaced = main.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: score)
        return ["ruleset.yaml": Array(BaseRuleset.manifest.utf8), "main.yaml": Array(replaced.utf8)]
    }

    @Test("points whose total overflows are an error at the score, even when the wrapped totals look in range")
    func totalOverflows() throws {
        let files = try Self.files(
            score: """
                  sins:
                    title: overflowing points
                    range: -2..0
                    cite: [fisher-2010]
                    components:
                      location:
                        fact: spine.level
                        points: {C1..C2: 9223372036854775807, C3: 0, T1: 0}
                      pain:
                        fact: spine.pain
                        points: {mechanical: 9223372036854775807, occasional: 0, none: 0}
                    bands:
                      stable: -2..-2
                      potentially-unstable: -1..-1
                      unstable: 0..0

                """)
        let result = RulesetLoader().load(files: files, directory: "overflow")
        #expect(result.ruleset == nil)
        let diagnostic = try #require(
            result.diagnostics.first { $0.code == "rules.invalid-number" }, "\(result.rendered)")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range?.start.file == "overflow/main.yaml")
        #expect(diagnostic.range?.start.line == 31, "at the first oversized points: \(result.rendered)")
        #expect(diagnostic.range?.start.column == 26)
    }

    @Test("negative points whose total overflows are an error too")
    func negativeTotalOverflows() throws {
        let files = try Self.files(
            score: """
                  sins:
                    title: overflowing points
                    range: 0..6
                    cite: [fisher-2010]
                    components:
                      location:
                        fact: spine.level
                        points: {C1..C2: -9223372036854775808, C3: 0, T1: 0}
                      pain:
                        fact: spine.pain
                        points: {mechanical: -1, occasional: 0, none: 0}
                    bands:
                      stable: 0..2
                      potentially-unstable: 3..4
                      unstable: 5..6

                """)
        let result = RulesetLoader().load(files: files, directory: "overflow")
        #expect(result.diagnostics.contains { $0.code == "rules.invalid-number" }, "\(result.rendered)")
        #expect(result.ruleset == nil)
    }

    @Test("a declared range wider than an integer holds is not walked total by total")
    func rangeWidthOverflows() throws {
        let files = try Self.files(
            score: """
                  sins:
                    title: the widest range
                    range: -9223372036854775808..0
                    cite: [fisher-2010]
                    components:
                      location:
                        fact: spine.level
                        points: {C1..C2: 0, C3: -9223372036854775808, T1: 0}
                      pain:
                        fact: spine.pain
                        points: {mechanical: 0, occasional: 0, none: 0}
                    bands:
                      stable: -9223372036854775808..-2
                      potentially-unstable: -1..-1
                      unstable: 0..0

                """)
        let result = RulesetLoader().load(files: files, directory: "overflow")
        // Returns (no walk over 2^63 totals), with the oversized numbers refused where they are written.
        #expect(result.ruleset == nil)
        #expect(result.diagnostics.contains { $0.code == "rules.invalid-number" }, "\(result.rendered)")
    }
}
