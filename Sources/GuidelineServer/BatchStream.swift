import Foundation
import GuidelineTool
import Hummingbird
import Synchronization

/// Streams a JSONL batch both ways: the engine's batch (synchronous, on a thread of its own) pulls the request
/// body chunk by chunk and pushes its output block by block into the response, one chunk in flight each way, so
/// a batch of any length never sits in memory.
///
/// The body may be at most `maxBytes` long and the batch may take at most `deadline`; past either the batch
/// stops reading and the output ends with a line `{"error": {"code", "message"}}`. When the client goes away the
/// batch stops too.
final class BatchStream: @unchecked Sendable {
    private var iterator: RequestBody.AsyncIterator
    private let maxBytes: Int
    private let deadline: ContinuousClock.Instant
    private let limits: (bytes: String, seconds: String)
    /// The chunk being read, and where in it.
    private var pending: ByteBuffer?
    private var received = 0
    /// Why the batch stopped reading early, as a final output line.
    private var stopped: String?
    /// Set when the response could not be written (the client left).
    private let cancelled = Atomic<Bool>(false)
    /// Lines written (the header and the results), for the metrics.
    private let lineCount = Atomic<Int>(0)
    var lines: Int { lineCount.load(ordering: .relaxed) }

    init(body: RequestBody, maxBytes: Int, seconds: Int) {
        iterator = body.makeAsyncIterator()
        self.maxBytes = maxBytes
        deadline = .now + .seconds(seconds)
        limits = ("\(maxBytes) bytes (the limit batchBodyBytes)", "\(seconds) s (the limit batchSeconds)")
    }

    private var wasCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// The reader the batch pulls from (on its own thread).
    var reader: ByteReader {
        ByteReader { [self] buffer in
            if wasCancelled || stopped != nil { return 0 }
            if ContinuousClock.now > deadline {
                stopped =
                    "{\"error\":{\"code\":\"batch.time-limit\",\"message\":\"the batch took longer than \(limits.seconds); the rest was not read\"}}\n"
                return 0
            }
            if pending == nil || pending?.readableBytes == 0 {
                guard let chunk = nextChunk() else { return 0 }
                received += chunk.readableBytes
                if received > maxBytes {
                    stopped =
                        "{\"error\":{\"code\":\"batch.body-too-large\",\"message\":\"the body is over \(limits.bytes); the rest was not read\"}}\n"
                    return 0
                }
                pending = chunk
            }
            guard var chunk = pending else { return 0 }
            let count = min(buffer.count, chunk.readableBytes)
            chunk.withUnsafeReadableBytes { bytes in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
            }
            chunk.moveReaderIndex(forwardBy: count)
            pending = chunk
            return count
        }
    }

    /// The next chunk of the body, waited for on this (non-cooperative) thread; nil at its end or on an error.
    private func nextChunk() -> ByteBuffer? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var chunk: ByteBuffer?
        Task { [self] in
            chunk = try? await iterator.next()
            done.signal()
        }
        done.wait()
        return chunk
    }

    /// Runs `batch` on a thread of its own, writing its output into `writer` as it comes.
    func run(
        into writer: inout any ResponseBodyWriter,
        batch: @escaping @Sendable (ByteReader, (UnsafeBufferPointer<UInt8>) -> Void) -> Void
    ) async throws {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let written = DispatchSemaphore(value: 0)
        // When the request's task ends early (the client left), the stream ends: the batch stops, and a chunk
        // the thread is waiting on is released.
        continuation.onTermination = { [self] termination in
            guard case .cancelled = termination else { return }
            cancelled.store(true, ordering: .releasing)
            written.signal()
        }
        let thread = Thread { [self] in
            batch(reader) { bytes in
                guard !self.wasCancelled, !bytes.isEmpty else { return }
                self.lineCount.wrappingAdd(bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }, ordering: .relaxed)
                guard case .enqueued = continuation.yield(ByteBuffer(bytes: bytes)) else { return }
                written.wait()
            }
            if let stopped = self.stopped, !self.wasCancelled {
                if case .enqueued = continuation.yield(ByteBuffer(string: stopped)) { written.wait() }
            }
            continuation.finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
        var failure: (any Error)?
        for await chunk in stream {
            if failure == nil {
                do { try await writer.write(chunk) } catch {
                    failure = error
                    cancelled.store(true, ordering: .releasing)
                }
            }
            written.signal()
        }
        if let failure { throw failure }
        try await writer.finish(nil)
    }
}
