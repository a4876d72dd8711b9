import Foundation
import GuidelineServer
import Logging
import Testing

@testable import GuidelineWeb

/// The repository root, found from this file's path (Tests/GuidelineWebTests/FactFormTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled guideline's directory.
let bundledRuleset = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// The page's routes over the rulesets in `directories`, without a configuration file.
func webRoutes(_ directories: [String] = [bundledRuleset]) throws -> WebRoutes {
    let registry = try RulesetRegistry.load(directories: directories).get()
    let environment = ServerEnvironment(
        registry: registry, configuration: ServerConfiguration(), metrics: ServerMetrics(),
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    return WebRoutes(environment: environment)
}

/// The HTML of one fact's fieldset in `page`.
func fieldset(_ name: String, in page: String) throws -> String {
    let start = try #require(page.range(of: "<fieldset class=\"fact\" id=\"fs-\(name)\""), "no fieldset for \(name)")
    let end = try #require(page.range(of: "</fieldset>", range: start.upperBound..<page.endIndex))
    return String(page[start.lowerBound..<end.upperBound])
}

/// The form is generated from the fact declarations: one control per fact, by type, each with "not recorded".
@Suite struct FactFormTests {
    let routes: WebRoutes
    let page: String

    init() throws {
        routes = try webRoutes()
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let session = routes.sessions.create(user: nil)
        page = routes.render(
            ruleset, fields: FormFields(), result: routes.evaluate(ruleset, FormFields()), session: session)
    }

    @Test func everyDeclaredFactHasAControlNamedByTheFact() throws {
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        #expect(ruleset.form.form.facts.count == 42)
        for fact in ruleset.form.form.facts {
            let html = try fieldset(fact.name, in: page)
            #expect(html.contains("name=\"\(fact.name)\""), "\(fact.name)")
            #expect(html.contains("not recorded"), "\(fact.name) has no 'not recorded'")
            #expect(html.contains("id=\"\(FactForm.controlID(fact.name))\""), "\(fact.name) has no focusable id")
        }
    }

    @Test func aShortEnumIsRadiosWithNotRecordedChecked() throws {
        let html = try fieldset("spine.pain", in: page)
        #expect(html.components(separatedBy: "type=\"radio\"").count - 1 == 4)
        for value in ["mechanical", "occasional", "none"] { #expect(html.contains("value=\"\(value)\"")) }
        #expect(html.contains("value=\"\" id=\"f-spine.pain-3\" aria-describedby=\"h-spine.pain\" checked"))
        #expect(html.components(separatedBy: " checked").count - 1 == 1)
    }

    @Test func aLongEnumIsASelectStartingWithNotRecorded() throws {
        let html = try fieldset("spine.level", in: page)
        #expect(!html.contains("type=\"radio\""))
        #expect(html.contains("<select name=\"spine.level\" id=\"f-spine.level\""))
        #expect(
            html.contains("<option value=\"\" selected>not recorded</option><option value=\"occiput\">occiput</option>")
        )
        #expect(html.components(separatedBy: "<option").count - 1 == 31)
    }

    @Test func aBooleanIsYesNoNotRecorded() throws {
        let html = try fieldset("spine.stabilized", in: page)
        #expect(html.contains("value=\"true\""))
        #expect(html.contains("> yes</label>"))
        #expect(html.contains("value=\"false\""))
        #expect(html.contains("> no</label>"))
        #expect(html.contains("value=\"\" id=\"f-spine.stabilized-2\" aria-describedby=\"h-spine.stabilized\" checked"))
    }

    @Test func aQuantityIsANumberWithTheUnitsOfItsDimensionAndItsRange() throws {
        let html = try fieldset("patient.life_expectancy", in: page)
        #expect(html.contains("type=\"number\" name=\"patient.life_expectancy\""))
        #expect(html.contains("min=\"0\" max=\"1200\""))
        #expect(html.contains("<select name=\"unit:patient.life_expectancy\""))
        #expect(html.contains("<option selected>mo</option>"))
        #expect(html.contains("<option>wk</option>") && html.contains("<option>d</option>"))
        #expect(!html.contains("<option>mm</option>"))
        #expect(html.contains("name=\"unknown:patient.life_expectancy\""))
        #expect(html.contains("0..1200 mo"))
    }

    @Test func anIntegerIsANumberWithItsRange() throws {
        let html = try fieldset("rt.proposed_fractions", in: page)
        #expect(html.contains("step=\"1\" min=\"1\" max=\"40\""))
        #expect(!html.contains("<select"))
    }

    @Test func groupsAndLabelsAreTheDeclaredOnes() throws {
        // The groups as facts.yaml declares them (read from the file's text, not through the compiler), in the order
        // of their first fact.
        let yaml = try String(contentsOfFile: bundledRuleset + "/facts.yaml", encoding: .utf8)
        var declared: [String] = []
        for line in yaml.split(separator: "\n") where line.hasPrefix("    group: ") {
            var group = String(line.dropFirst("    group: ".count))
            if group.hasPrefix("\""), group.hasSuffix("\"") { group = String(group.dropFirst().dropLast()) }
            if !declared.contains(group) { declared.append(group) }
        }
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let groups = ruleset.form.form.view(submitted: FormFields()).compactMap { $0["title"] as? String }
        #expect(declared.count > 5)
        #expect(groups == declared)
        #expect(page.contains("<h2>\(declared[0])</h2>"))
        // The declared label is the legend; the name stays beside it.
        let label = try #require(
            yaml.range(of: "  patient.life_expectancy:\n    label: ").map { yaml[$0.upperBound...].prefix { $0 != "\n" } })
        #expect(try fieldset("patient.life_expectancy", in: page).contains("<legend>\(label) <code class=\"name\">"))
    }

    @Test func withoutGroupAFactIsGroupedByItsRuleFileAndLabelledByItsName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("form-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "ruleset.yaml": """
                ruleset: {id: small, title: Small, version: 1.0.0}
                files: [history.yaml, imaging.yaml]
                actions:
                  rest: {title: Rest}
                sources:
                  src: {title: A source, organization: Test, year: 2020}
                """,
            "history.yaml": """
                facts:
                  history.fall:
                    type: boolean
                    description: a fall
                  history.pain_score:
                    type: integer
                    label: Pain <score>
                    description: pain from 0 to 10
                """,
            "imaging.yaml": """
                facts:
                  imaging.fracture:
                    type: boolean
                    group: Imaging & <findings>
                    description: a fracture
                rules:
                  - id: rest-after-fall
                    when: history.fall and imaging.fracture and history.pain_score > 5
                    recommend:
                      - {kind: recommended, action: rest, text: Rest., cite: [src]}
                """,
        ]
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let routes = try webRoutes([directory.path])
        let ruleset = try #require(routes.rulesets["small"])
        let view = ruleset.form.form.view(submitted: FormFields())
        #expect(view.compactMap { $0["title"] as? String } == ["history", "Imaging & <findings>"])
        let session = routes.sessions.create(user: nil)
        let page = routes.render(
            ruleset, fields: FormFields(), result: routes.evaluate(ruleset, FormFields()), session: session)
        #expect(try fieldset("history.fall", in: page).contains("<legend>fall <code"))
        // Declared labels and groups are escaped like every text from a ruleset.
        #expect(try fieldset("history.pain_score", in: page).contains("<legend>Pain &lt;score&gt; <code"))
        #expect(page.contains("<h2>Imaging &amp; &lt;findings&gt;</h2>"))
    }

    @Test func theResultShowsSummaryScoresDetailsThenWhatToRecord() throws {
        // A case with a recommendation, a score and facts still to record.
        let fields = FormFields(body: Array("spine.level=T12&neuro.presentation=suspected-mescc".utf8))
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let html = routes.assets.render("result", routes.evaluate(ruleset, fields))
        let headings = ["<h2>Summary</h2>", "<h2>Scores</h2>", "<h2>Details</h2>", "<h2>To decide more, record</h2>"]
        let positions = try headings.map { try #require(html.range(of: $0), "\($0) is missing").lowerBound }
        #expect(positions == positions.sorted())
        #expect(html.contains("data-kind=\"recommended\"") || html.contains("data-kind=\"consider\""))
    }

    @Test func thePageShowsVersionFingerprintAndTheDisclaimer() throws {
        #expect(page.contains("version 1.0.0"))
        #expect(page.range(of: #"sha256:[0-9a-f]{64}"#, options: .regularExpression) != nil)
        #expect(page.contains("Decision support, not a substitute for clinical judgement."))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<script src=\"/assets/page.js\" defer></script>"))
    }

    @Test func aPostedFormIsShownAsPosted() throws {
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let fields = FormFields(
            body: Array("spine.pain=mechanical&patient.life_expectancy=6&unit:patient.life_expectancy=wk".utf8))
        let html = routes.render(
            ruleset, fields: fields, result: routes.evaluate(ruleset, fields),
            session: routes.sessions.create(user: nil))
        #expect(
            try fieldset("spine.pain", in: html).contains(
                "value=\"mechanical\" id=\"f-spine.pain\" aria-describedby=\"h-spine.pain\" checked"))
        let quantity = try fieldset("patient.life_expectancy", in: html)
        #expect(quantity.contains("value=\"6\""))
        #expect(quantity.contains("<option selected>wk</option>"))
        // The declared range is in months: with weeks chosen the browser cannot check it.
        #expect(!quantity.contains("max=\"1200\""))
    }
}
