import Foundation
import Testing

/// The YAML examples of the README and the DocC articles are valid: each is written to a file named for what it
/// is (a manifest, a test file, a case, a rule file) and passes the schema validator.
@Suite struct DocumentationExamplesTests {
    @Test func everyYAMLExampleIsValid() throws {
        let catalog = repositoryPath("Sources/Guideline/Guideline.docc")
        let articles = try FileManager.default.contentsOfDirectory(atPath: catalog).filter { $0.hasSuffix(".md") }
            .sorted()
        let texts = try ([repositoryPath("README.md")] + articles.map { "\(catalog)/\($0)" }).map {
            try String(contentsOfFile: $0, encoding: .utf8)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-docs-\(UUID().uuidString)")
        var count = 0
        for text in texts {
            for block in text.components(separatedBy: "```yaml\n").dropFirst() {
                guard let end = block.range(of: "```") else { continue }
                let yaml = String(block[..<end.lowerBound])
                let first =
                    yaml.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").first.map(String.init)
                    ?? ""
                let (folder, name): (String, String) =
                    switch first {
                    case "ruleset": ("manifest\(count)", "ruleset.yaml")
                    case "tests": ("tests", "t\(count).yaml")
                    case "case": ("examples", "c\(count).yaml")
                    default: ("rules", "r\(count).yaml")
                    }
                let url = directory.appendingPathComponent(folder).appendingPathComponent(name)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(yaml.utf8).write(to: url)
                count += 1
            }
        }
        #expect(count >= 10, "the examples were found")
        let (status, output) = try runSchemaValidator(["--auto", directory.path])
        #expect(status == 0, "\(output)")
    }
}
