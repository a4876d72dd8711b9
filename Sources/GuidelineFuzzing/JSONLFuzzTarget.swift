import Foundation
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineTool

/// Fuzz target `jsonl`: a JSONL batch through the batch reader (`LineBlocks`, the fast `JSONCaseReader`, the
/// `CaseDecoder` fallback, evaluation and the batch line writer) against the bundled guideline, on one thread.
///
/// The input's first byte sets the size of the reads (1 to 256 bytes), its second the line limit (1 to 2,041
/// bytes); the rest is the batch. Invariants: the batch ends; reading in small pieces gives the same output
/// as reading at once; the output is a header and one JSON line per non-blank input line, with that line's
/// number; a line over the limit gets `batch.line-too-long`; whatever the fast reader takes the decoder takes
/// to the same facts; an evaluated line is one the decoder accepts; the exit code is 1 exactly
/// when some line got an error line; nothing goes to standard error.
public enum JSONLFuzzTarget {
    static let session = {
        var session = BatchSession(ruleset: FuzzRuleset.bundled.ruleset)
        // Short batches: small output buffers (32 of 256 KiB each per run cost more than the batch).
        session.shareCapacity = 1 << 12
        return session
    }()
    static let reader = JSONCaseReader(ruleset: FuzzRuleset.bundled.ruleset)

    /// Runs the batch in `bytes` (after the two control bytes).
    public static func run(_ bytes: [UInt8]) -> FuzzReport {
        var report = FuzzReport()
        guard bytes.count >= 2 else { return report }
        let piece = Int(bytes[0]) + 1
        var session = Self.session
        session.limits = BatchLimits(maxLineBytes: 1 + Int(bytes[1]) * 8)
        let batch = Array(bytes.dropFirst(2))
        let whole = collect(session, .bytes(batch))
        let pieces = collect(session, pieced(batch, size: piece))
        report.require(
            whole.output == pieces.output && whole.exitCode == pieces.exitCode,
            "reads of \(piece) bytes give other output than whole reads")
        report.require(whole.stderr.isEmpty, "the batch wrote to standard error: \(whole.stderr.prefix(200))")
        check(batch, limit: session.limits.maxLineBytes, whole, in: &report)
        return report
    }

    private struct Run {
        var output: [UInt8]
        var exitCode: Int32
        var stderr: String
    }

    private static func collect(_ session: BatchSession, _ reader: ByteReader) -> Run {
        var output: [UInt8] = []
        let (exitCode, stderr) = session.run(reader) { output.append(contentsOf: $0) }
        return Run(output: output, exitCode: exitCode, stderr: stderr)
    }

    /// A reader handing out `bytes` at most `size` at a time.
    private static func pieced(_ bytes: [UInt8], size: Int) -> ByteReader {
        var position = 0
        return ByteReader { buffer in
            let count = min(buffer.count, bytes.count - position, size)
            guard count > 0 else { return 0 }
            bytes[position..<(position + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
            position += count
            return count
        }
    }

    /// Checks the output lines against the input lines, cut here independently of `LineBlocks`.
    /// (A line over the limit is skipped unread, so it is reported even when it is blank.)
    private static func check(_ batch: [UInt8], limit: Int, _ run: Run, in report: inout FuzzReport) {
        var lines = batch.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var expected: [(number: Int, line: [UInt8])] = []
        for (index, var line) in lines.enumerated() {
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.count <= limit, line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            expected.append((index + 1, line))
        }
        let output = run.output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        report.require(output.last?.isEmpty == true, "the output does not end with a newline")
        let results = output.dropLast().dropFirst()
        report.require(output.first.map { $0.starts(with: Array("{\"header\":".utf8)) } == true, "no header line")
        guard results.count == expected.count else {
            report.require(false, "\(results.count) result lines for \(expected.count) non-blank input lines")
            return
        }
        var errorLines = false
        for (result, input) in zip(results, expected) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(result))) as? [String: Any] else {
                report.require(
                    false,
                    "line \(input.number): the output is not a JSON object: \(String(decoding: result.prefix(200), as: UTF8.self))"
                )
                continue
            }
            report.require(
                object["line"] as? Int == input.number,
                "line \(input.number): the output says line \(object["line"] ?? "nothing")")
            let evaluated = object["scores"] != nil
            if !evaluated { errorLines = true }
            let codes = (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            if input.line.count > limit {
                report.require(
                    !evaluated && codes == [ToolDiagnosticCode.lineTooLong.rawValue],
                    "line \(input.number): over the limit but \(codes)")
                continue
            }
            let fast = input.line.withUnsafeBufferPointer { reader.read($0, origin: "<stdin>") }
            // The batch decoded every line the fast reader left: decoding again is needed only to check what was
            // read fast, and that an evaluated line is one the decoder accepts (most fuzzed lines are neither).
            guard fast != nil || evaluated else { continue }
            let decoded = CaseDecoder(ruleset: FuzzRuleset.bundled.ruleset).decode(bytes: input.line, file: "<stdin>")
                .input
            if let fast {
                report.require(decoded != nil, "line \(input.number): the fast reader takes a line the decoder rejects")
                report.require(
                    decoded.map { $0.id == fast.id && $0.facts == fast.facts } ?? true,
                    "line \(input.number): the fast reader and the decoder read different cases")
            }
            report.require(
                evaluated == (decoded != nil),
                "line \(input.number): evaluated \(evaluated), but the decoder \(decoded != nil ? "accepts" : "rejects") it"
            )
        }
        report.accepted = !errorLines
        report.require(
            run.exitCode == (errorLines ? 1 : 0), "exit code \(run.exitCode) with\(errorLines ? "" : "out") error lines"
        )
    }
}
