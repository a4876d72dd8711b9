import Foundation
import Testing

@testable import GuidelineTool

/// `guideline test --mutants`: the mutants of a small ruleset, which of them its tests kill, and the score
/// rising when the tests that kill the survivors are added.
@Suite struct MutationTestingTests {
    static let manifest = """
        ruleset: {id: mutants, title: Mutants, version: 0.1.0}
        files: [rules.yaml]
        tests: [tests.yaml]
        actions:
          physical-therapy: {title: Physical therapy}
        sources:
          seed-002: {title: Physical therapy for bone metastases, organization: Dr.Oracle, date: 2025-12-17}
        """
    static let rules = """
        facts:
          labs.platelets: {type: quantity, unit: /uL, range: 0 /uL..5000000 /uL, description: platelet count}
          patient.bleeding: {type: boolean, description: active bleeding}
        rules:
          - id: pt-caution-low-platelets
            when: labs.platelets < 50000 /uL and not patient.bleeding
            recommend:
              - {action: physical-therapy, kind: caution, text: Low platelets.}
            cite:
              - {source: seed-002, section: Contraindications, quote: "platelet count <50,000/μL"}
        """
    /// Tests that miss the boundary and the bleeding condition.
    static let weakTests = """
        tests:
          - name: low platelets
            facts: {labs.platelets: 30000 /uL, patient.bleeding: false}
            expect: {caution: [physical-therapy]}
          - name: normal platelets
            facts: {labs.platelets: 250000 /uL, patient.bleeding: false}
            expect: {absent: [physical-therapy]}
        """
    /// The same, with the boundary on both sides and the bleeding case.
    static let strongTests =
        weakTests + """

              - name: exactly 50000 is not low
                facts: {labs.platelets: 50000 /uL, patient.bleeding: false}
                expect: {absent: [physical-therapy]}
              - name: 49999 is low
                facts: {labs.platelets: 49999 /uL, patient.bleeding: false}
                expect: {caution: [physical-therapy]}
              - name: 50001 is not low
                facts: {labs.platelets: 50001 /uL, patient.bleeding: false}
                expect: {absent: [physical-therapy]}
              - name: bleeding is not this rule's case
                facts: {labs.platelets: 30000 /uL, patient.bleeding: true}
                expect: {absent: [physical-therapy]}
            """

    static func ruleset(tests: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in [("ruleset.yaml", manifest), ("rules.yaml", rules), ("tests.yaml", tests)] {
            try Data((text + "\n").utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory.path
    }

    @Test func everyKindOfMutantIsMadeAtItsPlace() throws {
        let directory = try Self.ruleset(tests: Self.weakTests)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try MutationTesting(directory: directory).run().get()
        let made = Set(report.results.map { "\($0.mutant.kind.rawValue): \($0.mutant.original) -> \($0.mutant.replacement)" })
        #expect(
            made.isSuperset(of: [
                "threshold: 50000 -> 49999", "threshold: 50000 -> 50001", "comparison: < -> <=",
                "conjunct: labs.platelets < 50000 /uL and not patient.bleeding -> (labs.platelets < 50000 /uL)",
                "conjunct: labs.platelets < 50000 /uL and not patient.bleeding -> (not patient.bleeding)",
                "kind: caution -> consider",
            ]), "\(made.sorted())")
        let threshold = try #require(report.results.first { $0.mutant.replacement == "49999" })
        #expect(threshold.mutant.location.description == "\(directory)/rules.yaml:6:28")
    }

    @Test func testsThatMissTheBoundaryLeaveSurvivorsAndTheMissingTestsKillThem() throws {
        let weak = try Self.ruleset(tests: Self.weakTests)
        defer { try? FileManager.default.removeItem(atPath: weak) }
        let before = try MutationTesting(directory: weak).run().get()
        let survivors = Set(before.survived.map { "\($0.mutant.original) -> \($0.mutant.replacement)" })
        #expect(survivors.contains("< -> <="), "the boundary is not tested")
        #expect(survivors.contains("50000 -> 49999") && survivors.contains("50000 -> 50001"))
        #expect(!survivors.contains("caution -> consider"), "the kind is tested")
        #expect(before.score < 100)
        let strong = try Self.ruleset(tests: Self.strongTests)
        defer { try? FileManager.default.removeItem(atPath: strong) }
        let after = try MutationTesting(directory: strong).run().get()
        #expect(after.survived.isEmpty, "\(after.survived.map(\.mutant.description))")
        #expect(after.score == 100 && after.counted == before.counted)
    }

    @Test func theMinimumScoreSetsTheExitCodeAndFailingTestsStopTheRun() throws {
        let weak = try Self.ruleset(tests: Self.weakTests)
        defer { try? FileManager.default.removeItem(atPath: weak) }
        let below = MutantsCommand(directories: [weak], minScore: 99).run()
        #expect(below.exitCode == 1 && below.stderr.contains("of mutants killed, below --min-score 99.0%"))
        #expect(below.stdout.contains("survivors (no test fails on these changes):"))
        #expect(MutantsCommand(directories: [weak], minScore: 10).run().exitCode == 0)
        let failing = try Self.ruleset(tests: Self.weakTests.replacingOccurrences(of: "caution: [", with: "recommended: ["))
        defer { try? FileManager.default.removeItem(atPath: failing) }
        let refused = MutantsCommand(directories: [failing]).run()
        #expect(refused.exitCode == 1 && refused.stderr.contains("fails without any mutation"), "\(refused.stderr)")
    }
}

/// The bundled guideline's own tests kill at least 90% of its mutants (issue: authoring). About two minutes of a
/// debug build's time on two cores, so the sanitizer steps of `.ci/run` (which set `GUIDELINE_SANITIZER`) leave
/// it out: it runs no code the other tests do not.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GUIDELINE_SANITIZER"] == nil, "slow under a sanitizer"))
struct BundledGuidelineMutationTests {
    @Test func theBundledTestsKillAtLeastNinetyPercentOfItsMutants() throws {
        let report = try MutationTesting(directory: bundledRulesetPath).run().get()
        #expect(report.counted > 200, "\(report.counted) mutants counted")
        #expect(
            report.score >= 90,
            "\(MutantsCommand.percent(report.score)) killed; survivors:\n\(report.survived.map(\.mutant.description).joined(separator: "\n"))"
        )
    }
}
