import Foundation
import GuidelineTool
import Testing

/// The built `guideline` executable under I/O faults (issue 21): a full disk (`/dev/full`), closed standard
/// descriptors, a pipe whose reader left while SIGPIPE is ignored, unreadable standard input, endless input,
/// FIFOs without a writer. A failed write is an error on standard error and exit 74, never a trap or a silent
/// exit 0; a failed read is an error; nothing hangs. Each run is bounded by `timeout` (exit 124 when it hits).
/// `swift test` (and so `.ci/run`) runs these.
@Suite(
    .enabled(
        if: guidelineExecutable != nil && FileManager.default.fileExists(atPath: "/dev/full"),
        "needs the guideline executable and /dev/full"))
struct IOFaultTests {
    /// Seconds a run may take before `timeout` ends it.
    static let limit = 60

    static let batch = #"{"case":"a","facts":{"spine.level":"T12"}}"# + "\n" + #"{"case":"b","facts":{}}"# + "\n"

    /// Runs `script` with `sh -c` in the repository root, with `$G` the executable, `$T` a fresh temporary
    /// directory and `$LIMIT` the time limit; standard output goes to `stdout` (a pipe read to its end by
    /// default).
    static func run(_ script: String, stdout: FileHandle? = nil) throws -> ToolOutput {
        let executable = try #require(guidelineExecutable)
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["G"] = executable.path
        environment["T"] = temporary.path
        environment["LIMIT"] = String(limit)
        process.environment = environment
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = stdout ?? output
        process.standardError = error
        try process.run()
        let errorData = ErrorCollector()
        let thread = Thread { errorData.data = error.fileHandleForReading.readDataToEndOfFile() }
        thread.start()
        let outData = stdout == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        while !errorData.done { usleep(1000) }
        return ToolOutput(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorData.data, as: UTF8.self),
            exitCode: process.terminationStatus)
    }

    /// Runs `script` with standard output a pipe whose reading end is already closed.
    static func runIntoClosedPipe(_ script: String) throws -> ToolOutput {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        let writing = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        return try run(script, stdout: writing)
    }

    static func expectWriteFailure(_ output: ToolOutput, _ what: String, reported: Bool = true) {
        #expect(output.exitCode == 74, "\(what): exit \(output.exitCode), \(output.stderr)")
        #expect(!output.stderr.contains("unexpectedly raised"), "\(what): \(output.stderr)")
        if reported { #expect(output.stderr.contains("[io.write-failed]"), "\(what): \(output.stderr)") }
    }

    static let commands = [
        "evaluate Rules/spine-metastases/examples/unstable-t12.yaml",
        "evaluate --format json Rules/spine-metastases/examples/unstable-t12.yaml",
        "evaluate --format markdown Rules/spine-metastases/examples/unstable-t12.yaml",
        "check Rules/spine-metastases",
        "test Rules/spine-metastases",
        "concordance --rules Rules/spine-metastases --format markdown -",
        // What ArgumentParser would print itself: help, the version, a completion script.
        "--version",
        "--help",
        "help facts",
        "--generate-completion-script bash",
    ]

    @Test(arguments: commands)
    func writeToAFullDisk(_ command: String) throws {
        Self.expectWriteFailure(try Self.run(#"exec timeout -k 5 $LIMIT "$G" \#(command) >/dev/full"#), command)
    }

    @Test(arguments: commands)
    func writeToAClosedStandardOutput(_ command: String) throws {
        Self.expectWriteFailure(try Self.run(#"exec timeout -k 5 $LIMIT "$G" \#(command) >&-"#), command)
    }

    @Test(arguments: commands)
    func writeToAPipeWithoutReaderIgnoringSIGPIPE(_ command: String) throws {
        Self.expectWriteFailure(
            try Self.runIntoClosedPipe(#"trap '' PIPE; exec timeout -k 5 $LIMIT "$G" \#(command)"#), command)
    }

    /// Standard error full or closed: nothing can be reported, but the exit code says it.
    @Test func writeToAFullOrClosedStandardError() throws {
        let invalid = "evaluate Tests/Fixtures/cases/invalid-boolean-yes.yaml"
        Self.expectWriteFailure(
            try Self.run(#"exec timeout -k 5 $LIMIT "$G" \#(invalid) 2>/dev/full"#), "2>/dev/full", reported: false)
        Self.expectWriteFailure(
            try Self.run(#"exec timeout -k 5 $LIMIT "$G" \#(invalid) 2>&-"#), "2>&-", reported: false)
    }

    @Test func batchWriteFailures() throws {
        let batch = "printf '%s' '\(Self.batch)' | timeout -k 5 $LIMIT \"$G\" evaluate --format jsonl -"
        Self.expectWriteFailure(try Self.run(batch + " >/dev/full"), "jsonl >/dev/full")
        Self.expectWriteFailure(try Self.run(batch + " >&-"), "jsonl >&-")
        Self.expectWriteFailure(try Self.runIntoClosedPipe("trap '' PIPE; " + batch), "jsonl into a closed pipe")
        // A long batch (several blocks, written while evaluating) into a pipe whose reader leaves early.
        let long =
            #"trap '' PIPE; i=0; while [ $i -lt 3000 ]; do echo '{"facts":{}}'; i=$((i+1)); done > "$T/b.jsonl"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --format jsonl "$T/b.jsonl" | head -c 100 >/dev/null; exit "${PIPESTATUS:-0}""#
        let output = try Self.run("exec bash -c '\(long.replacingOccurrences(of: "'", with: "'\\''"))'")
        Self.expectWriteFailure(output, "jsonl | head -c 100")
    }

    /// A single case on standard input that cannot be read, or never ends.
    @Test func unreadableOrEndlessStandardInput() throws {
        for redirect in ["< Rules", "<&-"] {
            let output = try Self.run(#"exec timeout -k 5 $LIMIT "$G" evaluate - \#(redirect)"#)
            #expect(output.exitCode == 1, "\(redirect): \(output.stderr)")
            #expect(output.stderr.contains("error: cannot read standard input"), "\(redirect): \(output.stderr)")
        }
        let endless = try Self.run(#"exec timeout -k 5 $LIMIT "$G" evaluate - < /dev/zero"#)
        #expect(endless.exitCode == 1, "\(endless.stderr)")
        #expect(endless.stderr.contains("[yaml.size-limit]"), "\(endless.stderr)")
    }

    /// A batch whose last line is over the limit and has no newline ends, through a pipe too.
    @Test func overLongLastLineOfABatchEnds() throws {
        let script =
            #"head -c 1048577 /dev/zero | tr '\0' y > "$T/long"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --format jsonl "$T/long" | tail -n 1; "#
            + #"cat "$T/long" | timeout -k 5 $LIMIT "$G" evaluate --format jsonl - | tail -n 1"#
        let output = try Self.run(script)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(output.stdout.prefix(500)) \(output.stderr)")
        #expect(lines.allSatisfy { $0.contains("batch.line-too-long") })
    }

    /// A FIFO without a writer, as a case, a batch or a rule file, does not block: it reads as empty.
    @Test func fifoWithoutWriter() throws {
        let script =
            #"mkfifo "$T/fifo" || exit 99; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate "$T/fifo"; echo "case $?"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --format jsonl "$T/fifo" >/dev/null; echo "batch $?"; "#
            + #"cp -R Rules/spine-metastases "$T/rules" && rm "$T/rules/sins.yaml" && mkfifo "$T/rules/sins.yaml"; "#
            + #"timeout -k 5 $LIMIT "$G" check "$T/rules" >/dev/null 2>&1; echo "rules $?""#
        let output = try Self.run(script)
        #expect(
            output.stdout.split(separator: "\n") == ["case 1", "batch 0", "rules 1"],
            "\(output.stdout) \(output.stderr)")
    }
}
