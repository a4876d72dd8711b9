import Foundation
import GuidelineCompiler
import GuidelineTool
import Testing

/// `guideline render`: the bundled guideline as Markdown and HTML (every rule, source, band and table row present,
/// rules in plain words), escaping of what a ruleset writes, the Mermaid text, a missing Graphviz, a failed write,
/// and the HTML page in headless Chromium.
@Suite struct RenderCommandTests {
    /// The bundled guideline, compiled.
    static func bundled() throws -> CompiledRuleset {
        try #require(RulesetLoader().load(directory: bundledRulesetPath).ruleset)
    }

    @Test func markdownHoldsEveryRuleSourceBandAndTableRow() throws {
        let ruleset = try Self.bundled()
        let output = RenderCommand(rules: bundledRulesetPath, format: .markdown).run()
        #expect(output.exitCode == 0, "\(output.stderr)")
        let text = output.stdout
        #expect(text.contains(ruleset.manifest.version) && text.contains(ruleset.fingerprint))
        for rule in ruleset.rules {
            #expect(text.contains("(`\(rule.id)`)"), "rule \(rule.id)")
            let file = URL(fileURLWithPath: rule.file).lastPathComponent
            #expect(text.contains("[\(file.replacing("_", with: "\\_")):\(rule.line)]("), "\(rule.id) at \(file)")
        }
        for source in ruleset.manifest.sources {
            #expect(text.contains(source.title.replacing("*", with: "\\*")), "source \(source.id)")
        }
        for score in ruleset.scores {
            for band in score.declaration.bands {
                #expect(text.contains("| \(band.label) | \(band.lower) to \(band.upper) |"), "band \(band.label)")
            }
        }
        for table in ruleset.tables {
            for row in table.declaration.rows {
                for output in row.outputs { #expect(text.contains("| \(output.text)"), "\(table.declaration.id)") }
            }
        }
        #expect(text.contains("```mermaid\nflowchart LR\n"))
    }

    @Test func rulesReadInPlainWords() throws {
        let text = RenderCommand(rules: bundledRulesetPath, format: .markdown).run().stdout
        // pt-contraindicated-unstable: `when: sins.band == unstable`, `unless: spine.stabilized`.
        #expect(
            text.contains(
                "If *Spinal Instability Neoplastic Score band* is **unstable**, unless *Level surgically stabilised*:"),
            "\(text.prefix(400))")
        #expect(text.contains("- Physical therapy (exercise programme) is contraindicated"))
        // `not known(sins.band)` and a list membership.
        #expect(text.contains("If *Spinal Instability Neoplastic Score band* is not recorded:"))
        #expect(text.contains("is one of **deficit-over-7-days**, **deficit-within-7-days** or **suspected-mescc**"))
        #expect(text.contains("- Source: "))
    }

    @Test func mermaidIsWellFormed() throws {
        let text = RenderCommand(rules: bundledRulesetPath, format: .markdown).run().stdout
        let start = try #require(text.range(of: "```mermaid\n"))
        let body = text[start.upperBound...].prefix { _ in true }
        let end = try #require(body.range(of: "```"))
        let lines = body[..<end.lowerBound].split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        let node = /\ \ [farsdt][0-9]+(\(\[|\[\[|\[|\{\{)"[^"\n]*"(\]\)|\]\]|\]|\}\})/
        let edge = /\ \ [farsdt][0-9]+ (-->|-\.->)(\|"[^"|]*"\|)? [farsdt][0-9]+/
        var nodes = Set<String>()
        for line in lines.dropFirst() {
            #expect(line.wholeMatch(of: node) != nil || line.wholeMatch(of: edge) != nil, "\(line)")
            if line.wholeMatch(of: node) != nil { nodes.insert(String(line.dropFirst(2).prefix { $0 != "(" && $0 != "[" && $0 != "{" })) }
        }
        for line in lines.dropFirst() where line.wholeMatch(of: edge) != nil {
            let parts = line.split(separator: " ")
            #expect(nodes.contains(String(parts[0])) && nodes.contains(String(parts.last!)), "\(line)")
        }
        let ruleset = try Self.bundled()
        #expect(nodes.filter { $0.hasPrefix("r") }.count == ruleset.rules.count)
    }

    @Test func everythingTheRulesetWritesIsEscaped() throws {
        let directory = try Self.hostileRuleset()
        let html = RenderCommand(rules: directory, format: .html).run()
        #expect(html.exitCode == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<script"), "raw markup from the ruleset")
        #expect(!html.stdout.lowercased().contains("href=\"javascript"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.stdout.contains("<svg"))
        let markdown = RenderCommand(rules: directory, format: .markdown).run()
        #expect(!markdown.stdout.contains("<script"))
        #expect(markdown.stdout.contains("&lt;script&gt;"))
        // A `|` in a table cell would split it: escaped.
        #expect(markdown.stdout.contains("Platelets \\| &lt;script&gt;"))
        // Mermaid labels: quotes, `<`, `#` and brackets as entity codes.
        #expect(markdown.stdout.contains("PT #60;b onclick=x#62;#34;quoted#34;#60;/b#62; #35; #91;x#93;"))
    }

    @Test func htmlWithoutGraphvizFailsNamingThePackage() throws {
        let output = RenderCommand(rules: bundledRulesetPath, format: .html, searchPath: "/nonexistent").run()
        #expect(output.exitCode == 1 && output.stdout.isEmpty)
        #expect(output.stderr.contains("apt-get install graphviz"), "\(output.stderr)")
        let markdown = RenderCommand(rules: bundledRulesetPath, format: .markdown, searchPath: "/nonexistent").run()
        #expect(markdown.exitCode == 0)
    }

    @Test func exitCodesForAnUnwritableFileAndABadRuleset() throws {
        let unwritable = RenderCommand(
            rules: bundledRulesetPath, format: .markdown, output: "/nonexistent-dir/guideline.md"
        ).run()
        #expect(unwritable.exitCode == 74 && unwritable.stderr.contains("io.write-failed"), "\(unwritable.stderr)")
        let missing = RenderCommand(rules: "/nonexistent-ruleset", format: .markdown).run()
        #expect(missing.exitCode == 1)
        let usage = try runGuideline(["render", bundledRulesetPath, "--format", "pdf"])
        #expect(usage.exitCode == 64, "\(usage.stderr)")
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GUIDELINE_SANITIZER"] == nil, "slow under a sanitizer"))
    func theBrowserShowsEveryRuleAndSource() throws {
        let ruleset = try Self.bundled()
        let executable = try #require(guidelineExecutable, "the guideline executable was not found")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let expected = out.appendingPathComponent("expected.json")
        let object: [String: Any] = [
            "rules": ruleset.rules.map(\.id), "sources": ruleset.manifest.sources.map(\.title),
        ]
        try JSONSerialization.data(withJSONObject: object).write(to: expected)
        let script = repositoryRoot.appendingPathComponent("Tests/Render/render_e2e.py").path
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", script, "--guideline", executable.path, "--rules", bundledRulesetPath, "--out", out.path,
                "--expect-file", expected.path,
            ], stdin: "")
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("checks passed"), "\(output.stdout)")
    }

    /// A small ruleset whose titles, texts, quotes and URL are markup.
    static func hostileRuleset() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-render-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifest = """
            ruleset:
              id: hostile
              title: "Title <script>alert(1)</script>"
              version: 0.1.0
            files:
              - rules.yaml
            actions:
              physical-therapy:
                title: "PT <b onclick=x>\\"quoted\\"</b> # [x]"
            sources:
              s1:
                title: "Source <script>alert(1)</script>"
                organization: "Org & co"
                date: 2025-12-17
                url: "javascript:alert(1)"

            """
        let rules = """
            facts:
              labs.platelets:
                type: quantity
                unit: /uL
                range: 0 /uL..5000000 /uL
                description: platelet count
                label: "Platelets | <script>"
            tables:
              t:
                hit: first
                inputs: [labs.platelets]
                outputs: [note]
                rows:
                  - when: {labs.platelets: "< 50000 /uL"}
                    then: {note: 1}
            rules:
              - id: r1
                title: "Rule <script>alert(1)</script>"
                when: labs.platelets < 50000 /uL
                recommend:
                  - action: physical-therapy
                    kind: caution
                    text: "Low <script>alert(1)</script> | *x*"
                cite:
                  - source: s1
                    quote: "<img src=x onerror=alert(1)>"

            """
        try Data(manifest.utf8).write(to: directory.appendingPathComponent("ruleset.yaml"))
        try Data(rules.utf8).write(to: directory.appendingPathComponent("rules.yaml"))
        return directory.path
    }
}
