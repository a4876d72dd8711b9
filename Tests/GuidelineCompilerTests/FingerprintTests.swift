import Foundation
import GuidelineCompiler
import Testing

/// The content fingerprint: stable under re-reading, key order, file-list order, comments and layout;
/// changed by any change of content.
@Suite("Fingerprint")
struct FingerprintTests {
    static let extra = """
        rules:
          - id: pt-after-stabilisation
            when: spine.stabilized
            recommend:
              - action: physical-therapy
                kind: consider
                text: consider physical therapy after stabilisation
            cite: [fisher-2010]

        """

    static var baseFiles: [String: String] {
        [
            "ruleset.yaml": BaseRuleset.manifest.replacingFirst(
                "  - main.yaml\n", with: "  - main.yaml\n  - extra.yaml\n")!,
            "main.yaml": BaseRuleset.main,
            "extra.yaml": extra,
        ]
    }

    /// A variant of the base files: a name and the replacements (file, old, new) that make it.
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var edits: [(file: String, old: String, new: String)]
        var testDescription: String { name }
    }

    /// Loads `files` into `directory` (the same path every time: paths are part of the fingerprint).
    private func fingerprint(_ files: [String: String], in directory: String) throws -> String {
        try write(files, into: directory)
        let result = RulesetLoader().load(directory: directory)
        let ruleset = try #require(result.ruleset, "\(result.rendered)")
        return ruleset.fingerprint
    }

    private func apply(_ variant: Variant) throws -> [String: String] {
        var files = Self.baseFiles
        for edit in variant.edits {
            let text = try #require(files[edit.file])
            files[edit.file] = try #require(
                text.replacingFirst(edit.old, with: edit.new), "'\(edit.old)' is not in \(edit.file)")
        }
        return files
    }

    @Test("loading the same directory twice gives the same fingerprint")
    func stableAcrossLoads() throws {
        try withTemporaryDirectory { directory in
            let first = try fingerprint(Self.baseFiles, in: directory)
            let second = try #require(RulesetLoader().load(directory: directory).ruleset).fingerprint
            #expect(first == second)
            #expect(first.hasPrefix("sha256:"))
            #expect(first.count == "sha256:".count + 64)
        }
    }

    static let unchanged: [Variant] = [
        Variant(
            name: "keys of a fact reordered",
            edits: [
                (
                    file: "main.yaml",
                    old:
                        "    type: enum\n    values: [mechanical, occasional, none]\n    description: pain character\n",
                    new: "    description: pain character\n    values: [mechanical, occasional, none]\n    type: enum\n"
                )
            ]),
        Variant(
            name: "keys of a rule reordered",
            edits: [
                (
                    file: "extra.yaml",
                    old: "  - id: pt-after-stabilisation\n    when: spine.stabilized\n",
                    new: "  - when: spine.stabilized\n    id: pt-after-stabilisation\n"
                )
            ]),
        Variant(
            name: "top-level sections of the manifest reordered",
            edits: [
                (
                    file: "ruleset.yaml",
                    old: "files:\n  - main.yaml\n  - extra.yaml\n",
                    new: ""
                ),
                (
                    file: "ruleset.yaml",
                    old: "sources:\n",
                    new: "files:\n  - main.yaml\n  - extra.yaml\nsources:\n"
                ),
            ]),
        Variant(
            name: "order of files: in the manifest",
            edits: [
                (file: "ruleset.yaml", old: "  - main.yaml\n  - extra.yaml\n", new: "  - extra.yaml\n  - main.yaml\n")
            ]),
        Variant(
            name: "comments and blank lines",
            edits: [
                (file: "main.yaml", old: "facts:\n", new: "# The inputs of a case.\n\nfacts:  # typed\n"),
                (
                    file: "main.yaml", old: "    when: mescc.suspected\n",
                    new: "    # cord compression first\n    when: mescc.suspected   # see the table\n"
                ),
                (file: "ruleset.yaml", old: "sources:\n", new: "\n# the bibliography\nsources:\n"),
            ]),
        Variant(
            name: "flow mapping written as a block mapping",
            edits: [
                (
                    file: "main.yaml",
                    old: "        points: {mechanical: 3, occasional: 1, none: 0}\n",
                    new: "        points:\n          mechanical: 3\n          occasional: 1\n          none: 0\n"
                )
            ]),
    ]

    @Test("the fingerprint does not change", arguments: unchanged)
    func unchangedBy(_ variant: Variant) throws {
        let changed = try apply(variant)
        try withTemporaryDirectory { directory in
            let before = try fingerprint(Self.baseFiles, in: directory)
            let after = try fingerprint(changed, in: directory)
            #expect(before == after)
        }
    }

    static let changed: [Variant] = [
        Variant(
            name: "one character of a rule's when",
            edits: [
                (file: "main.yaml", old: "patient.life_expectancy >= 3 mo", new: "patient.life_expectancy >= 4 mo")
            ]),
        Variant(
            name: "one character of a recommendation text",
            edits: [
                (file: "extra.yaml", old: "after stabilisation", new: "after stabilization")
            ]),
        Variant(
            name: "the manifest's title",
            edits: [
                (file: "ruleset.yaml", old: "title: Planted errors", new: "title: Planted error")
            ]),
        Variant(
            name: "the order of an enum's values",
            edits: [
                (file: "main.yaml", old: "[mechanical, occasional, none]", new: "[occasional, mechanical, none]")
            ]),
        Variant(
            name: "a rule id",
            edits: [
                (file: "main.yaml", old: "  - id: mri-urgent\n", new: "  - id: mri-urgent-x\n")
            ]),
    ]

    @Test("the fingerprint changes", arguments: changed)
    func changedBy(_ variant: Variant) throws {
        let changed = try apply(variant)
        try withTemporaryDirectory { directory in
            let before = try fingerprint(Self.baseFiles, in: directory)
            let after = try fingerprint(changed, in: directory)
            #expect(before != after)
        }
    }

    @Test("reordering the rules of a file changes the fingerprint (their order is meaningful)")
    func ruleOrder() throws {
        let main = BaseRuleset.main
        let start = try #require(main.range(of: "  - id: pt-stable\n"))
        let end = try #require(main.range(of: "  - id: mri-urgent\n"))
        let ptStable = String(main[start.lowerBound..<end.lowerBound])
        let mriUrgent = String(main[end.lowerBound...])
        let swapped = String(main[..<start.lowerBound]) + mriUrgent + ptStable
        var files = Self.baseFiles
        files["main.yaml"] = swapped
        try withTemporaryDirectory { directory in
            let before = try fingerprint(Self.baseFiles, in: directory)
            let after = try fingerprint(files, in: directory)
            #expect(before != after)
        }
    }
}
