import Foundation
import GuidelineAudit
import GuidelineCompiler
import GuidelineEngine
import GuidelineTool

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled guideline.
let bundledRuleset = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// A key for the tests' stores.
let testKey = Array("a test key of more than sixteen bytes".utf8)

struct AuditTestError: Error, CustomStringConvertible {
    var description: String
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("guideline-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// The bundled example cases' paths, sorted.
func examplePaths() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "\(bundledRuleset)/examples").filter { $0.hasSuffix(".yaml") }
        .sorted().map { "\(bundledRuleset)/examples/\($0)" }
}

/// Copies the bundled ruleset into `directory` and returns the copy's path.
func copyOfBundledRuleset(in directory: String) throws -> String {
    let target = "\(directory)/spine-metastases"
    try FileManager.default.copyItem(atPath: bundledRuleset, toPath: target)
    return target
}

/// Replaces the one occurrence of `old` in `file` with `new`.
func replaceOnce(in file: String, _ old: String, with new: String) throws {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let parts = text.components(separatedBy: old)
    guard parts.count == 2 else { throw AuditTestError(description: "'\(old)' occurs \(parts.count - 1) times") }
    try Data(parts.joined(separator: new).utf8).write(to: URL(fileURLWithPath: file))
}

/// Evaluates every bundled example with `--audit store` (a file or a PostgreSQL URL) in-process; returns the
/// outputs.
func evaluateExamples(into store: String, rules: String = bundledRuleset) throws -> [ToolOutput] {
    try examplePaths().map { path in
        var command = EvaluateCommand(rules: rules, format: .json, cases: [path])
        if let failure = AuditedEvaluation.attach(
            to: &command, store: store, keyFile: nil, who: "tester",
            environment: [IdentifierHasher.environmentVariable: String(decoding: testKey, as: UTF8.self)],
            opener: StoreBackend.opener)
        {
            throw AuditTestError(description: failure.stderr)
        }
        return command.run()
    }
}

/// The ids of a store's decisions, in chain order.
func decisionIDs(in store: String) throws -> [String] {
    var ids: [String] = []
    try StoreBackend.opener.open(store).forEachEntry(since: nil) { entry in
        if entry.kind == "decision" { ids.append(entry.id) }
        return true
    }
    return ids
}

/// Runs `sql` on the SQLite store's file directly, as someone bypassing the store would (dropping its triggers first).
func tamper(_ store: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", "-c",
        """
        import sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        for name in ['entry_no_update', 'entry_no_delete']:
            db.execute('DROP TRIGGER IF EXISTS ' + name)
        db.executescript(sys.argv[2])
        db.commit()
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        db.close()
        """,
        store, sql,
    ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw AuditTestError(description: "tampering failed: \(sql)") }
}

/// The built `guideline` executable, next to the test bundle.
let guidelineExecutable: URL? = {
    var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    return candidates.map { $0.appendingPathComponent("guideline") }.first {
        FileManager.default.isExecutableFile(atPath: $0.path)
    }
}()

/// Runs the `guideline` executable with `arguments` and `environment` added; returns its output.
func runGuideline(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolOutput {
    guard let executable = guidelineExecutable else { throw AuditTestError(description: "no guideline executable") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    var merged = ProcessInfo.processInfo.environment
    merged["NO_COLOR"] = "1"
    merged.removeValue(forKey: IdentifierHasher.environmentVariable)
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let directory = try temporaryDirectory()
    let out = "\(directory)/out"
    let err = "\(directory)/err"
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return ToolOutput(
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "", exitCode: process.terminationStatus)
}

/// `audit verify`, `show` and `replay` as the tests run them: on SQLite files and PostgreSQL URLs.
func verify(_ store: String) -> ToolOutput { AuditVerifyCommand(store: store, opener: StoreBackend.opener).run() }

/// `audit show STORE ID`.
func show(_ store: String, id: String) -> ToolOutput {
    AuditShowCommand(store: store, id: id, opener: StoreBackend.opener).run()
}

/// `audit replay STORE`.
func replay(_ store: String, since: String? = nil, against: String? = nil) -> ToolOutput {
    AuditReplayCommand(store: store, since: since, against: against, opener: StoreBackend.opener).run()
}
