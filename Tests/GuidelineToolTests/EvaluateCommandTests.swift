import Foundation
import GuidelineTool
import Testing

/// `guideline evaluate`: formats, ordering, snapshot, --why-not, invalid cases.
@Suite struct EvaluateCommandTests {
    /// Per example: actions that must be issued, with their kinds.
    static let expected: [String: [(action: String, kind: String)]] = [
        "incomplete-data.yaml": [("physical-therapy", "caution"), ("mri-whole-spine", "recommended")],
        "long-bone-mirels-9.yaml": [("prophylactic-fixation", "recommended"), ("physical-therapy", "contraindicated")],
        "stable-cleared-for-pt.yaml": [("physical-therapy", "recommended"), ("radiotherapy", "recommended")],
        "suspected-mescc.yaml": [
            ("dexamethasone", "recommended"), ("mri-whole-spine", "recommended"),
            ("physical-therapy", "contraindicated"),
        ],
        "unstable-t12.yaml": [
            ("physical-therapy", "contraindicated"), ("surgical-stabilization", "recommended"),
            ("surgical-consultation", "recommended"),
        ],
    ]

    @Test func everyExampleHasExpectations() throws {
        #expect(Set(try exampleNames()) == Set(Self.expected.keys))
    }

    func evaluate(
        _ format: EvaluateCommand.Format, _ cases: [String], whyNot: [String] = [], explainAll: Bool = false,
        stdin: String = ""
    ) -> ToolOutput {
        EvaluateCommand(rules: bundledRulesetPath, format: format, cases: cases, whyNot: whyNot, explainAll: explainAll)
            .run(stdin: { Array(stdin.utf8) })
    }

    /// Action id -> title, from the JSON output of the example.
    func titles(_ name: String) throws -> [String: String] {
        let object = try #require(try parseJSON(evaluate(.json, [examplePath(name)]).stdout) as? [String: Any])
        let recommendations = try #require(object["recommendations"] as? [[String: Any]])
        var titles: [String: String] = [:]
        for item in recommendations { titles[item["action"] as! String] = item["actionTitle"] as? String }
        return titles
    }

    @Test(arguments: expected.keys.sorted())
    func jsonFormat(_ name: String) throws {
        let output = evaluate(.json, [examplePath(name)])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let object = try #require(try parseJSON(output.stdout) as? [String: Any])
        #expect(object["case"] as? String == String(name.dropLast(5)))
        let recommendations = try #require(object["recommendations"] as? [[String: Any]])
        for (action, kind) in Self.expected[name]! {
            #expect(
                recommendations.contains { $0["action"] as? String == action && $0["kind"] as? String == kind },
                "\(name): \(action) \(kind)")
        }
    }

    @Test(arguments: expected.keys.sorted())
    func textFormat(_ name: String) throws {
        let output = evaluate(.text, [examplePath(name)])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("Case '\(name.dropLast(5))': Management of spinal and bone metastases 1.0.0\n"))
        #expect(!output.stdout.contains("\u{1B}["), "no colour unless asked")
        let titles = try titles(name)
        for (action, kind) in Self.expected[name]! {
            let title = try #require(titles[action])
            let heading = kind.prefix(1).uppercased() + kind.dropFirst() + " (details)\n"
            let section = try #require(output.stdout.range(of: heading), "\(name): no '\(kind)' section")
            #expect(output.stdout[section.upperBound...].contains("  \(title)"), "\(name): \(title) under \(kind)")
        }
    }

    @Test(arguments: expected.keys.sorted())
    func markdownFormat(_ name: String) throws {
        let output = evaluate(.markdown, [examplePath(name)])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("# Case '\(name.dropLast(5))'"))
        let titles = try titles(name)
        for (action, kind) in Self.expected[name]! {
            let title = try #require(titles[action])
            let heading = "## " + kind.prefix(1).uppercased() + kind.dropFirst() + " (details)\n"
            let section = try #require(output.stdout.range(of: heading), "\(name): no '\(heading)'")
            #expect(output.stdout[section.upperBound...].contains("- **\(title)"), "\(name): \(title) under \(kind)")
        }
        #expect(output.stdout.contains("## Sources"))
    }

    @Test func jsonlFromStdinForEveryExample() throws {
        let names = try exampleNames()
        let lines = try names.map { try jsonLine(fromYAMLCase: readText(examplePath($0))) }
        let output = evaluate(.jsonl, ["-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        let outLines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(outLines.count == names.count + 1, "a header line, then one line per case")
        let header = try #require(try parseJSON(String(outLines.first ?? "")) as? [String: Any])
        for (name, line) in zip(names, outLines.dropFirst()) {
            let object = try #require(try parseJSON(String(line)) as? [String: Any])
            #expect(object["case"] as? String == String(name.dropLast(5)))
            // Joined with the header, the line says what the full result says (trees aside).
            let view = try BatchView.of(line: object, header: header)
            for (action, kind) in Self.expected[name]! {
                #expect(
                    view.recommendations.contains { $0["action"] == "\"\(action)\"" && $0["kind"] == "\"\(kind)\"" },
                    "\(name): \(action) \(kind)")
            }
            let single = try #require(try parseJSON(evaluate(.json, [examplePath(name)]).stdout) as? [String: Any])
            #expect(view == BatchView.of(result: single), "\(name): JSONL result differs from the JSON result")
        }
    }

    @Test func severalCasesGiveAJSONArrayInOrder() throws {
        let names = try exampleNames()
        let output = evaluate(.json, names.map(examplePath))
        #expect(output.exitCode == 0)
        let array = try #require(try parseJSON(output.stdout) as? [[String: Any]])
        #expect(array.map { $0["case"] as? String } == names.map { String($0.dropLast(5)) })
    }

    @Test func textListsContraindicationsBeforeRecommendations() throws {
        for name in try exampleNames() {
            let text = evaluate(.text, [examplePath(name)]).stdout
            let order = [
                "Contraindicated (details)\n", "Caution (details)\n", "Recommended (details)\n", "Consider (details)\n",
            ].compactMap { text.range(of: $0)?.lowerBound }
            #expect(order == order.sorted(), "\(name): sections out of order")
            if let contraindicated = text.range(of: "\nContraindicated (details)\n"),
                let recommended = text.range(of: "\nRecommended (details)\n")
            {
                #expect(contraindicated.lowerBound < recommended.lowerBound)
            }
        }
        let t12 = evaluate(.text, [examplePath("unstable-t12.yaml")]).stdout
        let contraindicated = try #require(t12.range(of: "\nContraindicated (details)\n"))
        let recommended = try #require(t12.range(of: "\nRecommended (details)\n"))
        #expect(contraindicated.lowerBound < recommended.lowerBound)
        let markdown = evaluate(.markdown, [examplePath("unstable-t12.yaml")]).stdout
        #expect(
            try #require(markdown.range(of: "## Contraindicated (details)")).lowerBound
                < (try #require(markdown.range(of: "## Recommended (details)"))).lowerBound)
    }

    // MARK: snapshot

    /// Masks what depends on the machine (the checkout's absolute path) or on the rules' exact content
    /// (the fingerprint).
    func normalise(_ text: String) -> String {
        maskFingerprints(text.replacingOccurrences(of: repositoryRoot.path + "/", with: ""))
    }

    @Test(arguments: [
        ("unstable-t12.yaml", EvaluateCommand.Format.text, "unstable-t12.txt"),
        ("suspected-mescc.yaml", .markdown, "suspected-mescc.md"),
    ])
    func outputMatchesItsSnapshot(example: String, format: EvaluateCommand.Format, name: String) throws {
        let output = evaluate(format, [examplePath(example)])
        #expect(output.exitCode == 0)
        let actual = normalise(output.stdout)
        let snapshot = snapshotDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: snapshot.path) else {
            try FileManager.default.createDirectory(at: snapshotDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: snapshot)
            Issue.record("snapshot \(snapshot.path) was missing and has been written; check it and run again")
            return
        }
        let expected = maskFingerprints(try readText(snapshot.path))
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            let detail =
                first.map { "line \($0.offset + 1):\n  expected: \($0.element.1)\n  actual:   \($0.element.0)" }
                ?? "lengths differ: \(e.count) expected lines, \(a.count) actual lines"
            Issue.record("\(format) output of \(example) differs from \(snapshot.path)\n\(detail)")
        }
    }

    // MARK: --why-not

    @Test func whyNotAddsTheRule() throws {
        let plain = try #require(
            try parseJSON(evaluate(.json, [examplePath("unstable-t12.yaml")]).stdout) as? [String: Any])
        #expect(plain["whyNot"] == nil, "no whyNot unless asked")
        let output = evaluate(.json, [examplePath("unstable-t12.yaml")], whyNot: ["pt-stable-progressive-programme"])
        #expect(output.exitCode == 0)
        let object = try #require(try parseJSON(output.stdout) as? [String: Any])
        let whyNot = try #require(object["whyNot"] as? [[String: Any]])
        #expect(whyNot.count == 1)
        let entry = try #require(whyNot.first)
        #expect((entry["rule"] as? [String: Any])?["id"] as? String == "pt-stable-progressive-programme")
        #expect(entry["value"] as? Bool == false)
        let because = try #require(entry["because"] as? [String: Any])
        #expect(because["text"] as? String == "sins.band (unstable) == stable")

        let text = evaluate(.text, [examplePath("unstable-t12.yaml")], whyNot: ["pt-stable-progressive-programme"])
            .stdout
        #expect(text.contains("Why not\n"))
        #expect(text.contains("pt-stable-progressive-programme is false: sins.band (unstable) == stable"))
    }

    @Test func whyNotOfAFiringRuleSaysThatItFiredAndWhy() throws {
        let rule = "sins-unstable-urgent-consultation"
        let output = evaluate(.json, [examplePath("unstable-t12.yaml")], whyNot: [rule])
        #expect(output.exitCode == 0)
        let object = try #require(try parseJSON(output.stdout) as? [String: Any])
        let entry = try #require((object["whyNot"] as? [[String: Any]])?.first)
        #expect((entry["rule"] as? [String: Any])?["id"] as? String == rule)
        #expect(entry["value"] as? Bool == true)
        #expect((entry["because"] as? [String: Any])?["text"] as? String == "sins.band (unstable) == unstable")
        let text = evaluate(.text, [examplePath("unstable-t12.yaml")], whyNot: [rule]).stdout
        #expect(text.contains("\(rule) fired: sins.band (unstable) == unstable"))
        // The batch line says the same.
        let batch = evaluate(
            .jsonl, ["-"], whyNot: [rule],
            stdin:
                #"{"facts":{"spine.level":"T12","spine.pain":"mechanical","spine.bone_lesion":"lytic","spine.alignment":"deformity","spine.collapse":"under-50","spine.posterolateral":"unilateral"}}"#
                + "\n")
        let line = try #require(try parseJSON(String(batch.stdout.split(separator: "\n").last ?? "")) as? [String: Any])
        let batchEntry = try #require((line["whyNot"] as? [[String: Any]])?.first)
        #expect(batchEntry["rule"] as? String == rule && batchEntry["value"] as? Bool == true)
        // --explain all explains the rules that did not fire only.
        let all = try #require(
            try parseJSON(evaluate(.json, [examplePath("unstable-t12.yaml")], explainAll: true).stdout)
                as? [String: Any])
        #expect(!((all["whyNot"] as? [[String: Any]]) ?? []).contains { $0["value"] as? Bool == true })
    }

    @Test func unknownWhyNotIsAUsageError() {
        let output = evaluate(.text, [examplePath("unstable-t12.yaml")], whyNot: ["pt-stable-progresive-programme"])
        #expect(output.exitCode == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("--why-not names no rule: 'pt-stable-progresive-programme'"))
        #expect(output.stderr.contains("did you mean 'pt-stable-progressive-programme'?"))
    }

    // MARK: invalid input

    @Test func invalidCaseFailsWithItsLocation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-tooltests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("bad.yaml").path
        try Data("case: bad\nfacts:\n  spine.level: T12\n  spine.pain: mechanicl\n".utf8).write(
            to: URL(fileURLWithPath: file))
        for format in [EvaluateCommand.Format.text, .json, .markdown] {
            let output = evaluate(format, [file])
            #expect(output.exitCode == 1)
            // Nothing evaluated: no result (JSON gives the case's entry with its errors, never a result).
            if format == .json {
                let entry = try #require(try parseJSON(output.stdout) as? [String: Any])
                #expect(entry["recommendations"] == nil && entry["errors"] is [Any], "\(output.stdout)")
            } else {
                #expect(output.stdout.isEmpty, "\(format): \(output.stdout)")
            }
            #expect(
                output.stderr.contains("\(file):4:15: error: 'mechanicl' is not a value of 'spine.pain'"),
                "\(output.stderr)")
            #expect(output.stderr.contains("did you mean 'mechanical'?"))
            #expect(output.stderr.contains("it was not evaluated"))
        }
    }

    @Test func invalidCaseAmongValidOnesFailsButEvaluatesTheOthers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-tooltests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("bad.json").path
        try Data(#"{"facts": {"spine.levl": "T12"}}"#.utf8).write(to: URL(fileURLWithPath: file))
        let output = evaluate(.text, [examplePath("unstable-t12.yaml"), file])
        #expect(output.exitCode == 1)
        #expect(output.stdout.contains("Case 'unstable-t12'"))
        #expect(output.stderr.contains("\(file):1:12: error: undeclared fact 'spine.levl'"), "\(output.stderr)")
        #expect(output.stderr.contains("JSON path $.facts[\"spine.levl\"]"))
    }

    @Test func jsonHasOneEntryPerCaseFileValidOrNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-tooltests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("bad.json").path
        try Data(#"{"facts": {"spine.levl": "T12"}}"#.utf8).write(to: URL(fileURLWithPath: file))
        // Several files: always an array, the invalid one an entry with its errors, in its place.
        let two = evaluate(.json, [file, examplePath("unstable-t12.yaml")])
        #expect(two.exitCode == 1)
        let list = try #require(try parseJSON(two.stdout) as? [[String: Any]])
        #expect(list.count == 2)
        #expect(list[0]["source"] as? String == file)
        let errors = try #require(list[0]["errors"] as? [[String: Any]])
        #expect(
            errors.first?["code"] as? String == "case.undeclared-fact"
                || errors.first?["message"] as? String == "undeclared fact 'spine.levl'")
        #expect(errors.first?["line"] as? Int == 1)
        #expect(list[1]["case"] as? String == "unstable-t12")
        // One file: always an object, also when it is invalid (never `[]`).
        let one = evaluate(.json, [file])
        #expect(one.exitCode == 1)
        let object = try #require(try parseJSON(one.stdout) as? [String: Any])
        #expect(object["source"] as? String == file && (object["errors"] as? [Any])?.isEmpty == false)
        let missing = try #require(
            try parseJSON(evaluate(.json, ["/nonexistent/case-\(UUID().uuidString).yaml"]).stdout) as? [String: Any])
        #expect((missing["errors"] as? [[String: Any]])?.first?["code"] as? String == "case.unreadable-file")
    }

    @Test func missingCaseFile() {
        let output = evaluate(.text, ["/nonexistent/case-\(UUID().uuidString).yaml"])
        #expect(output.exitCode == 1)
        #expect(output.stderr.contains("cannot read case file"))
        // Why: missing, or a directory.
        #expect(output.stderr.contains(": no such file or directory\n"), "\(output.stderr)")
        let directory = evaluate(.text, [FileManager.default.temporaryDirectory.path])
        #expect(directory.exitCode == 1)
        #expect(directory.stderr.contains(": is a directory\n"), "\(directory.stderr)")
    }
}
