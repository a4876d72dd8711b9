import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression
import Testing

@Suite("Bundled rulesets")
struct BundledRulesetTests {
    /// Every directory under `Rules/` with a manifest.
    static let rulesets: [String] = {
        let rules = repositoryPath("Rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: "\(rules)/\($0)/ruleset.yaml") }
    }()

    @Test("there is at least one ruleset under Rules/")
    func rulesetsExist() {
        #expect(Self.rulesets.contains("spine-metastases"))
    }

    @Test("every ruleset under Rules/ compiles with no errors", arguments: rulesets)
    func compiles(_ name: String) throws {
        let result = RulesetLoader().load(directory: repositoryPath("Rules/\(name)"))
        #expect(result.errors.isEmpty, "\(result.rendered)")
        let ruleset = try #require(result.ruleset)
        #expect(!ruleset.rules.isEmpty)
        #expect(ruleset.fingerprint.hasPrefix("sha256:"))
        // The warnings are listed in the result and carried by the ruleset.
        #expect(ruleset.warnings == result.warnings)
        for warning in result.warnings { print("\(name): \(warning)") }
    }

    @Test("the bundled ruleset has no warning: its undated source seed-003 says why in its note")
    func bundledWarnings() throws {
        let result = RulesetLoader().load(directory: repositoryPath("Rules/spine-metastases"))
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty, "\(result.rendered)")
    }
}

@Suite("Scalars are typed by the field")
struct ScalarTypingTests {
    @Test("enum values no, on, off and yes stay words")
    func enumWords() throws {
        var main = BaseRuleset.main
        main = try #require(
            main.replacingFirst(
                "  neuro.presentation:\n",
                with: """
                      spine.answer:
                        type: enum
                        values: [no, on, off, yes]
                        default: no
                        description: words that YAML 1.1 would read as booleans

                      neuro.presentation:

                    """))
        main = try #require(
            main.replacingFirst("when: mescc.suspected", with: "when: mescc.suspected or spine.answer == off"))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
            let ruleset = try #require(result.ruleset)
            let fact = try #require(ruleset.facts.first { $0.name == "spine.answer" })
            guard case .enumeration(let type) = fact.type else {
                Issue.record("spine.answer is \(fact.type.keyword), not enum")
                return
            }
            #expect(type.values == ["no", "on", "off", "yes"])
            #expect(fact.defaultValue == .symbol(type, 0))
        }
    }

    @Test("a version 08 stays the text 08")
    func versionStaysText() throws {
        let manifest = try #require(BaseRuleset.manifest.replacingFirst("version: 1.0.0", with: "version: 08"))
        try loadRuleset(["ruleset.yaml": manifest, "main.yaml": BaseRuleset.main]) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
            #expect(result.ruleset?.manifest.version == "08")
        }
    }

    @Test("a version that YAML reads as a number is an error; quoted, it is text")
    func numericVersion() throws {
        let plain = try #require(BaseRuleset.manifest.replacingFirst("version: 1.0.0", with: "version: 1.0"))
        try loadRuleset(["ruleset.yaml": plain, "main.yaml": BaseRuleset.main]) { result, directory in
            #expect(result.errors.map(\.code) == ["rules.expected-text"], "\(result.rendered)")
            #expect(result.errors.first?.range?.start.file == "\(directory)/ruleset.yaml")
            #expect(result.errors.first?.position == position(of: "1.0", in: plain))
        }
        let quoted = try #require(BaseRuleset.manifest.replacingFirst("version: 1.0.0", with: "version: '1.0'"))
        try loadRuleset(["ruleset.yaml": quoted, "main.yaml": BaseRuleset.main]) { result, _ in
            #expect(result.diagnostics.isEmpty, "\(result.rendered)")
            #expect(result.ruleset?.manifest.version == "1.0")
        }
    }

    @Test("enum values are words starting with a letter", arguments: ["1", "08", "2a"])
    func enumValueStartingWithDigit(_ value: String) throws {
        let main = try #require(
            BaseRuleset.main.replacingFirst("values: [C1, C2, C3, T1]", with: "values: [C1, C2, C3, T1, \(value)]"))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            let bad = result.errors.filter { $0.code == "rules.bad-enum-value" }
            #expect(bad.count == 1, "\(result.rendered)")
            #expect(bad.first?.position == position(of: value, in: main, after: "T1, "))
        }
    }

    @Test("a boolean field accepts only true or false", arguments: ["yes", "no", "on", "off", "True", "1"])
    func booleanFieldRejectsYAML11Words(_ word: String) throws {
        let main = try #require(BaseRuleset.main.replacingFirst("complete: true", with: "complete: \(word)"))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            #expect(result.errors.map(\.code) == ["rules.expected-boolean"], "\(result.rendered)")
            #expect(result.errors.first?.position == position(of: word, in: main, after: "complete: "))
        }
    }

    @Test("an integer default 08 is not silently the number 8")
    func leadingZeroInteger() throws {
        let main = try #require(
            BaseRuleset.main.replacingFirst(
                "  neuro.presentation:\n",
                with: """
                      rt.fractions:
                        type: integer
                        default: 08
                        description: number of fractions

                      neuro.presentation:

                    """))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            #expect(result.errors.map(\.code) == ["case.wrong-type"], "\(result.rendered)")
            #expect(result.errors.first?.position == position(of: "08", in: main))
        }
    }
}

@Suite("Diagnostics collection")
struct DiagnosticsCollectionTests {
    @Test("several errors in one file are all reported, sorted by location")
    func multipleErrorsSorted() throws {
        var main = BaseRuleset.main
        // Planted in an order unlike both the file order and the compiler's phase order.
        let edits: [(String, String)] = [
            ("when: mescc.suspected", "when: mescc.suspectd"),  // rules (last phase, end of file)
            ("stable: 0..2", "stable: 0..1"),  // score bands (middle)
            ("    description: pain character", "    descripton: pain character"),  // fact keys (top)
            ("value: neuro.presentation == suspected-mescc", "value: neuro.presentation == suspected"),  // derived
            ("cite: [fisher-2010]", "cite: [fisher-2011]"),  // score citation
        ]
        for (old, new) in edits { main = try #require(main.replacingFirst(old, with: new), "\(old)") }
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, directory in
            let expected: [(String, TextPosition?)] = [
                // the misspelled 'description' is one error (with "did you mean"), not also a missing key
                ("rules.unknown-key", position(of: "descripton", in: main)),
                ("rules.unknown-source", position(of: "fisher-2011", in: main)),
                ("rules.band-gap", position(of: "stable:", in: main, after: "bands:")),
                (
                    "expr.unknown-enum-value",
                    position(of: "suspected", in: main, after: "value: neuro.presentation == ")
                ),
                ("expr.undeclared-name", position(of: "mescc.suspectd", in: main)),
            ]
            let errors = result.errors.filter { $0.range?.start.file == "\(directory)/main.yaml" }
            #expect(errors.map(\.code) == expected.map(\.0), "\(result.rendered)")
            #expect(errors.map(\.position) == expected.map(\.1), "\(result.rendered)")
            // The whole list is sorted by file, line and column.
            let starts = result.diagnostics.compactMap(\.range?.start)
            #expect(starts == starts.sorted(), "\(result.rendered)")
            #expect(!result.compiled)
        }
    }

    @Test("a misspelled 'when' and a misspelled kind in one rule are both reported, once each")
    func everyProblemOfARule() throws {
        var main = BaseRuleset.main
        main = try #require(main.replacingFirst("    when: mescc.suspected", with: "    whne: mescc.suspected"))
        let rule = try #require(main.range(of: "whne: mescc.suspected"))
        let kind = try #require(main.range(of: "kind: recommended", range: rule.upperBound..<main.endIndex))
        main.replaceSubrange(kind, with: "kind: recomended")
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            #expect(result.errors.map(\.code) == ["rules.unknown-key", "rules.bad-value"], "\(result.rendered)")
            #expect(result.errors.first?.help.contains("did you mean 'when'?") == true, "\(result.rendered)")
            #expect(result.errors.last?.message.contains("'recomended'") == true, "\(result.rendered)")
            #expect(result.warnings.isEmpty, "no cascading 'never used' warning: \(result.rendered)")
        }
    }

    @Test("a type error in a condition does not also report the facts it reads as never used")
    func typeErrorKeepsItsFactsUsed() throws {
        let main = try #require(
            BaseRuleset.main.replacingFirst(
                "when: sins.band == unstable and not spine.stabilized",
                with: "when: sins.band == unstable and spine.stabilized + 1 == 2"))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, _ in
            #expect(result.errors.map(\.code) == ["expr.type-mismatch"], "\(result.rendered)")
            #expect(!result.warnings.contains { $0.code == "rules.unused-fact" }, "\(result.rendered)")
        }
        // Where the fact is truly unused (the rule no longer names it), the warning is there.
        let unused = try #require(
            BaseRuleset.main.replacingFirst(
                "when: sins.band == unstable and not spine.stabilized", with: "when: sins.band == unstable"))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": unused]) { result, _ in
            #expect(
                result.warnings.map(\.message).contains("fact 'spine.stabilized' is never used"), "\(result.rendered)")
        }
    }

    @Test("an unused fact and an unused source are warnings, and the ruleset still compiles")
    func unusedWarnings() throws {
        let main = try #require(
            BaseRuleset.main.replacingFirst(
                "  neuro.presentation:\n",
                with: """
                      labs.albumin:
                        type: decimal
                        description: serum albumin in g/dL

                      neuro.presentation:

                    """))
        let manifest =
            BaseRuleset.manifest + """
                  mirels-1989:
                    title: Metastatic disease in long bones
                    authors: [Mirels H]
                    year: 1989

                """
        try loadRuleset(["ruleset.yaml": manifest, "main.yaml": main]) { result, directory in
            #expect(result.errors.isEmpty, "\(result.rendered)")
            // sorted by location: main.yaml sorts before ruleset.yaml
            #expect(result.warnings.map(\.code) == ["rules.unused-fact", "rules.unused-source"], "\(result.rendered)")
            let source = try #require(result.warnings.first { $0.code == "rules.unused-source" })
            #expect(source.message == "source 'mirels-1989' is never cited")
            #expect(source.range?.start.file == "\(directory)/ruleset.yaml")
            #expect(source.position == position(of: "mirels-1989", in: manifest))
            let fact = try #require(result.warnings.first { $0.code == "rules.unused-fact" })
            #expect(fact.message == "fact 'labs.albumin' is never used")
            #expect(fact.position == position(of: "labs.albumin", in: main))
            let ruleset = try #require(result.ruleset)
            #expect(ruleset.warnings.map(\.code).sorted() == ["rules.unused-fact", "rules.unused-source"])
        }
    }

    @Test("a dependency cycle between derived values is reported once, naming the cycle")
    func derivedCycle() throws {
        let main = try #require(
            BaseRuleset.main.replacingFirst(
                "tables:\n",
                with: """
                      spine.risk_a:
                        description: one half of a cycle
                        value: spine.risk_b and spine.stabilized
                      spine.risk_b:
                        description: the other half
                        value: not spine.risk_a
                    tables:

                    """))
        try loadRuleset(["ruleset.yaml": BaseRuleset.manifest, "main.yaml": main]) { result, directory in
            let cycles = result.errors.filter { $0.code == "rules.cycle" }
            try #require(cycles.count == 1, "\(result.rendered)")
            #expect(
                cycles[0].message == "'spine.risk_a' depends on itself: spine.risk_a -> spine.risk_b -> spine.risk_a")
            #expect(cycles[0].range?.start.file == "\(directory)/main.yaml")
            #expect(cycles[0].position == position(of: "spine.risk_a:", in: main))
            // Both names are declared: the cycle must not also be reported as undeclared names.
            let undeclared = result.errors.filter { $0.code == "expr.undeclared-name" }
            #expect(undeclared.isEmpty, "\(result.rendered)")
            #expect(!result.compiled)
        }
    }
}
