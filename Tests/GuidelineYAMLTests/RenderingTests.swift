import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// Diagnostics rendered the way users see them: the caret must sit under the right characters.
@Suite struct RenderingTests {
    func render(_ text: String, _ diagnostic: Diagnostic) -> String {
        var store = SourceStore()
        store.add(file: "test.yaml", text: text)
        return DiagnosticRenderer(sources: store).render(diagnostic)
    }

    @Test func duplicateKey() throws {
        let text = "id: a\ntitle: t\nid: b\n"
        let error = try #require(load(text).diagnostics.first)
        #expect(
            render(text, error) == """
                test.yaml:3:1: error: key 'id' is already defined [yaml.duplicate-key]
                   |
                 3 | id: b
                   | ^~
                  note: test.yaml:1:1: first defined here
                   |
                 1 | id: a
                   | ^~

                """)
    }

    @Test func expressionErrorInsideFoldedScalar() throws {
        let text = "rules:\n  - when: >\n      sins >= 7 and\n      spine.pian == mechanical\n"
        let scalar = try #require(load(text).root?["rules"]?.sequence?.first?["when"]?.scalar)
        let offsets = try #require(scalarOffsets(of: "spine.pian", in: scalar.value))
        let error = Diagnostic.error(
            "expr.undeclared-name", "undeclared fact 'spine.pian'", at: scalar.range(of: offsets))
        #expect(
            render(text, error) == """
                test.yaml:4:7: error: undeclared fact 'spine.pian' [expr.undeclared-name]
                   |
                 4 |       spine.pian == mechanical
                   |       ^~~~~~~~~~

                """)
    }

    @Test func tabIndentation() throws {
        let text = "facts:\n\tage: 1\n"
        let error = try #require(load(text).diagnostics.first)
        #expect(
            render(text, error) == """
                test.yaml:2:1: error: tabs are not allowed for indentation [yaml.tab-indentation]
                   |
                 2 |  age: 1
                   | ^
                  help: indent with spaces

                """)
    }
}
