import Foundation
import GuidelineTool
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `guideline concordance`: per action of the ruleset, what the engine said about it against whether it was done,
/// on a generated cohort whose counts the test works out from `evaluate --format json` of each case.
@Suite struct ConcordanceTests {
    /// The statements, in the report's order.
    static let statements = ["recommended", "consider", "caution", "contraindicated", "undetermined", "nothing"]

    /// A generated cohort: cases of `guideline-bench --generate` with `done` lists mixed by a rule of the test, and
    /// the problem lines `problems` lists (a blank line among them, which counts as no line).
    struct Cohort {
        var text: String
        /// The valid lines: line number, the case line without `done`, and the actions done.
        var cases: [(line: Int, caseLine: String, id: String, done: Set<String>)]
    }

    /// The ruleset's action ids, from the batch header.
    static func actionIDs() throws -> [String] {
        let header = EvaluateCommand(rules: bundledRulesetPath, format: .jsonl, cases: ["-"]).run(stdin: { [] })
        let object = try #require(try parseJSON(header.stdout) as? [String: Any])
        let actions = try #require((object["header"] as? [String: Any])?["actions"] as? [String: Any])
        return actions.keys.sorted()
    }

    static func cohort(count: Int) throws -> Cohort {
        let generated = try runBench(["--generate", String(count), "--seed", "7"])
        #expect(generated.exitCode == 0)
        let actions = try actionIDs()
        var lines: [String] = []
        var cases: [(Int, String, String, Set<String>)] = []
        for (index, line) in generated.stdout.split(separator: "\n").enumerated() {
            // Each action done in about a third of the cases, by a rule unrelated to the facts.
            let done = actions.enumerated().filter { (index * 7 + $0.offset * 5) % 3 == 0 }.map(\.element)
            let object = try #require(try parseJSON(String(line)) as? [String: Any])
            let id = try #require(object["case"] as? String)
            let doneJSON = "[" + done.map { "\"\($0)\"" }.joined(separator: ",") + "]"
            lines.append(String(line.dropLast()) + ",\"done\":\(doneJSON)}")
            cases.append((lines.count, String(line), id, Set(done)))
            if index == 3 { lines.append("") }
        }
        return Cohort(text: lines.joined(separator: "\n") + "\n", cases: cases)
    }

    /// What the engine said about each action of the case, worked out from `evaluate --format json`: the summary's
    /// kind, else `undetermined` when an undetermined rule would issue something on it, else `nothing`.
    static func statements(ofCase line: String, actions: [String]) throws -> [String: String] {
        let output = EvaluateCommand(rules: bundledRulesetPath, format: .json, cases: ["-"]).run(stdin: {
            Array(line.utf8)
        })
        #expect(output.exitCode == 0, "\(output.stderr)")
        let result = try #require(try parseJSON(output.stdout) as? [String: Any])
        let summary = try #require((result["summary"] as? [String: Any])?["actions"] as? [[String: Any]])
        let undetermined = try #require(result["undetermined"] as? [[String: Any]])
        let pending = Set(undetermined.flatMap { ($0["would"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String } })
        var said: [String: String] = [:]
        for action in actions {
            if let line = summary.first(where: { $0["action"] as? String == action }) {
                said[action] = try #require(line["kind"] as? String)
            } else {
                said[action] = pending.contains(action) ? "undetermined" : "nothing"
            }
        }
        return said
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(_ text: String, name: String = "cohort.jsonl") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-cohort-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func concordance(_ path: String, _ format: ConcordanceCommand.Format, rules: String = bundledRulesetPath) -> ToolOutput {
        ConcordanceCommand(rules: rules, cohort: path, format: format).run()
    }

    @Test func countsMatchEachCaseEvaluatedAlone() throws {
        let cohort = try Self.cohort(count: 40)
        let actions = try Self.actionIDs()
        let path = try Self.write(cohort.text)
        let output = Self.concordance(path, .json)
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let report = try #require(try parseJSON(output.stdout) as? [String: Any])
        #expect(report["cases"] as? Int == cohort.cases.count)
        #expect(report["linesNotCounted"] as? Int == 0)
        let tallies = try #require(report["actions"] as? [[String: Any]])
        #expect(Set(tallies.compactMap { $0["action"] as? String }) == Set(actions))

        // The expected table, from each case evaluated alone.
        var expected: [String: [String: (done: Int, notDone: Int)]] = [:]
        var flagged: [String: [Int]] = [:]
        for item in cohort.cases {
            let said = try Self.statements(ofCase: item.caseLine, actions: actions)
            for action in actions {
                let statement = try #require(said[action])
                var cell = expected[action, default: [:]][statement, default: (0, 0)]
                if item.done.contains(action) {
                    cell.done += 1
                    if statement == "contraindicated" { flagged[action, default: []].append(item.line) }
                } else {
                    cell.notDone += 1
                }
                expected[action, default: [:]][statement] = cell
            }
        }
        var contraindicatedAndDone = 0
        for tally in tallies {
            let action = try #require(tally["action"] as? String)
            let counts = try #require(tally["counts"] as? [String: [String: Int]])
            #expect(counts.keys.sorted() == Self.statements.sorted())
            for statement in Self.statements {
                let cell = expected[action]?[statement] ?? (0, 0)
                #expect(counts[statement]?["done"] == cell.done, "\(action) \(statement) done")
                #expect(counts[statement]?["notDone"] == cell.notDone, "\(action) \(statement) not done")
            }
            let listed = try #require(tally["contraindicatedButDone"] as? [[String: Any]])
            #expect(listed.compactMap { $0["line"] as? Int } == flagged[action, default: []], "\(action)")
            let ids = Dictionary(uniqueKeysWithValues: cohort.cases.map { ($0.line, $0.id) })
            for entry in listed { #expect(entry["case"] as? String == ids[entry["line"] as? Int ?? 0]) }
            contraindicatedAndDone += listed.count
        }
        #expect(contraindicatedAndDone > 0, "the generated cohort has actions done against a contraindication")
        #expect(expected.values.contains { ($0["recommended"]?.done ?? 0) > 0 })

        // CSV: the same counts, parsed back.
        let csv = Self.concordance(path, .csv)
        #expect(csv.exitCode == 0)
        let rows = try Self.parseCSV(csv.stdout)
        let header = try #require(rows.first)
        #expect(header.first == "action" && header.last == "contraindicated_done_lines")
        #expect(rows.count == actions.count + 1)
        for row in rows.dropFirst() {
            #expect(row.count == header.count)
            let tally = try #require(tallies.first { $0["action"] as? String == row[0] })
            #expect(row[1] == tally["title"] as? String)
            let counts = try #require(tally["counts"] as? [String: [String: Int]])
            for statement in Self.statements {
                let done = try #require(header.firstIndex(of: "\(statement)_done"))
                let notDone = try #require(header.firstIndex(of: "\(statement)_not_done"))
                #expect(Int(row[done]) == counts[statement]?["done"])
                #expect(Int(row[notDone]) == counts[statement]?["notDone"])
            }
            let lines = row[header.count - 1].split(separator: " ").compactMap { Int($0) }
            #expect(lines == flagged[row[0], default: []])
        }

        // Text: each action's table and the flagged cases by id and line.
        let text = Self.concordance(path, .text)
        #expect(text.exitCode == 0)
        for (action, lines) in flagged {
            let ids = lines.map { line in cohort.cases.first { $0.line == line }.map { "'\($0.id)' (line \(line))" } ?? "" }
            #expect(text.stdout.contains("contraindicated but done: " + ids.joined(separator: ", ")), "\(action)")
        }
    }

    @Test func badLinesAreReportedWithTheirLineAndTheRestIsCounted() throws {
        let good = #"{"case":"ok","facts":{"spine.level":"T12"},"done":["physical-therapy","physical-therapy"]}"#
        let lines = [
            good,
            #"{"case":"typo","facts":{},"done":["physical-therapi"]}"#,
            #"{"case":"broken","facts":{"#,
            #"{"case":"none","facts":{}}"#,
            #"{"case":"null","facts":{},"done":null}"#,
            #"{"case":"extra","facts":{},"done":[],"dnoe":[]}"#,
            "",
            #"{"case":"last","facts":{"spine.levl":"T12"},"done":[]}"#,
            #"{"case":"also-ok","facts":{},"done":[]}"#,
        ]
        let path = try Self.write(lines.joined(separator: "\n") + "\n")
        let output = Self.concordance(path, .json)
        #expect(output.exitCode == 1)
        let report = try #require(try parseJSON(output.stdout) as? [String: Any])
        #expect(report["cases"] as? Int == 2)
        #expect(report["linesNotCounted"] as? Int == 6)
        let stderr = output.stderr
        let file = path
        #expect(stderr.contains("\(file):1:"), "the duplicate is a warning on line 1: \(stderr)")
        #expect(stderr.contains("warning: 'done' names 'physical-therapy' twice; it counts once [cohort.duplicate-action]"))
        #expect(
            stderr.contains(
                "\(file):2:35: error: 'done' names 'physical-therapi', an action the ruleset does not declare [cohort.unknown-action]"),
            "\(stderr)")
        #expect(stderr.contains("help: did you mean 'physical-therapy'?"))
        #expect(stderr.contains("\(file):3:"), "the malformed line: \(stderr)")
        #expect(stderr.contains("\(file):4:1: error: a cohort line needs 'done', the actions taken [cohort.missing-done]"))
        #expect(stderr.contains("\(file):5:34: error: 'done' must be a list of action ids, found null [cohort.bad-done]"))
        #expect(stderr.contains("\(file):6:") && stderr.contains("unknown key 'dnoe' in a cohort line [cohort.unknown-key]"))
        #expect(stderr.contains("help: did you mean 'done'?"))
        #expect(stderr.contains("\(file):8:") && stderr.contains("[case.undeclared-fact]"))
        #expect(stderr.contains("error: 6 lines of '\(file)' not counted"))
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6, 8])
        let missing = Self.concordance(path + ".missing", .text)
        #expect(missing.exitCode == 1 && missing.stderr == "error: cannot read cohort file '\(path).missing'\n")
    }

    @Test func theMarkdownReportEmbedsAWellFormedEscapedSVGChart() throws {
        // A title with XML and Markdown metacharacters, in a copy of the bundled ruleset.
        let rules = try copyOfBundledRuleset()
        let title = #"Physical <therapy> & "exercise" | *programme*"#
        try replaceOnce(
            in: rules + "/ruleset.yaml", "title: Physical therapy (exercise programme)", with: "title: '\(title)'")
        let cohort = try Self.cohort(count: 12)
        let path = try Self.write(cohort.text)
        let output = Self.concordance(path, .markdown, rules: rules)
        #expect(output.exitCode == 0, "\(output.stderr)")
        let markdown = output.stdout
        let start = try #require(markdown.range(of: "<svg "))
        let end = try #require(markdown.range(of: "</svg>\n"))
        let svg = String(markdown[start.lowerBound..<end.upperBound])
        #expect(!svg.contains("\n\n"), "no blank line: Markdown keeps the SVG as one HTML block")
        #expect(markdown[..<start.lowerBound].hasSuffix("\n\n"), "the SVG starts a block")

        let parsed = try Self.parseXML(svg)
        #expect(parsed.root == "svg")
        let actions = try Self.actionIDs()
        #expect(parsed.texts.contains(title), "the title, escaped, reads back as written: \(parsed.texts.prefix(12))")
        // Two bars per action: their segments add up to the cases, done and not done.
        let barTotals = parsed.texts.compactMap(Int.init)
        #expect(barTotals.count == 2 * actions.count)
        for index in stride(from: 0, to: barTotals.count, by: 2) {
            #expect(barTotals[index] + barTotals[index + 1] == cohort.cases.count)
        }
        #expect(parsed.rects > 6 + 2 * actions.count - 1)
        // In the table the title's Markdown punctuation is escaped.
        #expect(markdown.contains(#"Physical \<therapy\> \& "exercise" \| \*programme\*"#))
        #expect(markdown.contains("## Contraindicated but done"))

        // Rendered by a real CommonMark implementation (markdown-it-py, with its table extension): the SVG is one
        // HTML block, the table has a row per action, the cells read back as written.
        let script = #"""
            import json, sys
            from markdown_it import MarkdownIt
            tokens = MarkdownIt("commonmark").enable("table").parse(sys.stdin.read())
            html = [t.content for t in tokens if t.type == "html_block"]
            rows = sum(1 for t in tokens if t.type == "tr_open")
            text = lambda inline: "".join(c.content for c in inline.children or [])
            cells = [text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "td_open"]
            headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
            print(json.dumps({"html": html, "rows": rows, "cells": cells, "headings": headings}))
            """#
        let rendered = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script], stdin: markdown)
        #expect(rendered.exitCode == 0, "markdown-it-py is needed (pip install markdown-it-py): \(rendered.stderr)")
        let structure = try #require(try parseJSON(rendered.stdout) as? [String: Any])
        #expect(structure["html"] as? [String] == [svg], "the SVG is exactly one HTML block")
        #expect(structure["rows"] as? Int == actions.count + 1)
        let cells = try #require(structure["cells"] as? [String])
        #expect(cells.contains(title + " (physical-therapy)"), "\(cells.prefix(8))")
        let headings = structure["headings"] as? [String]
        #expect(headings == ["Concordance: Management of spinal and bone metastases", "Contraindicated but done"])
    }

    /// An RFC 4180 CSV parser: rows of fields, quoted fields with doubled quotes, CRLF line ends.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            } else {
                field.append(character)
            }
        }
        #expect(!quoted && row.isEmpty && field.isEmpty, "the CSV ends with a line end")
        return rows
    }

    /// The root element, the text of every `text` element and the number of `rect` elements of an XML document.
    static func parseXML(_ text: String) throws -> (root: String, texts: [String], rects: Int) {
        final class Collector: NSObject, XMLParserDelegate {
            var root: String?
            var texts: [String] = []
            var rects = 0
            var inText = false
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if root == nil { root = name }
                if name == "rect" { rects += 1 }
                if name == "text" {
                    inText = true
                    texts.append("")
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text" { inText = false }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { texts[texts.count - 1] += string }
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "the SVG is well-formed XML: \(String(describing: parser.parserError))")
        return (try #require(collector.root), collector.texts, collector.rects)
    }
}
