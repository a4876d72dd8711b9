import GuidelineFuzzing
import Testing

/// The fuzz targets do real work on valid input (so fuzzing is not vacuous) and report broken invariants.
@Suite struct FuzzTargetTests {
    @Test(
        "valid input is accepted by each target",
        arguments: [
            (FuzzTarget.yaml, "a: [1, {b: c}]\nd: |\n  text\n"),
            (.expression, "sins >= 13 and not spine.stabilized\u{0}\u{5}\u{7}\u{1}"),
            (.compile, "sins.yaml\n" + (String(decoding: FuzzRuleset.compact.files["sins.yaml"] ?? [], as: UTF8.self))),
            (.case, "case: t12\nfacts:\n  spine.level: T12\n  spine.pain: mechanical\n"),
        ])
    func accepts(_ target: FuzzTarget, _ input: String) {
        let report = target.run(Array(input.utf8))
        #expect(report.accepted, "\(report)")
        #expect(report.violations.isEmpty, "\(report)")
    }

    @Test(
        "invalid input is rejected with located diagnostics",
        arguments: [
            (FuzzTarget.yaml, "a: [1\n"),
            (.expression, "sins >= "),
            (.compile, "facts.yaml\nfacts: [1]\n"),
            (.case, "facts: {spine.level: T99}\n"),
        ])
    func rejects(_ target: FuzzTarget, _ input: String) {
        let report = target.run(Array(input.utf8))
        #expect(!report.accepted)
        #expect(report.diagnostics > 0)
        #expect(report.violations.isEmpty, "\(report)")
    }

    @Test("the compile target replaces the file its first line names, or picks one by the name's bytes")
    func compileSplit() {
        let replaceable = FuzzRuleset.compact.replaceable
        #expect(replaceable.first == "ruleset.yaml")
        #expect(replaceable.contains("sins.yaml"))
        let named = CompileFuzzTarget.split(Array("sins.yaml\nscores: {}\n".utf8), replaceable: replaceable)
        #expect(named.path == "sins.yaml")
        #expect(named.content == Array("scores: {}\n".utf8))
        let picked = CompileFuzzTarget.split(Array("no-such-file.yaml\nx".utf8), replaceable: replaceable)
        #expect(replaceable.contains(picked.path))
        #expect(picked == CompileFuzzTarget.split(Array("no-such-file.yaml\nx".utf8), replaceable: replaceable))
        #expect(CompileFuzzTarget.split([], replaceable: replaceable).content.isEmpty)
    }

    @Test("the compact ruleset of the compile target compiles cleanly and decides rules for its examples")
    func compactRuleset() throws {
        let compact = FuzzRuleset.compact
        #expect(compact.ruleset.warnings.isEmpty, "\(compact.ruleset.warnings)")
        #expect(compact.replaceable == ["ruleset.yaml", "facts.yaml", "sins.yaml", "imaging.yaml", "rules.yaml"])
        #expect(compact.examples.count >= 3)
        let report = FuzzTarget.compile.run(Array("rules.yaml\n".utf8) + (compact.files["rules.yaml"] ?? []))
        #expect(report.accepted && report.diagnostics == 0, "\(report)")
    }

    @Test("the dictionaries hold one quoted entry per line", arguments: FuzzTarget.allCases)
    func dictionary(_ target: FuzzTarget) {
        let lines = FuzzDictionary.text(for: target).split(separator: "\n")
        #expect(lines.count == FuzzDictionary.entries(for: target).count)
        for line in lines {
            #expect(line.hasPrefix("\"") && line.hasSuffix("\"") && line.count >= 3, "\(line)")
            #expect(line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }, "\(line)")
        }
    }
}
