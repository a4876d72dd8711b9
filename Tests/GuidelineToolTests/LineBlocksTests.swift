import Foundation
import Testing

@testable import GuidelineTool

/// `LineBlocks` cuts input into numbered lines whatever the sizes of the reads and wherever a block ends
/// (issue 21: an over-long last line without a newline spun forever; a CRLF line of exactly the limit was
/// accepted or rejected depending on where a read block ended; blank lines with a carriage return).
@Suite struct LineBlocksTests {
    /// A reader that hands out `bytes` in pieces of the given sizes (then the rest at once).
    static func reader(_ bytes: [UInt8], pieces: [Int]) -> ByteReader {
        var position = 0
        var sizes = pieces[...]
        return ByteReader { buffer in
            let wanted = sizes.popFirst() ?? Int.max
            let count = min(buffer.count, bytes.count - position, wanted)
            guard count > 0 else { return 0 }
            bytes[position..<(position + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
            position += count
            return count
        }
    }

    /// Every entry of the input as text (`3: {}` for a line, `3: too long (12)`), or nil when cutting did not
    /// end within `maxBlocks` blocks.
    static func entries(_ bytes: [UInt8], pieces: [Int] = [], maxLineBytes: Int, maxBlocks: Int = 100) -> [String]? {
        var lines = LineBlocks(reader: reader(bytes, pieces: pieces), limits: BatchLimits(maxLineBytes: maxLineBytes))
        var result: [String] = []
        for _ in 0..<maxBlocks {
            guard let block = lines.next() else { return result }
            for entry in block.entries {
                switch entry {
                case .line(let number, let range):
                    result.append("\(number): \(String(decoding: block.bytes[range], as: UTF8.self))")
                case .tooLong(let number, let length): result.append("\(number): too long (\(length))")
                }
            }
        }
        return nil
    }

    /// 1,024 good lines (a whole block's worth) and then a line over the limit without a final newline.
    @Test func overLongLastLineWithoutNewlineEnds() throws {
        let good = String(repeating: "{}\n", count: BatchRunner.blockLines)
        let bytes = Array((good + String(repeating: "y", count: 20)).utf8)
        let entries = try #require(Self.entries(bytes, maxLineBytes: 15), "cutting did not end")
        #expect(entries.count == BatchRunner.blockLines + 1)
        #expect(entries.last == "1025: too long (20)")
        // The same with the long line read in pieces, ending just at a read.
        for piece in [1, 7, 19] {
            let split = try #require(
                Self.entries(bytes, pieces: [good.utf8.count, piece], maxLineBytes: 15), "cutting did not end")
            #expect(split.last == "1025: too long (20)")
        }
    }

    /// A line of one byte more than the default 1 MiB, alone and without a newline.
    @Test func overLongOnlyLineWithoutNewlineEnds() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "y"), count: (1 << 20) + 1)
        #expect(Self.entries(bytes, maxLineBytes: 1 << 20) == ["1: too long (1048577)"])
        #expect(Self.entries(bytes, pieces: [1 << 20], maxLineBytes: 1 << 20) == ["1: too long (1048577)"])
    }

    /// A CRLF line of exactly the limit is accepted wherever a read ends in it, and one byte more is rejected
    /// (its length counted without the carriage return).
    @Test func crlfLineOfExactlyTheLimitWhereverABlockEnds() throws {
        let good = String(repeating: "{}\n", count: BatchRunner.blockLines)
        for (line, expected) in [("0123456789", "1025: 0123456789"), ("0123456789a", "1025: too long (11)")] {
            let bytes = Array((good + line + "\r\n" + "{}\n").utf8)
            for cut in 1...(line.utf8.count + 2) {
                let entries = try #require(Self.entries(bytes, pieces: [good.utf8.count + cut], maxLineBytes: 10))
                #expect(
                    entries.dropFirst(BatchRunner.blockLines).first == expected,
                    "read ending \(cut) bytes into the line")
                #expect(entries.last == "1026: {}")
            }
        }
    }

    /// Blank lines (nothing, spaces, tabs, carriage returns) give no entry, but count: the next line has its
    /// true number.
    @Test func blankLinesAreSkippedAndCounted() throws {
        let bytes = Array("\n \n\t\n\r\n \r \n\r\r\n\t \r\n{}\n  \n{}".utf8)
        #expect(Self.entries(bytes, maxLineBytes: 100) == ["8: {}", "10: {}"])
    }
}
