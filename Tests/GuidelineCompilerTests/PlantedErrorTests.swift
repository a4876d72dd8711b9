import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// Where a planted diagnostic (or its note) must point: the `occurrence`-th `needle` after `after`, in `file`.
struct Locator: Sendable {
    var file: String = "main.yaml"
    var needle: String
    var after: String?
    var occurrence: Int = 1
}

/// One planted mistake in the base ruleset and the diagnostic it must produce.
struct PlantedError: Sendable, CustomTestStringConvertible {
    /// A replacement of the first `old` in `file` by `new`.
    struct Edit: Sendable {
        var file: String = "main.yaml"
        var old: String
        var new: String
    }

    var name: String
    var edits: [Edit]
    var extraFiles: [String: String] = [:]
    var code: String
    var at: Locator
    /// The expected width of the span on its line (end column - start column), when it matters.
    var width: Int?
    var message: String
    /// The exact help lines; `$DIR` stands for the ruleset directory.
    var help: [String] = []
    /// The note (message, place), when the diagnostic must have one.
    var note: (message: String, at: Locator)?
    /// Other error codes that this one mistake legitimately causes as well.
    var alsoAllowed: Set<String> = []
    /// A known cascade: further diagnostics with the same code, recorded as a known issue.

    var testDescription: String { name }

    static func edit(_ old: String, _ new: String, in file: String = "main.yaml") -> Edit {
        Edit(file: file, old: old, new: new)
    }
}

extension PlantedError {
    static let all: [PlantedError] = [
        PlantedError(
            name: "undeclared fact in when, with did-you-mean",
            edits: [edit("spine.pain == none", "spine.pian == none")],
            code: "expr.undeclared-name", at: Locator(needle: "spine.pian"), width: 10,
            message: "undeclared name 'spine.pian'", help: ["did you mean 'spine.pain'?"]),
        PlantedError(
            name: "enum value not in the fact's enum, with suggestion",
            edits: [edit("spine.pain == none", "spine.pain == non")],
            code: "expr.unknown-enum-value", at: Locator(needle: "non", after: "spine.pain == "), width: 3,
            message: "'non' is not a value of 'spine.pain'", help: ["did you mean 'none'?"]),
        PlantedError(
            name: "unit mismatch: a time compared with a dose",
            edits: [edit("patient.life_expectancy >= 3 mo", "patient.life_expectancy >= 19 Gy")],
            code: "expr.unit-mismatch", at: Locator(needle: "patient.life_expectancy >= 19 Gy"),
            width: "patient.life_expectancy >= 19 Gy".count,
            message: "unit mismatch: cannot compare time with absorbed dose"),
        PlantedError(
            name: "non-boolean when",
            edits: [edit("when: mescc.suspected", "when: sins + 1")],
            code: "expr.not-boolean", at: Locator(needle: "sins + 1"), width: 8,
            message: "condition must be boolean, found integer"),
        PlantedError(
            name: "arity: min() with no arguments",
            edits: [edit("when: mescc.suspected", "when: min() > 2")],
            code: "expr.arity", at: Locator(needle: "min()"), width: 5,
            message: "'min' takes at least 1 argument, found 0"),
        PlantedError(
            name: "unknown function, with suggestion",
            edits: [edit("when: mescc.suspected", "when: mx(sins, 2) >= 3")],
            code: "expr.unknown-function", at: Locator(needle: "mx("), width: 2,
            message: "unknown function 'mx'", help: ["did you mean 'max'?"]),
        PlantedError(
            name: "unknown key descripton in a fact",
            edits: [edit("    description: pain character", "    descripton: pain character")],
            code: "rules.unknown-key", at: Locator(needle: "descripton"), width: 10,
            message: "unknown key 'descripton' in fact 'spine.pain'",
            help: [
                "did you mean 'description'?",
                "allowed keys: type, description, label, group, values, ordered, unit, range, default, fhir",
            ],
            // the fact then has no description, which is its own error
            alsoAllowed: ["rules.missing-key"]),
        PlantedError(
            name: "unknown top-level section rule",
            edits: [edit("\nrules:\n", "\nrule:\n")],
            code: "rules.unknown-key", at: Locator(needle: "rule:", after: "24 h}"), width: 4,
            message: "unknown key 'rule' in a rule file",
            help: ["did you mean 'rules'?", "allowed keys: facts, scores, derived, tables, rules"]),
        PlantedError(
            name: "duplicate mapping key: error at the second, note at the first",
            edits: [
                edit(
                    "    values: [mechanical, occasional, none]\n",
                    "    values: [mechanical, occasional, none]\n    type: enum\n")
            ],
            code: "yaml.duplicate-key",
            at: Locator(needle: "type: enum", after: "values: [mechanical, occasional, none]"), width: 4,
            message: "key 'type' is already defined",
            note: ("first defined here", Locator(needle: "type: enum", after: "spine.pain:"))),
        PlantedError(
            name: "band gap names the exact total",
            edits: [edit("stable: 0..2", "stable: 0..1")],
            code: "rules.band-gap", at: Locator(needle: "stable:", after: "bands:"),
            message: "no band of score 'sins' covers total 2",
            help: ["the bands must cover the declared range 0..6 with no gap"]),
        PlantedError(
            name: "band overlap names the totals and both bands",
            edits: [edit("potentially-unstable: 3..4", "potentially-unstable: 1..4")],
            code: "rules.band-overlap", at: Locator(needle: "potentially-unstable:"),
            message: "totals 1..2 fall in both band 'stable' and band 'potentially-unstable' of score 'sins'"),
        PlantedError(
            name: "score option gap",
            edits: [edit("{mechanical: 3, occasional: 1, none: 0}", "{mechanical: 3, none: 0}")],
            code: "rules.option-gap", at: Locator(needle: "pain:", after: "components:"),
            message: "component 'pain' of score 'sins' gives no points for 'occasional'",
            help: ["every value of 'spine.pain' needs points; give 0 where the value scores nothing"]),
        PlantedError(
            name: "score option overlap",
            edits: [edit("C3: 0", "C2..C3: 0")],
            code: "rules.option-overlap", at: Locator(needle: "C2..C3"), width: 6,
            message: "'C2' is scored twice in component 'location' of score 'sins', by 'C1..C2' and 'C2..C3'",
            note: ("first scored here", Locator(needle: "C1..C2"))),
        PlantedError(
            name: "uncited rule",
            edits: [edit("    cite:\n      - fisher-2010\n", "")],
            code: "rules.uncited", at: Locator(needle: "physical-therapy", after: "id: pt-contraindicated-unstable"),
            width: 16,
            message: "recommendation 'physical-therapy' of rule 'pt-contraindicated-unstable' cites no source",
            help: ["add 'cite:' to the rule or the recommendation, naming a source of the manifest"]),
        PlantedError(
            name: "unknown source, with suggestion",
            edits: [edit("cite: [seed-000]", "cite: [seed-00]")],
            code: "rules.unknown-source", at: Locator(needle: "seed-00]"), width: 7,
            message: "unknown source 'seed-00'",
            help: ["sources are declared under 'sources:' in $DIR/ruleset.yaml", "did you mean 'seed-000'?"]),
        PlantedError(
            name: "unknown action, with suggestion",
            edits: [edit("action: mri-whole-spine", "action: mri-whole-spin")],
            code: "rules.unknown-action", at: Locator(needle: "mri-whole-spin", after: "action: "), width: 14,
            message: "unknown action 'mri-whole-spin' in rule 'mri-urgent'",
            help: ["actions are declared under 'actions:' in $DIR/ruleset.yaml", "did you mean 'mri-whole-spine'?"]),
        PlantedError(
            // Files are compiled in the order of their paths (issue 21), so the error is in the later path
            // even though the manifest lists it first.
            name: "duplicate rule id across two files",
            edits: [edit("  - main.yaml\n", "  - more.yaml\n  - main.yaml\n", in: "ruleset.yaml")],
            extraFiles: [
                "more.yaml": """
                rules:
                  - id: pt-stable
                    when: spine.stabilized
                    recommend:
                      - action: physical-therapy
                        kind: consider
                        text: consider physical therapy after stabilisation
                    cite: [fisher-2010]

                """
            ],
            code: "rules.duplicate-id", at: Locator(file: "more.yaml", needle: "pt-stable"), width: 9,
            message: "rule id 'pt-stable' is already used",
            note: ("first used here", Locator(needle: "pt-stable"))),
        PlantedError(
            name: "unique table with overlapping rows names the input values",
            edits: [
                edit("{neuro.presentation: radicular-pain}", "{neuro.presentation: [radicular-pain, local-back-pain]}")
            ],
            code: "rules.table-overlap", at: Locator(needle: "when: {neuro.presentation: [radicular-pain"),
            message: "rows 1 and 2 of unique table 'mri.urgency' both match 'neuro.presentation = local-back-pain'",
            help: ["make the rows exclusive, or use 'hit: first' if the order decides"],
            note: ("row 1 is here", Locator(needle: "when: {neuro.presentation: local-back-pain}"))),
        PlantedError(
            name: "complete table with a gap names the input values",
            edits: [edit("      - when: {neuro.presentation: suspected-mescc}\n        then: {within: 24 h}\n", "")],
            code: "rules.table-gap", at: Locator(needle: "mri.urgency:"), width: 11,
            message: "no row of table 'mri.urgency' matches 'neuro.presentation = suspected-mescc'",
            help: ["add a row for these inputs, or remove 'complete: true' if the gap is intended"]),
        PlantedError(
            name: "expression in a double-quoted scalar with an escape",
            edits: [edit("when: mescc.suspected", #"when: "mescc.suspected\x20and spine.pian == none""#)],
            code: "expr.undeclared-name", at: Locator(needle: "spine.pian"), width: 10,
            message: "undeclared name 'spine.pian'", help: ["did you mean 'spine.pain'?"]),
        PlantedError(
            name: "expression in a double-quoted scalar folded over two lines",
            edits: [edit("when: mescc.suspected", "when: \"mescc.suspected and\n      spine.pian == none\"")],
            code: "expr.undeclared-name", at: Locator(needle: "spine.pian"), width: 10,
            message: "undeclared name 'spine.pian'", help: ["did you mean 'spine.pain'?"]),
        PlantedError(
            name: "expression in a literal block scalar",
            edits: [edit("when: mescc.suspected", "when: |\n      mescc.suspected\n      and spine.pian == none")],
            code: "expr.undeclared-name", at: Locator(needle: "spine.pian"), width: 10,
            message: "undeclared name 'spine.pian'", help: ["did you mean 'spine.pain'?"]),
        PlantedError(
            name: "expression in a table cell comparison",
            edits: [edit("{neuro.presentation: radicular-pain}", "{neuro.presentation: radicular-pian}")],
            code: "expr.unknown-enum-value", at: Locator(needle: "radicular-pian"), width: 14,
            message: "'radicular-pian' is not a value of 'neuro.presentation'",
            help: ["did you mean 'radicular-pain'?"],
            // the table does not compile, so the rule text reading its output cannot either
            alsoAllowed: ["expr.undeclared-name"]),
        PlantedError(
            name: "boolean field given yes",
            edits: [edit("complete: true", "complete: yes")],
            code: "rules.expected-boolean", at: Locator(needle: "yes", after: "complete: "), width: 3,
            message: "'complete' of table 'mri.urgency' must be true or false, found 'yes'"),
    ]
}

@Suite("Planted errors")
struct PlantedErrorTests {
    @Test("the base ruleset compiles with no diagnostics at all")
    func baseRulesetIsClean() throws {
        try loadRuleset(BaseRuleset.files) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
            let ruleset = try #require(result.ruleset)
            #expect(ruleset.rules.map(\.declaration.id) == ["pt-contraindicated-unstable", "pt-stable", "mri-urgent"])
            #expect(ruleset.facts.count == 5)
            #expect(ruleset.scores.count == 1)
            #expect(ruleset.derived.count == 1)
            #expect(ruleset.tables.count == 1)
        }
    }

    @Test("one planted mistake gives one diagnostic with its code, exact place and help", arguments: PlantedError.all)
    func plantedError(_ planted: PlantedError) throws {
        var files = BaseRuleset.files
        for edit in planted.edits {
            let original = try #require(files[edit.file], "no file \(edit.file)")
            files[edit.file] = try #require(
                original.replacingFirst(edit.old, with: edit.new), "'\(edit.old)' is not in \(edit.file)")
        }
        files.merge(planted.extraFiles) { _, new in new }
        try loadRuleset(files) { result, directory in
            let text = try #require(files[planted.at.file])
            let expected = try #require(
                position(of: planted.at.needle, in: text, after: planted.at.after, occurrence: planted.at.occurrence))
            let matching = result.diagnostics.filter { $0.code == planted.code }
            #expect(matching.count == 1, "expected one \(planted.code), got:\n\(result.rendered)")
            let diagnostic = try #require(matching.first, "no \(planted.code) in:\n\(result.rendered)")
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.message == planted.message)
            let range = try #require(diagnostic.range)
            #expect(range.start.file == "\(directory)/\(planted.at.file)")
            #expect(range.startPosition == expected, "\(result.rendered)")
            if let width = planted.width {
                #expect(range.end.line == range.start.line)
                #expect(range.end.column - range.start.column == width)
            }
            #expect(diagnostic.help == planted.help.map { $0.replacingOccurrences(of: "$DIR", with: directory) })
            if let (message, locator) = planted.note {
                let note = try #require(diagnostic.notes.first, "no note on \(diagnostic)")
                #expect(diagnostic.notes.count == 1)
                #expect(note.message == message)
                let noteText = try #require(files[locator.file])
                let notePosition = try #require(
                    position(of: locator.needle, in: noteText, after: locator.after, occurrence: locator.occurrence))
                #expect(note.range?.start.file == "\(directory)/\(locator.file)")
                #expect(note.range?.startPosition == notePosition)
            } else {
                #expect(diagnostic.notes.isEmpty)
            }
            let others = result.errors.filter { $0.code != planted.code && !planted.alsoAllowed.contains($0.code) }
            #expect(others.isEmpty, "unexpected errors:\n\(result.rendered)")
            #expect(!result.compiled, "a ruleset with an error must not be returned")
        }
    }
}
