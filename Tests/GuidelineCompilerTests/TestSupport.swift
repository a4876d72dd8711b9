import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import Testing

/// The package root, found from this file's path (Tests/GuidelineCompilerTests/TestSupport.swift).
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // GuidelineCompilerTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root

/// A path under the package root.
func repositoryPath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}

/// A fresh temporary directory, removed when `body` returns (or throws).
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-ctests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// Writes `files` (relative path -> text) under `directory`, creating subdirectories.
func write(_ files: [String: String], into directory: String) throws {
    for (relative, text) in files {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

/// Writes `files` into a fresh temporary ruleset directory, loads it and passes the result and the directory.
func loadRuleset<T>(_ files: [String: String], _ body: (RulesetLoader.Result, String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        try write(files, into: directory)
        return try body(RulesetLoader().load(directory: directory), directory)
    }
}

/// A place in a text: 1-based line and column, counted in Unicode scalars (as libyaml and the diagnostics count).
struct TextPosition: Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var description: String { "\(line):\(column)" }
}

/// The position of the `occurrence`-th `needle` in `text`, searching from the first `after` (when given).
///
/// Returns nil when it is not there; tests `#require` it, so a typo in a test shows as a clear failure.
func position(of needle: String, in text: String, after anchor: String? = nil, occurrence: Int = 1) -> TextPosition? {
    var searchStart = text.startIndex
    if let anchor {
        guard let found = text.range(of: anchor) else { return nil }
        searchStart = found.upperBound
    }
    var hit: Range<String.Index>?
    for _ in 0..<occurrence {
        guard let next = text.range(of: needle, range: searchStart..<text.endIndex) else { return nil }
        hit = next
        searchStart = next.upperBound
    }
    guard let index = hit?.lowerBound else { return nil }
    let before = text.unicodeScalars[text.unicodeScalars.startIndex..<index]
    let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let lineStart =
        before.lastIndex(of: "\n").map { text.unicodeScalars.index(after: $0) } ?? text.unicodeScalars.startIndex
    let column = text.unicodeScalars[lineStart..<index].count + 1
    return TextPosition(line: line, column: column)
}

extension String {
    /// The text with the first occurrence of `target` replaced; nil when `target` does not occur.
    func replacingFirst(_ target: String, with replacement: String) -> String? {
        guard let found = range(of: target) else { return nil }
        return replacingCharacters(in: found, with: replacement)
    }
}

extension SourceRange {
    /// The start as a `TextPosition`.
    var startPosition: TextPosition { TextPosition(line: start.line, column: start.column) }
}

extension Diagnostic {
    /// `line:column` of the start, or nil.
    var position: TextPosition? { range?.startPosition }
}

extension RulesetLoader.Result {
    /// The errors only.
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings only.
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    /// Whether a ruleset was returned (a Bool, so that failures do not print the whole ruleset).
    var compiled: Bool { ruleset != nil }
    /// All diagnostics rendered without colour, for failure messages.
    var rendered: String { DiagnosticRenderer(sources: sources, colored: false).render(diagnostics) }
}

/// Runs `python3 Schemas/validate.py` with `arguments`; returns the exit status and the combined output.
func runSchemaValidator(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", repositoryPath("Schemas/validate.py")] + arguments
    process.currentDirectoryURL = packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Whether python3 can import PyYAML, jsonschema and referencing: checked once, as every schema test asks.
private let schemaToolingProbe: Result<(status: Int32, output: String), Error> = Result {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import yaml, jsonschema, referencing"]
    let pipe = Pipe()
    probe.standardOutput = pipe
    probe.standardError = pipe
    try probe.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    probe.waitUntilExit()
    return (probe.terminationStatus, output)
}

/// Fails with a clear message unless python3 with PyYAML and jsonschema (with `referencing`) can run the validator.
func requireSchemaTooling() throws {
    let probe: (status: Int32, output: String)
    do {
        probe = try schemaToolingProbe.get()
    } catch {
        Issue.record(
            "python3 is not available (\(error)); the schema tests need python3 with PyYAML and jsonschema >= 4.18")
        throw error
    }
    try #require(
        probe.status == 0,
        "python3 cannot import yaml, jsonschema and referencing; install them (pip install pyyaml 'jsonschema>=4.18'): \(probe.output)"
    )
}
