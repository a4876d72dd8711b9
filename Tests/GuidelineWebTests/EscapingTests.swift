import Foundation
import Testing

@testable import GuidelineWeb

/// Everything from a ruleset or a case is escaped: a fact description and a case value holding `<script>` come out
/// as text.
@Suite struct EscapingTests {
    static let attack = "<script>alert(\"x\")</script>"

    /// A copy of the bundled ruleset whose `spine.stabilized` description holds a script.
    static func hostileRuleset() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-web-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledRuleset), to: directory)
        let facts = directory.appendingPathComponent("facts.yaml")
        let text = try String(contentsOf: facts, encoding: .utf8)
        let planted = text.replacingOccurrences(
            of: "description: surgical stabilisation of the scored level has been done",
            with: "description: 'surgical stabilisation <script>alert(\"x\")</script> done'")
        #expect(planted != text)
        try planted.write(to: facts, atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test func aFactDescriptionIsEscaped() throws {
        let directory = try Self.hostileRuleset()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let routes = try webRoutes([directory])
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let page = routes.render(
            ruleset, fields: FormFields(), result: routes.evaluate(ruleset, FormFields()),
            session: routes.sessions.create(user: nil))
        #expect(!page.contains(Self.attack))
        #expect(page.contains("surgical stabilisation &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; done"))
    }

    @Test func aCaseValueIsEscapedInTheFormAndInTheResult() throws {
        let routes = try webRoutes()
        let ruleset = try #require(routes.rulesets["spine-metastases"])
        let encoded = Self.attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let fields = FormFields(body: Array("spine.pain=\(encoded)&rt.proposed_fractions=\(encoded)".utf8))
        let result = routes.evaluate(ruleset, fields)
        let page = routes.render(ruleset, fields: fields, result: result, session: routes.sessions.create(user: nil))
        // The engine refuses the values; its messages quote them, escaped.
        #expect(page.contains("The case could not be evaluated"))
        #expect(!page.contains(Self.attack))
        #expect(page.contains("&lt;script&gt;"))
        let fragment = WebAssets.shared.render("result", result)
        #expect(!fragment.contains("<script"))
    }

    @Test func aSourceURLThatIsNotHTTPIsNotALink() throws {
        let view = ResultView.make(
            json: Array(
                #"{"summary":{"actions":[],"record":[]},"recommendations":[{"citations":[{"title":"t","url":"javascript:alert(1)"}]}]}"#
                    .utf8),
            markdown: nil, recorded: [])
        let html = WebAssets.shared.render("result", view)
        #expect(!html.contains("javascript:"))
    }
}
