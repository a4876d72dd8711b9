import Foundation
import Testing

/// The Spark recipe of the Cohorts article (`Tests/Spark/spark_batch.py`, pyspark in local mode, which `.ci/run`
/// installs with Java 17): 100,000 generated cases through `RDD.pipe` (one engine process per partition) and through
/// `--shard` (one task per shard) each equal the single-process batch, header and every line, joined by line number
/// and by case id.
@Suite struct SparkBatchTests {
    /// Whether `python3` can import pyspark.
    static let pysparkImportable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import pyspark"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Skipped in the sanitizer runs (minutes of JVM and batch under the sanitizer, no unsafe code of its own: the
    /// batch it pipes through is tested there by the batch suites); the normal run must have pyspark (`.ci/run`
    /// installs it).
    static let runs = ProcessInfo.processInfo.environment["GUIDELINE_SANITIZER"] == nil

    @Test(
        .enabled(if: runs, "not in the sanitizer runs (GUIDELINE_SANITIZER is set)"),
        .timeLimit(.minutes(10)))
    func aCohortOnSparkEqualsTheSingleProcessBatch() throws {
        #expect(Self.pysparkImportable, "python3 cannot import pyspark: pip install pyspark (Java 17 too)")
        let executable = try #require(guidelineExecutable, "the guideline executable was not found")
        let script = repositoryRoot.appendingPathComponent("Tests/Spark/spark_batch.py").path
        let started = Date()
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["540", "python3", script, "--guideline", executable.path, "--rules", bundledRulesetPath, "--cases", "100000"],
            stdin: "")
        let text = output.stdout + output.stderr
        #expect(output.exitCode == 0, "\(text)")
        #expect(output.stdout.contains("checks passed") && !output.stdout.contains("FAIL:"), "\(output.stdout)")
        print("spark_batch.py took \(Int(Date().timeIntervalSince(started))) s: \(output.stdout)")
    }
}
