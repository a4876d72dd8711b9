import GuidelineFuzzing
import Testing

/// One seed of a target's generated seed corpus.
struct SeedInput: CustomTestStringConvertible, Sendable {
    var target: FuzzTarget
    var name: String
    var bytes: [UInt8]
    var testDescription: String { "\(target.rawValue): \(name)" }

    /// The seeds of every target, generated from Rules/ and Tests/Fixtures as Tests/Fuzz/run.sh does.
    static let all: [SeedInput] = FuzzTarget.allCases.flatMap { target in
        FuzzSeeds.seeds(for: target, root: repositoryRoot).map {
            SeedInput(target: target, name: $0.name, bytes: $0.bytes)
        }
    }
}

/// The seed corpora exist, and every seed runs through its target with every invariant holding.
@Suite struct SeedCorpusTests {
    @Test(arguments: FuzzTarget.allCases)
    func everyTargetHasSeeds(_ target: FuzzTarget) {
        let seeds = SeedInput.all.filter { $0.target == target }
        #expect(seeds.count >= 10, "only \(seeds.count) seeds for '\(target.rawValue)'")
        #expect(Set(seeds.map(\.name)).count == seeds.count, "seed names are not unique")
    }

    @Test(arguments: SeedInput.all)
    func seedHoldsInvariants(_ seed: SeedInput) {
        let report = seed.target.run(seed.bytes)
        #expect(report.violations.isEmpty, "\(seed.name):\n\(report)")
    }

    @Test("the expression seeds include conditions, derived values, templates and table cells")
    func expressionSeeds() {
        let texts = Set(
            SeedInput.all.filter { $0.target == .expression }.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(texts.contains("neuro.cord_compression"))
        #expect(texts.contains { $0.contains("{") && $0.contains("}") })
        #expect(texts.contains("local-back-pain"))
    }
}
