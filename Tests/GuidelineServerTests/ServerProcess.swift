import Foundation
import Testing

/// The repository root, found from this file's path (Tests/GuidelineServerTests/ServerProcess.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The bundled guideline's directory.
let bundledRuleset = repositoryRoot.appendingPathComponent("Rules/spine-metastases").path

/// A test could not be set up.
struct SetupError: Error, CustomStringConvertible {
    var description: String
}

/// The `guideline` executable built next to the test bundle, as the tool tests find it.
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

/// A running `guideline serve`, started on port 0; its standard error is collected as it comes.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var collected = Data()
    /// The port it listens on.
    private(set) var port = 0

    /// Starts `guideline serve ARGUMENTS --port 0` in the repository root and waits (at most `timeout` seconds)
    /// for its `listening on` line.
    init(_ arguments: [String], timeout: Double = 60) throws {
        guard let executable = guidelineExecutable else {
            throw SetupError(description: "the guideline executable was not found")
        }
        process.executableURL = executable
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.currentDirectoryURL = repositoryRoot
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.collected.append(data)
            self.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let range = stderr.range(of: "listening on http://127.0.0.1:") {
                let digits = stderr[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), stderr[range.upperBound...].contains("\n") {
                    self.port = port
                    return
                }
            }
            if !process.isRunning {
                throw SetupError(description: "guideline serve exited with \(process.terminationStatus): \(stderr)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        stop()
        throw SetupError(description: "guideline serve did not start in \(timeout) s: \(stderr)")
    }

    deinit { stop() }

    /// Everything it wrote to standard error so far.
    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Sends `signal` (SIGTERM by default) to this process (by its id).
    func signal(_ signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits at most `timeout` seconds for it to exit; its status, or nil if it is still running.
    func waitForExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Ends it: SIGTERM, then SIGKILL if it does not exit.
    func stop() {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if waitForExit(timeout: 10) == nil { signal(SIGKILL) }
    }

    /// A client for it.
    var client: HTTPTestClient { HTTPTestClient(port: port) }
}

/// Runs `guideline ARGUMENTS` to its end (at most `timeout` seconds): exit status and what it wrote (`serve`
/// writes only on standard error).
func runGuideline(_ arguments: [String], timeout: Double = 60) throws -> (status: Int32, stderr: String) {
    guard let executable = guidelineExecutable else {
        throw SetupError(description: "the guideline executable was not found")
    }
    let (status, output) = try runProcess(executable, arguments, timeout: timeout)
    return (status, output)
}

/// A temporary file with `text`, removed by the caller.
func temporaryFile(_ text: String, suffix: String = ".yaml") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "guideline-server-\(UUID().uuidString)\(suffix)"
    ).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Runs `executable ARGUMENTS` in `directory` (the repository root by default) to its end, killed after `timeout`
/// seconds: the exit status and what it wrote on standard output and standard error together.
func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL = repositoryRoot, timeout: Double
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var data = Data()
    }
    let collected = Collected()
    let reader = Thread {
        let read = output.fileHandleForReading.readDataToEndOfFile()
        collected.lock.withLock { collected.data = read }
    }
    reader.start()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    let text = collected.lock.withLock { String(decoding: collected.data, as: UTF8.self) }
    return (process.terminationStatus, text)
}
