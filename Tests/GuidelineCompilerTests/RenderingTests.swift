import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// Snapshot tests of rendered diagnostics: header, quoted source line, caret under the exact column with
/// `~` over the span, `help:` and `note:` lines.
@Suite("Diagnostic rendering")
struct RenderingTests {
    /// Loads the base ruleset with `old` replaced by `new` in main.yaml; passes the result and the directory.
    private func planted(_ old: String, _ new: String, _ body: (RulesetLoader.Result, String) throws -> Void) throws {
        let main = try #require(BaseRuleset.main.replacingFirst(old, with: new))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main], body)
    }

    private func renderer(_ result: RulesetLoader.Result) -> DiagnosticRenderer {
        DiagnosticRenderer(sources: result.sources, colored: false)
    }

    @Test("an undeclared name in a rule's when, with a did-you-mean")
    func undeclaredName() throws {
        try planted("spine.pain == none", "spine.pian == none") { result, dir in
            let diagnostic = try #require(result.errors.first)
            #expect(
                renderer(result).render(diagnostic) == """
                    \(dir)/main.yaml:72:35: error: undeclared name 'spine.pian' [expr.undeclared-name]
                        |
                     72 |     when: sins.band == stable and spine.pian == none and patient.life_expectancy >= 3 mo
                        |                                   ^~~~~~~~~~
                      help: did you mean 'spine.pain'?

                    """)
        }
    }

    @Test("a unit mismatch marks the whole comparison")
    func unitMismatch() throws {
        try planted("patient.life_expectancy >= 3 mo", "patient.life_expectancy >= 19 Gy") { result, dir in
            #expect(result.errors.count == 1, "\(result.rendered)")
            let diagnostic = try #require(result.errors.first)
            #expect(
                renderer(result).render(diagnostic) == """
                    \(dir)/main.yaml:72:58: error: unit mismatch: cannot compare time with absorbed dose [expr.unit-mismatch]
                        |
                     72 |     when: sins.band == stable and spine.pain == none and patient.life_expectancy >= 19 Gy
                        |                                                          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

                    """)
        }
    }

    @Test("a duplicate key quotes both places, the first as a note")
    func duplicateKey() throws {
        try planted(
            "    values: [mechanical, occasional, none]\n",
            "    values: [mechanical, occasional, none]\n    type: enum\n"
        ) { result, dir in
            #expect(result.errors.count == 1, "\(result.rendered)")
            let diagnostic = try #require(result.errors.first)
            #expect(
                renderer(result).render(diagnostic) == """
                    \(dir)/main.yaml:10:5: error: key 'type' is already defined [yaml.duplicate-key]
                        |
                     10 |     type: enum
                        |     ^~~~
                      note: \(dir)/main.yaml:8:5: first defined here
                       |
                     8 |     type: enum
                       |     ^~~~

                    """)
        }
    }

    @Test("an unknown action with two help lines")
    func unknownAction() throws {
        try planted("action: mri-whole-spine", "action: mri-whole-spin") { result, dir in
            #expect(result.errors.count == 1, "\(result.rendered)")
            let diagnostic = try #require(result.errors.first)
            #expect(
                renderer(result).render(diagnostic) == """
                    \(dir)/main.yaml:83:17: error: unknown action 'mri-whole-spin' in rule 'mri-urgent' [rules.unknown-action]
                        |
                     83 |       - action: mri-whole-spin
                        |                 ^~~~~~~~~~~~~~
                      help: actions are declared under 'actions:' in \(dir)/ruleset.yaml
                      help: did you mean 'mri-whole-spine'?

                    """)
        }
    }

    @Test("a band gap, rendered as a whole report with its summary line")
    func bandGapReport() throws {
        try planted("stable: 0..2", "stable: 0..1") { result, dir in
            #expect(
                renderer(result).render(result.diagnostics) == """
                    \(dir)/main.yaml:39:7: error: no band of score 'sins' covers total 2 [rules.band-gap]
                        |
                     39 |       stable: 0..1
                        |       ^~~~~~
                      help: the bands must cover the declared range 0..6 with no gap
                    1 error, 0 warnings

                    """)
        }
    }

    @Test("an expression in a literal block scalar is quoted on its own line")
    func blockScalar() throws {
        try planted("when: mescc.suspected", "when: |\n      mescc.suspected\n      and spine.pian == none") {
            result, dir in
            let diagnostic = try #require(result.errors.first)
            #expect(
                renderer(result).render(diagnostic) == """
                    \(dir)/main.yaml:83:11: error: undeclared name 'spine.pian' [expr.undeclared-name]
                        |
                     83 |       and spine.pian == none
                        |           ^~~~~~~~~~
                      help: did you mean 'spine.pain'?

                    """)
        }
    }
}
