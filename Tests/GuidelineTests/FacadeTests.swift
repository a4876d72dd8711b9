import Foundation
import Guideline
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let bundledDirectory = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// The public façade: `Guideline(directory:)`, evaluation of Swift values, case text and JSON, and errors.
@Suite struct FacadeTests {
    static let guideline: Guideline = {
        do { return try Guideline(directory: bundledDirectory) } catch { fatalError("\(error)") }
    }()

    @Test func theReadmeExampleRunsAndIsTheCodeTheReadmeShows() throws {
        // The example names the ruleset relative to the repository root, where `swift test` runs.
        try #require(
            FileManager.default.fileExists(atPath: "Rules/spine-metastases/ruleset.yaml"),
            "run the tests from the repository root")
        var lines: [String] = []
        let json = try EmbeddingExample.run { lines.append($0) }
        #expect(lines.contains { $0.hasPrefix("caution physical-therapy ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("contraindicated ") }, "\(lines)")
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((object["ruleset"] as? [String: Any])?["id"] as? String == "spine-metastases")

        let source = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Tests/GuidelineTests/EmbeddingExample.swift"),
            encoding: .utf8)
        let begin = try #require(source.range(of: "// README example begins\n"))
        let end = try #require(source.range(of: "        // README example ends"))
        let code = source[begin.upperBound..<end.lowerBound].split(separator: "\n").map { $0.dropFirst(8) }
            .map {
                $0.replacingOccurrences(
                    of: "print(\"\\(r.kind) \\(r.action) \\(r.text)\")", with: "print(r.kind, r.action, r.text)")
            }
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(
            readme.contains("```swift\nimport Guideline\n" + code.joined(separator: "\n") + "\n```"),
            "the README's embedding example differs from EmbeddingExample.swift")
    }

    @Test func aValueOutOfItsRangeThrowsNamingTheFactAndTheRange() {
        #expect {
            _ = try Self.guideline.evaluate(["spine.level": "T12", "patient.life_expectancy": "5000 mo"])
        } throws: { error in
            let text = "\(error)"
            return (error as? GuidelineError)?.diagnostics.first?.code == "case.out-of-range"
                && text.contains("'patient.life_expectancy'") && text.contains("0 mo..1200 mo")
        }
    }

    @Test func swiftValuesAreValidatedAsCaseFileValuesAre() throws {
        let wrong: [(facts: [String: CaseValue], code: String)] = [
            (["spine.levle": "T12"], "case.undeclared-fact"),
            (["spine.level": "T99"], "case.unknown-enum-value"),
            (["spine.level": true], "case.unknown-enum-value"),
            (["patient.life_expectancy": "6 kg"], "case.unit-mismatch"),
            (["patient.life_expectancy": 6], "case.wrong-type"),
            (["patient.life_expectancy": "6 months"], "case.unknown-unit"),
        ]
        for (facts, code) in wrong {
            do {
                _ = try Self.guideline.evaluate(facts)
                Issue.record("\(facts) was accepted")
            } catch {
                #expect(error.diagnostics.map(\.code) == [code], "\(facts): \(error)")
            }
        }
        do {
            _ = try Self.guideline.evaluate(["spine.levle": "T12"])
        } catch {
            #expect(error.description.contains("did you mean 'spine.level'?"), "\(error)")
        }
    }

    @Test func notRecordedIsUnknownNeverFalse() throws {
        let given = try Self.guideline.evaluate(["spine.level": "T12", "spine.stabilized": nil])
        let left = try Self.guideline.evaluate(["spine.level": "T12"])
        #expect(given == left)
        #expect(given.needs.contains("spine.pain"))
        let falseGiven = try Self.guideline.evaluate(["spine.level": "T12", "spine.stabilized": false])
        #expect(falseGiven != left)
    }

    @Test func caseTextJSONAndSwiftValuesGiveTheSameResult() throws {
        let values = try Self.guideline.evaluate(
            ["spine.level": "T12", "spine.pain": "mechanical", "patient.life_expectancy": "6 mo"], caseID: "a")
        let yaml = try Self.guideline.evaluate(
            caseText: "case: a\nfacts: {spine.level: T12, spine.pain: mechanical, patient.life_expectancy: 6 mo}\n")
        let json = try Self.guideline.evaluate(
            json: Array(
                #"{"case":"a","facts":{"spine.level":"T12","spine.pain":"mechanical","patient.life_expectancy":"6 mo"}}"#
                    .utf8))
        #expect(values == yaml)
        #expect(values == json)
    }

    @Test func anInvalidCaseFileThrowsItsDiagnosticsWithFileAndLine() {
        do {
            _ = try Self.guideline.evaluate(caseText: "facts:\n  spine.level: T99\n", file: "mine.yaml")
            Issue.record("an invalid case was accepted")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["case.unknown-enum-value"])
            #expect(error.description.contains("mine.yaml:2:16: error:"), "\(error)")
        }
    }

    @Test func aRulesetWithErrorsDoesNotLoadAndSaysWhy() throws {
        var files: [String: String] = [:]
        for name in ["ruleset.yaml", "facts.yaml"] {
            files[name] = try String(contentsOfFile: bundledDirectory + "/" + name, encoding: .utf8)
        }
        #expect(throws: GuidelineError.self) { try Guideline(directory: "/nonexistent/ruleset") }
        do {
            _ = try Guideline(files: files, directory: "in-memory")
            Issue.record("a ruleset with missing files loaded")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            #expect(error.description.contains("in-memory/"), "\(error)")
        }
    }

    @Test func theFacadeNamesTheRulesetAndItsFacts() {
        let guideline = Self.guideline
        #expect(guideline.id == "spine-metastases")
        #expect(guideline.fingerprint.hasPrefix("sha256:"))
        #expect(guideline.facts.contains { $0.name == "patient.life_expectancy" && $0.unit == "mo" })
    }

    @Test func renderingGivesEachFormat() throws {
        let result = try Self.guideline.evaluate(["spine.level": "T12", "neuro.presentation": "suspected-mescc"])
        #expect(Self.guideline.render(result).contains("Summary"))
        #expect(Self.guideline.render(result, as: .markdown).hasPrefix("# "))
        let json = Self.guideline.render(result, as: .json)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }
}
