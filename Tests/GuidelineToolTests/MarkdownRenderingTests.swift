import Foundation
import GuidelineTool
import Testing

/// The Markdown output renders as intended in CommonMark: rendered by a real implementation (markdown-it-py,
/// installed by `.ci/run`), headings are headings, the summary and details are lists with nested sub-items,
/// and the sources a numbered list.
@Suite struct MarkdownRenderingTests {
    /// The structure of `markdown` rendered by markdown-it-py: the h2 headings and, after each, the kind of
    /// the block (ul, ol), its direct items and its items holding a nested list.
    static func structure(_ markdown: String) throws -> [[String: Any]] {
        let script = #"""
            import json, sys
            from markdown_it import MarkdownIt
            tokens = MarkdownIt("commonmark").parse(sys.stdin.read())
            out, heading, depth, block = [], None, 0, None
            for i, t in enumerate(tokens):
                if t.type == "heading_open":
                    heading = tokens[i + 1].content
                    out.append({"tag": t.tag, "text": heading, "list": None, "items": 0, "nested": 0})
                elif t.type in ("bullet_list_open", "ordered_list_open"):
                    depth += 1
                    if depth == 1 and out and out[-1]["list"] is None:
                        out[-1]["list"] = "ul" if t.type == "bullet_list_open" else "ol"
                    elif depth == 2 and out:
                        out[-1]["nested"] += 1
                elif t.type in ("bullet_list_close", "ordered_list_close"):
                    depth -= 1
                elif t.type == "list_item_open" and depth == 1 and out:
                    out[-1]["items"] += 1
            print(json.dumps(out))
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SetupError(
                description:
                    "markdown-it-py is needed (pip install markdown-it-py); python3 exited \(process.terminationStatus)"
            )
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func suspectedMESCCRendersAsHeadingsListsAndANumberedSourceList() throws {
        let path = "\(bundledRulesetPath)/examples/suspected-mescc.yaml"
        let markdown = EvaluateCommand(rules: bundledRulesetPath, format: .markdown, cases: [path]).run().stdout
        let json = try #require(
            try parseJSON(EvaluateCommand(rules: bundledRulesetPath, format: .json, cases: [path]).run().stdout)
                as? [String: Any])
        let blocks = try Self.structure(markdown)
        #expect(blocks.first?["tag"] as? String == "h1")
        func block(_ title: String) -> [String: Any]? {
            blocks.first { ($0["text"] as? String)?.hasPrefix(title) == true }
        }
        let summary = try #require(block("Summary"))
        let actions = try #require((json["summary"] as? [String: Any])?["actions"] as? [Any])
        #expect(summary["list"] as? String == "ul" && summary["items"] as? Int == actions.count, "\(summary)")
        let contraindicated = try #require(block("Contraindicated (details)"))
        #expect(contraindicated["list"] as? String == "ul")
        #expect(
            (contraindicated["nested"] as? Int ?? 0) == contraindicated["items"] as? Int,
            "each recommendation's details nest under it")
        let sources = try #require(block("Sources"))
        #expect(sources["list"] as? String == "ol", "\(sources)")
        let cited = Set(
            ((json["recommendations"] as? [[String: Any]]) ?? []).flatMap {
                ($0["citations"] as? [[String: Any]] ?? []).compactMap { $0["source"] as? String }
            })
        #expect(sources["items"] as? Int == cited.count, "one numbered item per source")
        #expect((sources["nested"] as? Int ?? 0) > 0, "the sections and quotes nest under their source")
    }
}
