import Foundation

/// Cuts a byte stream into blocks of whole lines, with line numbers, skipping blank lines and lines over the
/// length limit (which become entries of their own, so they can be reported in order).
///
/// Memory stays bounded: a block holds at most `BatchRunner.blockBytes` plus one line.
struct LineBlocks {
    /// One entry of a block: a line to evaluate, or a line that was too long.
    enum Entry {
        case line(number: Int, range: Range<Int>)
        case tooLong(number: Int, length: Int)
    }

    /// Lines read together.
    struct Block {
        /// The bytes the line ranges refer to.
        var bytes: [UInt8]
        var entries: [Entry]
        /// The number of the first line of the block.
        var firstLine: Int
        /// Reading failed (the entries before the failure are still there).
        var readError = false
    }

    let reader: ByteReader
    let limits: BatchLimits
    /// Bytes read but not yet cut into lines: the start of an unfinished line.
    private var pending: [UInt8] = []
    /// The number of the next line.
    private var lineNumber = 1
    /// Set once the reader is exhausted.
    private var finished = false
    /// Set while skipping the rest of a line over the limit: its number, the bytes skipped so far and whether
    /// the last of them is a carriage return (which a CRLF line end does not count).
    private var skipping: (number: Int, length: Int, endsInCR: Bool)?

    init(reader: ByteReader, limits: BatchLimits) {
        self.reader = reader
        self.limits = limits
    }

    /// Bytes read at once.
    private static let chunk = 1 << 16
    /// A chunk of zero bytes, the room each read fills.
    private static let zeros = [UInt8](repeating: 0, count: chunk)

    /// The next block, or nil at the end.
    mutating func next() -> Block? {
        guard !finished || !pending.isEmpty || skipping != nil else { return nil }
        // Room for a whole block and one more chunk, so the reads below never move the bytes.
        let chunk = Self.chunk
        var block = Block(bytes: [], entries: [], firstLine: lineNumber)
        block.bytes.reserveCapacity(pending.count + BatchRunner.blockBytes + chunk)
        block.bytes.append(contentsOf: pending)
        pending = []
        block.entries.reserveCapacity(BatchRunner.blockLines)
        var newlines = Self.countNewlines(block.bytes, from: 0)
        // Read at least once, then until the block holds enough lines or bytes, or the input ends.
        var first = true
        while !finished, first || (block.bytes.count < BatchRunner.blockBytes && newlines < BatchRunner.blockLines) {
            first = false
            let before = block.bytes.count
            // From an array (one copy of its bytes): a `repeatElement` sequence is appended byte by byte where the
            // generic code is not specialised (a debug build spent 25 s of CPU per 100,000 cases here).
            block.bytes.append(contentsOf: Self.zeros)
            // Through the whole array's buffer: a mutable slice of it would be copied and written back.
            let count = block.bytes.withUnsafeMutableBytes {
                reader.read(UnsafeMutableRawBufferPointer(rebasing: $0[before...]))
            }
            block.bytes.removeLast(chunk - min(chunk, max(0, count ?? 0)))
            if count == nil { block.readError = true }
            if count == nil || count == 0 { finished = true }
            newlines += Self.countNewlines(block.bytes, from: before)
        }
        cut(&block)
        return block
    }

    /// Cuts the block's bytes into line entries; an unfinished last line goes back to `pending`.
    ///
    /// The bytes are only read until the end, so cutting copies nothing but that unfinished line.
    private mutating func cut(_ block: inout Block) {
        let count = block.bytes.count
        var start = 0
        while start < count, let newline = Self.newline(in: block.bytes, from: start) {
            add(start..<newline, to: &block)
            start = newline + 1
        }
        guard start < count else {
            // The input ended right after the skipped part of a line over the limit (no final newline): that
            // line ends here, and is reported.
            if finished, let skipping {
                block.entries.append(
                    .tooLong(number: skipping.number, length: skipping.length - (skipping.endsInCR ? 1 : 0)))
                self.skipping = nil
                lineNumber += 1
            }
            return
        }
        if finished {
            add(start..<count, to: &block)
            return
        }
        let endsInCR = block.bytes[count - 1] == UInt8(ascii: "\r")
        if let skipping {
            self.skipping = (skipping.number, skipping.length + count - start, endsInCR)
        } else if count - start > limits.maxLineBytes + 1 || (count - start > limits.maxLineBytes && !endsInCR) {
            // Over the limit even if a newline comes next (a carriage return just before it does not count),
            // wherever the read block happened to end.
            skipping = (lineNumber, count - start, endsInCR)
        } else {
            pending = Array(block.bytes[start...])
        }
        block.bytes.removeLast(count - start)
    }

    /// The position of the first newline in `bytes` from `start` on (memchr: the scan is vectorised).
    static func newline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, start < buffer.count,
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// The number of newlines in `bytes` from `start` on.
    static func countNewlines(_ bytes: [UInt8], from start: Int) -> Int {
        var count = 0
        var position = start
        while let found = newline(in: bytes, from: position) {
            count += 1
            position = found + 1
        }
        return count
    }

    /// Adds one complete line (without its newline).
    private mutating func add(_ range: Range<Int>, to block: inout Block) {
        defer { lineNumber += 1 }
        if let skipping {
            let endsInCR = range.isEmpty ? skipping.endsInCR : block.bytes[range.upperBound - 1] == UInt8(ascii: "\r")
            block.entries.append(
                .tooLong(number: skipping.number, length: skipping.length + range.count - (endsInCR ? 1 : 0)))
            self.skipping = nil
            return
        }
        var end = range.upperBound
        if end > range.lowerBound, block.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = range.lowerBound..<end
        if line.count > limits.maxLineBytes {
            block.entries.append(.tooLong(number: lineNumber, length: line.count))
        } else if !block.bytes[line].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
            // A line of JSON whitespace alone (space, tab, carriage return) is blank, and skipped; the line
            // numbers still count it.
            block.entries.append(.line(number: lineNumber, range: line))
        }
    }
}
