import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// A ruleset's own test cases (the files under `tests:` in the manifest): a case and what must and must
/// not come out of it.
package struct GuidelineTestSuite: Sendable {
    /// One expectation: what is checked and what was wanted.
    package struct Expectation: Sendable {
        /// What is checked (`recommended`, `absent`, `score sins`, ...).
        package var key: String
        /// The wanted item (an action, a rule id, a fact, a score value).
        package var item: String
        /// Where it is written.
        package var range: SourceRange
    }

    /// One test case.
    package struct Case: Sendable {
        /// The test's name.
        package var name: String
        /// The decoded case.
        package var input: CaseInput
        /// The expectations.
        package var expectations: [Expectation]
        /// Where the test is written.
        package var range: SourceRange
    }

    /// The keys `expect:` accepts.
    package static let expectKeys = [
        "scores", "recommended", "consider", "caution", "contraindicated", "absent", "fired", "not-fired",
        "provisional",
        "unless-not-recorded", "needs", "undetermined",
    ]

    /// The cases, in file order.
    package var cases: [Case]
    /// Problems found while reading the test files.
    package var diagnostics: [Diagnostic]
    /// The text of the test files, for rendering diagnostics.
    package var sources: SourceStore

    /// Loads every test file the manifest of `ruleset` lists.
    package static func load(for ruleset: CompiledRuleset, limits: YAMLLimits = .default) -> GuidelineTestSuite {
        var suite = GuidelineTestSuite(cases: [], diagnostics: [], sources: SourceStore())
        var bag = DiagnosticBag()
        let base = ruleset.directory.hasSuffix("/") ? String(ruleset.directory.dropLast()) : ruleset.directory
        for listed in ruleset.manifest.tests {
            let path = "\(base)/\(listed.path)"
            let bytes: [UInt8]
            switch BoundedFileReader.read(path: path, limits: limits) {
            case .bytes(let read): bytes = read
            case .tooLarge(let error):
                bag.append(error)
                continue
            case .unreadable(let reason):
                bag.error(
                    TestDiagnosticCode.missingFile, "test file \(quoted: listed.path) cannot be read: \(reason)",
                    at: listed.range)
                continue
            }
            if let text = String(validating: bytes, as: UTF8.self) { suite.sources.add(file: path, text: text) }
            let document = YAMLLoader(limits: limits).load(bytes: bytes, file: path)
            bag.append(contentsOf: document.diagnostics)
            guard let root = document.root else { continue }
            suite.cases += decode(root, file: path, ruleset: ruleset, bag: &bag)
        }
        suite.diagnostics = bag.sorted
        return suite
    }

    private static func decode(
        _ root: YAMLNode, file: String, ruleset: CompiledRuleset, bag: inout DiagnosticBag
    ) -> [Case] {
        guard let list = root["tests"]?.sequence else {
            bag.error(
                TestDiagnosticCode.expectedList, "a test file is a mapping with a list under 'tests:'", at: root.range)
            return []
        }
        let decoder = CaseDecoder(ruleset: ruleset)
        var result: [Case] = []
        for item in list {
            guard let pairs = item.mapping else {
                bag.error(
                    TestDiagnosticCode.expectedMapping,
                    "a test is a mapping with 'name', 'facts' and 'expect', found \(item.kindName)", at: item.range)
                continue
            }
            var name = "test at line \(item.range.start.line)"
            var id: String?
            var facts: YAMLNode?
            var expect: YAMLNode?
            for pair in pairs {
                let key = pair.key.scalar?.value ?? ""
                switch key {
                case "name": name = pair.value.scalar?.value ?? name
                case "case": id = pair.value.scalar?.value
                case "facts": facts = pair.value
                case "expect": expect = pair.value
                default:
                    bag.append(
                        Diagnostic.error(
                            TestDiagnosticCode.unknownKey, "unknown key \(quoted: key) in a test", at: pair.key.range
                        )
                        .suggesting(Suggestions.closest(to: key, in: ["name", "case", "facts", "expect"])))
                }
            }
            let outcome = decoder.decode(facts: facts, id: id ?? name, file: file)
            bag.append(contentsOf: outcome.diagnostics)
            guard let input = outcome.input else { continue }
            guard let expect else {
                bag.error(TestDiagnosticCode.missingExpect, "test \(quoted: name) has no 'expect'", at: item.range)
                continue
            }
            result.append(
                Case(
                    name: name, input: input,
                    expectations: expectations(expect, test: name, ruleset: ruleset, bag: &bag), range: item.range))
        }
        return result
    }

    private static func expectations(
        _ node: YAMLNode, test: String, ruleset: CompiledRuleset, bag: inout DiagnosticBag
    ) -> [Expectation] {
        guard let pairs = node.mapping else {
            bag.error(
                TestDiagnosticCode.expectedMapping, "'expect' of test \(quoted: test) must be a mapping", at: node.range
            )
            return []
        }
        var result: [Expectation] = []
        let ruleIDs = ruleset.rules.map(\.id)
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            guard expectKeys.contains(key) else {
                bag.append(
                    Diagnostic.error(
                        TestDiagnosticCode.unknownKey, "unknown expectation \(quoted: key) in test \(quoted: test)",
                        at: pair.key.range
                    )
                    .suggesting(Suggestions.closest(to: key, in: expectKeys)))
                continue
            }
            if key == "scores" {
                for entry in pair.value.mapping ?? [] {
                    let score = entry.key.scalar?.value ?? ""
                    let base = score.hasSuffix(".band") ? String(score.dropLast(5)) : score
                    if !ruleset.scores.contains(where: { $0.declaration.id == base }) {
                        bag.append(
                            Diagnostic.error(
                                TestDiagnosticCode.unknownScore,
                                "unknown score \(quoted: score) in test \(quoted: test)", at: entry.key.range
                            )
                            .suggesting(
                                Suggestions.closest(
                                    to: score,
                                    in: ruleset.scores.flatMap { [$0.declaration.id, "\($0.declaration.id).band"] })))
                    }
                    result.append(
                        Expectation(
                            key: "score \(score)", item: entry.value.scalar?.value ?? "", range: entry.value.range))
                }
                continue
            }
            let items = pair.value.sequence ?? [pair.value]
            for itemNode in items {
                guard let item = itemNode.scalar?.value else { continue }
                let known: [String]
                switch key {
                case "fired", "not-fired", "undetermined": known = ruleIDs
                case "needs": known = ruleset.facts.map(\.name)
                default: known = Array(ruleset.actions.keys).sorted()
                }
                if !known.contains(item) {
                    bag.append(
                        Diagnostic.error(
                            TestDiagnosticCode.unknownName,
                            "\(quoted: item) under \(quoted: key) in test \(quoted: test) names nothing in the ruleset",
                            at: itemNode.range
                        )
                        .suggesting(Suggestions.closest(to: item, in: known)))
                }
                result.append(Expectation(key: key, item: item, range: itemNode.range))
            }
        }
        return result
    }
}
