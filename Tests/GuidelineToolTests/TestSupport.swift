import Foundation
import GuidelineTool
import GuidelineYAML
import Testing

/// The repository root, found from this file's path (Tests/GuidelineToolTests/TestSupport.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled guideline's directory.
let bundledRulesetPath = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// The snapshot directory of these tests.
let snapshotDirectory = repositoryRoot.appendingPathComponent("Tests/GuidelineToolTests/Snapshots")

/// The path of a bundled example case.
func examplePath(_ name: String) -> String { "\(bundledRulesetPath)/examples/\(name)" }

/// The bundled example case files, sorted.
func exampleNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "\(bundledRulesetPath)/examples").filter {
        $0.hasSuffix(".yaml")
    }.sorted()
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
}

/// Reads a file as UTF-8 text.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw SetupError(description: "cannot read '\(path)'")
    }
    return text
}

/// Copies the bundled ruleset into a fresh temporary directory and returns the copy's path.
func copyOfBundledRuleset() throws -> String {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent(
        "guideline-tooltests-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: bundledRulesetPath), to: target)
    return target.path
}

/// Replaces exactly one occurrence of `old` with `new` in `file`; fails when `old` does not occur once.
func replaceOnce(in file: String, _ old: String, with new: String) throws {
    let text = try readText(file)
    let parts = text.components(separatedBy: old)
    guard parts.count == 2 else { throw SetupError(description: "'\(old)' occurs \(parts.count - 1) times in \(file)") }
    try Data(parts.joined(separator: new).utf8).write(to: URL(fileURLWithPath: file))
}

/// Parses JSON text.
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The actions of a JSON result object.
func actions(ofJSONResult object: Any) -> [String] {
    ((object as? [String: Any])?["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
}

/// Masks `sha256:` fingerprints (full or shortened) so that snapshots survive rule changes.
func maskFingerprints(_ text: String) -> String {
    text.replacing(/sha256:[0-9a-f]+/, with: "sha256:<fingerprint>")
}

/// A YAML case file as one line of JSON (for JSONL batches): plain `true`/`false`/numbers stay JSON
/// literals, every other scalar becomes a JSON string, mappings become objects.
func jsonLine(fromYAMLCase text: String) throws -> String {
    let document = YAMLLoader().load(text: text, file: "case.yaml")
    guard let root = document.root else { throw SetupError(description: "not a YAML document") }
    func encode(_ node: YAMLNode) -> String {
        if let pairs = node.mapping {
            return "{"
                + pairs.map { encodeString($0.key.scalar?.value ?? "") + ":" + encode($0.value) }.joined(separator: ",")
                + "}"
        }
        if let items = node.sequence { return "[" + items.map(encode).joined(separator: ",") + "]" }
        let scalar = node.scalar!
        if scalar.isPlain,
            scalar.value == "true" || scalar.value == "false"
                || scalar.value.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?/) != nil
        {
            return scalar.value
        }
        return encodeString(scalar.value)
    }
    func encodeString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
    return encode(root)
}

/// The `guideline` executable built next to the test bundle, if it can be found.
let guidelineExecutable: URL? = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    for directory in candidates {
        let url = directory.appendingPathComponent("guideline")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            FileManager.default.isExecutableFile(atPath: url.path)
        {
            return url
        }
    }
    return nil
}()

/// Runs the `guideline` executable in the repository root with `arguments` and `stdin`.
func runGuideline(_ arguments: [String], stdin: String = "", in directory: URL = repositoryRoot) throws -> ToolOutput {
    guard let executable = guidelineExecutable else {
        throw SetupError(description: "the guideline executable was not found")
    }
    return try run(executable, arguments, stdin: stdin, in: directory)
}

/// Runs `guideline-bench` (built beside `guideline`) in the repository root with `arguments`.
func runBench(_ arguments: [String]) throws -> ToolOutput {
    guard let directory = guidelineExecutable?.deletingLastPathComponent() else {
        throw SetupError(description: "the guideline executable was not found")
    }
    return try run(directory.appendingPathComponent("guideline-bench"), arguments, stdin: "")
}

/// Runs `executable` in `directory` (default: the repository root) with `arguments` and `stdin`, without colour.
func run(
    _ executable: URL, _ arguments: [String], stdin: String, in directory: URL = repositoryRoot
) throws -> ToolOutput {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so that neither fills up.
    let errorData = ErrorCollector()
    let thread = Thread { errorData.data = error.fileHandleForReading.readDataToEndOfFile() }
    thread.start()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.done { usleep(1000) }
    return ToolOutput(
        stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorData.data, as: UTF8.self),
        exitCode: process.terminationStatus)
}

/// Collects a pipe's data from another thread.
final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    private var finished = false
    var data: Data {
        get { lock.lock(); defer { lock.unlock() }; return storage }
        set { lock.lock(); storage = newValue; finished = true; lock.unlock() }
    }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
}
