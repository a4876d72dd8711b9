import Foundation
import GuidelineAudit
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineExpression
import GuidelineTool
import GuidelineYAML
import Testing

/// The diagnostic catalogs, one per phase: every code is in exactly one, documented, and used through its catalog.
@Suite("Diagnostic catalogs")
struct DiagnosticCatalogTests {
    /// Every catalog with its codes, in declaration order.
    static let catalogs: [(name: String, codes: [String])] = [
        ("YAMLDiagnosticCode", YAMLDiagnosticCode.allCases.map(\.rawValue)),
        ("ExpressionDiagnosticCode", ExpressionDiagnosticCode.allCases.map(\.rawValue)),
        ("RulesDiagnosticCode", RulesDiagnosticCode.allCases.map(\.rawValue)),
        ("CaseDiagnosticCode", CaseDiagnosticCode.allCases.map(\.rawValue)),
        ("EvaluationDiagnosticCode", EvaluationDiagnosticCode.allCases.map(\.rawValue)),
        ("TestDiagnosticCode", TestDiagnosticCode.allCases.map(\.rawValue)),
        ("ToolDiagnosticCode", ToolDiagnosticCode.allCases.map(\.rawValue)),
        ("AuditDiagnosticCode", AuditDiagnosticCode.allCases.map(\.rawValue)),
    ]

    /// Every code of every catalog.
    static var allCodes: [String] { catalogs.flatMap(\.codes) }

    /// The code families (`yaml`, `rules`, ...), the part of a code before its dot.
    static var families: Set<String> { Set(allCodes.map { String($0.prefix { $0 != "." }) }) }

    /// The matches of `pattern`'s first capture group in `text`.
    static func captures(of pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The codes the Diagnostics article names: each code in backticks or in the `[code]` of a rendered message.
    static func documentedCodes() throws -> [String] {
        let article = try readText(
            repositoryRoot.appendingPathComponent("Sources/Guideline/Guideline.docc/Diagnostics.md").path)
        let family = families.sorted().joined(separator: "|")
        return try captures(of: "(?<=[`\\[])((?:\(family))\\.[a-z0-9*-]+)(?=[`\\]])", in: article)
    }

    @Test("each catalog is sorted by code and every code is in exactly one catalog")
    func sortedAndUnique() {
        for catalog in Self.catalogs {
            #expect(!catalog.codes.isEmpty, "\(catalog.name) is empty")
            #expect(catalog.codes == catalog.codes.sorted(), "\(catalog.name) is not sorted by code")
        }
        var seen: [String: String] = [:]
        for catalog in Self.catalogs {
            for code in catalog.codes {
                #expect(seen[code] == nil, "\(code) is in \(seen[code] ?? "") and \(catalog.name)")
                seen[code] = catalog.name
            }
        }
        #expect(Self.allCodes.count >= 100, "the catalogs hold \(Self.allCodes.count) codes")
    }

    @Test("codes are a family and lowercase words joined by '-'")
    func codeForm() throws {
        for code in Self.allCodes {
            #expect(try Self.captures(of: "^([a-z]+\\.[a-z0-9]+(?:-[a-z0-9]+)*)$", in: code) == [code], "\(code)")
        }
    }

    @Test("every code of the catalogs is documented in the Diagnostics article")
    func everyCodeDocumented() throws {
        let documented = Set(try Self.documentedCodes())
        for catalog in Self.catalogs {
            let missing = catalog.codes.filter { !documented.contains($0) }
            #expect(missing.isEmpty, "\(catalog.name): not in Diagnostics.md: \(missing)")
        }
    }

    @Test("every code documented in the Diagnostics article is in a catalog, spelled out (no wildcards)")
    func everyDocumentedCodeExists() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count >= Self.allCodes.count)
        let known = Set(Self.allCodes)
        let unknown = documented.filter { !known.contains($0) }
        #expect(unknown.isEmpty, "documented but in no catalog: \(unknown)")
    }

    @Test("no diagnostic code is written as a string outside the catalogs in Sources")
    func noCodeLiteralsOutsideCatalogs() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasSuffix("DiagnosticCode.swift") }
        #expect(files.count > 50)
        let family = Self.families.sorted().joined(separator: "|")
        let literal = try NSRegularExpression(pattern: "\"((?:\(family))\\.[a-z0-9-]+)\"")
        func literals(_ text: String) -> [String] {
            literal.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            }
        }
        #expect(
            literals(#"bag.error("rules.cycle", "a", at: nil); x == "batch.line-too-long""#) == [
                "rules.cycle", "batch.line-too-long",
            ])
        var found: [String] = []
        for file in files {
            // Comments may name codes; code may not.
            let text = try readText(file.path).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            let codes = literals(text) + Self.allCodes.filter { text.contains($0) }
            for code in Set(codes).sorted() { found.append("\(file.lastPathComponent): \(code)") }
        }
        #expect(found.isEmpty, "codes written outside the catalogs:\n\(found.sorted().joined(separator: "\n"))")
    }

    @Test("a catalog code builds the diagnostic with its stable code")
    func factories() {
        var bag = DiagnosticBag()
        bag.error(RulesDiagnosticCode.unknownKey, "unknown key 'x' in fact 'a'", at: nil)
        bag.warning(RulesDiagnosticCode.unusedFact, "fact 'a' is never used", at: nil)
        bag.append(.error(YAMLDiagnosticCode.duplicateKey, "key 'a' is already defined", at: nil))
        #expect(bag.all.map(\.code) == ["rules.unknown-key", "rules.unused-fact", "yaml.duplicate-key"])
        #expect(bag.all.map(\.severity) == [.error, .warning, .error])
        #expect(CaseDiagnosticCode.wrongType.rawValue == "case.wrong-type")
        #expect(ToolDiagnosticCode.writeFailed.rawValue == "io.write-failed")
        #expect(EvaluationDiagnosticCode.error.rawValue == "eval.error")
    }
}
