import Foundation
import GuidelineAudit
import Testing

/// Replay against the archived ruleset reproduces each decision, even after the rule files changed; replay
/// against another ruleset names the decisions that would change.
@Suite("Audit replay")
struct ReplayTests {
    /// The examples whose facts have a compression fracture (the rule the changed ruleset touches).
    func fractureExamples() throws -> Set<String> {
        Set(
            try examplePaths().filter {
                try String(contentsOfFile: $0, encoding: .utf8).contains("spine.compression_fracture: true")
            })
    }

    @Test("every decision reproduces against its archived ruleset", arguments: StoreBackend.all)
    func reproduces(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store)
        let output = replay(store)
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout == "5 decisions replayed: 5 reproduced, 0 differ\n")
    }

    @Test(
        "after the rule files changed, the archive still reproduces; --against them shows the impact",
        arguments: StoreBackend.all)
    func changedRuleset(_ backend: StoreBackend) throws {
        let directory = try temporaryDirectory()
        let rules = try copyOfBundledRuleset(in: directory)
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store, rules: rules)
        // The rule for a compression fracture now recommends augmentation instead of suggesting it be considered.
        try replaceOnce(
            in: "\(rules)/interventional.yaml",
            "        kind: consider\n        text: >-\n          Vertebral compression",
            with: "        kind: recommended\n        text: >-\n          Vertebral compression")

        let archived = replay(store)
        #expect(archived.exitCode == 0, "\(archived.stdout)\(archived.stderr)")
        #expect(archived.stdout == "5 decisions replayed: 5 reproduced, 0 differ\n")

        let impact = replay(store, against: rules)
        #expect(impact.exitCode == 0, "\(impact.stderr)")
        let changed = try fractureExamples().count
        #expect(changed >= 1)
        #expect(impact.stdout.contains(": \(changed) of 5 decisions would change\n"), "\(impact.stdout)")
        #expect(
            impact.stdout.contains(
                "'vertebral-augmentation' was vertebral-augmentation consider, now vertebral-augmentation recommended"))
        #expect(impact.stdout.components(separatedBy: ": would change\n").count - 1 == changed)
    }

    @Test("--since leaves out what was recorded before", arguments: StoreBackend.all)
    func since(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store)
        let output = replay(store, since: "2999-01-01")
        #expect(output.stdout == "0 decisions replayed: 0 reproduced, 0 differ\n")
    }

    @Test(
        "show prints the decision with its explanation regenerated, and says it reproduced", arguments: StoreBackend.all
    )
    func shows(_ backend: StoreBackend) throws {
        let store = try backend.freshStore()
        _ = try evaluateExamples(into: store)
        let ids = try decisionIDs(in: store)
        // unstable-t12.yaml is the last example in path order.
        let output = show(store, id: ids[4])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("decision \(ids[4]) (record 5)\nrecorded "))
        #expect(output.stdout.contains(" by 'tester' via cli\n"))
        let time = #"\nrecorded \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z by"#
        #expect(output.stdout.range(of: time, options: .regularExpression) != nil, "RFC 3339 UTC: \(output.stdout)")
        #expect(output.stdout.contains("replay: reproduced against the archived ruleset\n"))
        #expect(output.stdout.contains("because "))
        #expect(output.stdout.contains("surgical-stabilization") || output.stdout.contains("Surgical stabil"))

        let missing = show(store, id: "no-such-id")
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("no decision 'no-such-id' in the audit store"))
        #expect(missing.stderr.contains("[audit.decision-not-found]"))
    }
}
