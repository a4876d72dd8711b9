import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import Synchronization

/// Evaluates JSONL batches as a stream: one case per line in, a header line and then one result per line out,
/// in input order, with bounded memory.
///
/// Input is read in blocks of lines; each block is split among the workers (one per core by default), each
/// decoding, evaluating and writing its share into its own buffer with its own reusable record; the buffers are
/// written out in order. A bad line yields an error object for that line (with its line number) and the batch
/// goes on; a line over the length limit likewise.
struct BatchRunner {
    let ruleset: CompiledRuleset
    let evaluator: RulesetEvaluator
    let options: RulesetEvaluator.Options
    var limits = BatchLimits.default
    /// How many threads evaluate (at least 1).
    var workers = ProcessInfo.processInfo.activeProcessorCount
    /// A writer and its header line made before (`BatchSession` runs many batches); nil: made per run.
    var prepared: (writer: BatchLineWriter, header: String)?
    /// The shard of the batch to evaluate (`--shard i/n`); nil: every case.
    var shard: BatchShard?

    /// Lines per share of a block, at least (a block has at most `pool.count` shares).
    static let shareLines = 32

    /// Lines per block: enough to keep every worker busy, few enough to keep memory small.
    static let blockLines = 1024
    /// Bytes read per block.
    static let blockBytes = 1 << 20

    /// The output of one share of a block, kept between blocks.
    private final class Share: @unchecked Sendable {
        let output: ByteBuffer
        var invalid = false

        init(capacity: Int) {
            output = ByteBuffer(capacity: capacity)
        }
    }

    /// The bytes each share's output buffer starts with (it grows as needed): room for a share of long lines;
    /// `BatchSession` runs of short batches start smaller.
    var shareCapacity = 1 << 18

    /// What one thread of the team works with: its own evaluator, reader and writer tables, record and scratch
    /// memory.
    ///
    /// Each thread gets its own copies of the read-only tables on purpose: Swift counts references to arrays and
    /// objects as they are read, and two threads counting references to the same table contend for one cache
    /// line on every case (measured: 30% more CPU time with two threads, and most of the second core lost).
    private final class Member: @unchecked Sendable {
        let evaluator: RulesetEvaluator
        let reader: JSONCaseReader
        let writer: BatchLineWriter
        var input = CaseInput(id: nil, facts: [], origin: "")
        var record = EvaluationRecord()
        var scratch = BatchLineWriter.Scratch()

        init(evaluator: RulesetEvaluator, reader: JSONCaseReader, writer: BatchLineWriter) {
            self.evaluator = evaluator
            self.reader = reader
            self.writer = writer
        }
    }

    /// Runs the batch over `inputs` (`-` is `stdin`), writing output through `emit`; returns the exit code and
    /// any messages for standard error.
    func run(
        inputs: [String], stdin: () -> ByteReader, emit: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> (exitCode: Int32, stderr: String) {
        var stderr = ""
        var invalid = false
        var cases = 0
        // The position of the next case among all the batch's cases, for the shard.
        var position = 0
        let writer = prepared?.writer ?? BatchLineWriter(evaluator: evaluator, options: options)
        var header = prepared?.header ?? writer.header() + "\n"
        header.withUTF8 { emit($0) }
        // Shares per block: many per thread (of about 32 lines), so threads finish a block together (the last
        // share is all one waits for at a block's end) and output flows while they work; even one thread writes
        // its output in pieces that are still in its cache (one write of a whole block, about 5 MB, cost the
        // kernel several times more).
        let pool = (0..<(16 * max(2, workers))).map { _ in Share(capacity: shareCapacity) }
        let team = WorkerThreads(count: max(1, workers))
        defer { team.stop() }
        // The caller's member uses the tables made for the header; the others make theirs on their own thread.
        let members = MemberTable(
            count: team.count,
            caller: Member(evaluator: evaluator, reader: JSONCaseReader(ruleset: ruleset), writer: writer))
        inputs: for path in inputs {
            let name = path == "-" ? "<stdin>" : FileSystemPath.display(path)
            guard let reader = ByteReader.input(path, stdin: stdin) else {
                stderr += "error: cannot read batch file '\(path)'\n"
                invalid = true
                continue
            }
            // With several inputs, every result line names its input (error lines always do).
            let lineSource = inputs.count > 1 ? name : nil
            var lines = LineBlocks(reader: reader, limits: limits)
            var upcoming = lines.next()
            while let block = upcoming {
                upcoming = nil
                // The calling thread reads the next block while the others start on this one.
                let prefetch = { upcoming = lines.next() }
                if block.readError {
                    stderr += "error: reading '\(name)' failed after line \(block.firstLine - 1)\n"
                    invalid = true
                    continue inputs
                }
                var entries = block.entries
                if let shard {
                    let first = position
                    position += entries.count
                    entries = entries.indices.filter { shard.takes(position: first + $0) }.map { entries[$0] }
                }
                if cases + entries.count > limits.maxCases {
                    entries = Array(entries.prefix(max(0, limits.maxCases - cases)))
                    stderr +=
                        "error: the batch has more than \(DiagnosticRenderer.count(limits.maxCases, "case")) (the limit --max-cases); "
                        + "the rest of '\(name)' from line \(entries.last.map { Self.number(of: $0) + 1 } ?? block.firstLine) on was not evaluated\n"
                    invalid = true
                    evaluate(
                        entries, in: block.bytes, source: name, lineSource: lineSource, members: members, pool: pool,
                        team: team, emit: emit
                    ) {}
                    break inputs
                }
                cases += entries.count
                evaluate(
                    entries, in: block.bytes, source: name, lineSource: lineSource, members: members, pool: pool,
                    team: team, emit: emit,
                    prefetch: prefetch)
            }
        }
        if pool.contains(where: \.invalid) { invalid = true }
        return (invalid ? ToolOutput.failure : ToolOutput.success, stderr)
    }

    private static func number(of entry: LineBlocks.Entry) -> Int {
        switch entry {
        case .line(let number, _), .tooLong(let number, _): number
        }
    }

    /// Evaluates a block's entries on the workers and emits their output in order; runs `prefetch` on the
    /// calling thread meanwhile (it reads the next block).
    ///
    /// The block is cut into more shares than there are workers; each worker takes the next share, and whoever
    /// finishes a share emits every finished share that is next in order. So output is written while the other
    /// workers still evaluate, and a slow share holds up no more than its own output.
    private func evaluate(
        _ entries: [LineBlocks.Entry], in bytes: [UInt8], source: String, lineSource: String?, members: MemberTable,
        pool: [Share],
        team: WorkerThreads, emit: (UnsafeBufferPointer<UInt8>) -> Void, prefetch: () -> Void
    ) {
        guard !entries.isEmpty else { return prefetch() }
        let shares = min(pool.count, max(1, entries.count / Self.shareLines))
        let perShare = (entries.count + shares - 1) / shares
        let work = { (share: Int, member: Member) in
            let output = pool[share]
            output.output.removeAll()
            let range = (share * perShare)..<min(entries.count, (share + 1) * perShare)
            guard !range.isEmpty else { return }
            bytes.withUnsafeBufferPointer { buffer in
                for entry in entries[range] {
                    self.process(entry, buffer, source: source, lineSource: lineSource, member: member, into: output)
                }
            }
        }
        let threads = min(max(1, workers), shares)
        if threads == 1 {
            let member = members.member(team.count - 1, make: makeMember)
            for share in 0..<shares {
                work(share, member)
                emit(pool[share].output.bytes)
            }
            return prefetch()
        }
        let progress = Progress(shares: shares)
        let caller = team.count - 1
        team.run { number in
            if number == caller { prefetch() }
            let member = members.member(number, make: makeMember)
            while true {
                let share = progress.taken.wrappingAdd(1, ordering: .relaxed).oldValue
                guard share < shares else { return }
                work(share, member)
                // Mark the share done; whoever finds the next share to write finished, and nobody writing, writes
                // (outside the lock, so the others go on marking and working) until none is ready.
                progress.lock.lock()
                progress.done[share] = true
                while !progress.emitting, progress.next < shares, progress.done[progress.next] {
                    let next = progress.next
                    progress.emitting = true
                    progress.lock.unlock()
                    emit(pool[next].output.bytes)
                    progress.lock.lock()
                    progress.emitting = false
                    progress.next = next + 1
                }
                progress.lock.unlock()
            }
        }
    }

    /// How far a block is: the next share to take, which shares are finished, the next one to emit and whether
    /// a thread is emitting (`done`, `next` and `emitting` are used only under `lock`; one thread at a time
    /// emits, in order, outside the lock).
    ///
    /// An `NSLock` (a pthread mutex) rather than `Mutex`: on Linux `Mutex` waits on futexes the thread sanitizer cannot
    /// see, so it reported the shares' hand-over as a race.
    private final class Progress: @unchecked Sendable {
        let taken = Atomic<Int>(0)
        let lock = NSLock()
        var done: [Bool]
        var next = 0
        var emitting = false

        init(shares: Int) {
            done = Array(repeating: false, count: shares)
        }
    }

    /// A member's own tables, made on its thread.
    private func makeMember() -> Member {
        let evaluator = RulesetEvaluator(ruleset: ruleset)
        return Member(
            evaluator: evaluator, reader: JSONCaseReader(ruleset: ruleset),
            writer: BatchLineWriter(evaluator: evaluator, options: options))
    }

    /// Each member's working state, made by the member itself the first time it works (so the two never share
    /// a table); slot `i` is only touched by member `i`.
    private final class MemberTable: @unchecked Sendable {
        /// Fixed storage, so members filling their own slots at once never write a shared array reference.
        private let slots: UnsafeMutableBufferPointer<Member?>

        init(count: Int, caller: Member) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
            slots[count - 1] = caller
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        func member(_ number: Int, make: () -> Member) -> Member {
            if let member = slots[number] { return member }
            let made = make()
            slots[number] = made
            return made
        }
    }

    private func process(
        _ entry: LineBlocks.Entry, _ buffer: UnsafeBufferPointer<UInt8>, source: String, lineSource: String?,
        member: Member, into share: Share
    ) {
        switch entry {
        case .tooLong(let number, let length):
            share.invalid = true
            errorLine(
                number, source: source, [limits.lineTooLong(line: number, length: length, file: source)],
                into: share.output)
        case .line(let number, let range):
            let line = UnsafeBufferPointer(rebasing: buffer[range])
            // The fast reader takes the common form; anything else goes through the decoder, which also
            // explains what is wrong.
            if member.reader.read(line, origin: source, into: &member.input) {
                write(member.input, line: number, source: lineSource, member: member, into: share)
                return
            }
            let decoded = CaseDecoder(ruleset: ruleset).decode(bytes: Array(line), file: source)
            if let input = decoded.input {
                write(input, line: number, source: lineSource, member: member, into: share)
                return
            }
            share.invalid = true
            // Each line is parsed alone; put its diagnostics on the line of the batch file.
            errorLine(number, source: source, decoded.diagnostics.map { $0.moved(toLine: number) }, into: share.output)
        }
    }

    /// Evaluates `input` and appends its result line.
    private func write(_ input: CaseInput, line number: Int, source: String?, member: Member, into share: Share) {
        member.evaluator.record(input, into: &member.record, tracing: .evaluatedRules)
        member.writer.write(member.record, line: number, source: source, into: share.output, scratch: &member.scratch)
        share.output.append("\n")
    }

    private func errorLine(_ number: Int, source: String, _ diagnostics: [Diagnostic], into out: ByteBuffer) {
        out.append(
            utf8:
                "{\"line\":\(number),\"source\":\(DiagnosticJSON.quote(source)),\"errors\":\(DiagnosticJSON.encode(diagnostics))}\n"
        )
    }
}
