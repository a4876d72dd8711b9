import GuidelineDiagnostics
import GuidelineExpression
import Testing

@testable import GuidelineEngine

/// The batch writer's byte buffer: JSON escaping eight bytes at a time, numbers written in place, growth.
@Suite struct ByteBufferTests {
    /// A small seeded generator, so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Strings mixing plain ASCII runs, quotes, backslashes, control characters and multi-byte characters
    /// are escaped exactly as `DiagnosticJSON.quote` escapes them, at every length and alignment.
    @Test func escapingMatchesTheDiagnosticQuoting() {
        var random = Generator(state: 7)
        let alphabet: [String] = [
            "a", "b", " ", "\"", "\\", "\n", "\t", "\r", "\u{1}", "\u{1F}", "é", "€", "𝄞", "~", "\u{7F}",
        ]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &random)
            let text = (0..<length).map { _ in
                // Mostly plain letters, so the eight-byte fast path is taken often.
                Int.random(in: 0..<4, using: &random) == 0 ? alphabet.randomElement(using: &random)! : "x"
            }.joined()
            let buffer = ByteBuffer(capacity: 16)
            buffer.appendQuoted(text)
            #expect(String(decoding: buffer.array, as: UTF8.self) == DiagnosticJSON.quote(text), "\(Array(text.utf8))")
        }
    }

    /// Every byte that needs escaping is found by the eight-byte check, in every position of the word.
    @Test func wordCheckFindsEveryByteThatNeedsEscaping() {
        for position in 0..<8 {
            for byte in UInt8(0)...UInt8(255) {
                var word: UInt64 = 0x6161_6161_6161_6161  // "aaaaaaaa"
                word &= ~(UInt64(0xFF) << (8 * UInt64(position)))
                word |= UInt64(byte) << (8 * UInt64(position))
                let needs = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                if needs { #expect(ByteBuffer.mayNeedEscaping(word), "byte \(byte) at \(position)") }
            }
        }
        #expect(!ByteBuffer.mayNeedEscaping(0x6161_6161_6161_6161))
        #expect(!ByteBuffer.mayNeedEscaping(0xA9C3_A9C3_A9C3_A9C3))  // "éééé" in UTF-8
    }

    /// Numbers written in place read the same as their description, across signs, magnitudes and decimals.
    @Test func numbersAreWrittenAsTheirDescription() {
        var random = Generator(state: 11)
        var samples: [Int64] = [
            0, 1, -1, 10, 100, 999_999, 1_000_000, -1_000_000, 1_500_000, 123_456_789, Int64.max, -Int64.max,
        ]
        for _ in 0..<3000 {
            let magnitude = Int64.random(in: 0...Int64.max, using: &random) >> UInt64.random(in: 0..<63, using: &random)
            samples.append(Bool.random(using: &random) ? magnitude : -magnitude)
        }
        let buffer = ByteBuffer(capacity: 16)
        for scaled in samples {
            let number = Number(scaled: scaled)
            buffer.removeAll()
            buffer.append(number)
            #expect(String(decoding: buffer.array, as: UTF8.self) == number.description)
            var array: [UInt8] = []
            number.write(into: &array)
            #expect(String(decoding: array, as: UTF8.self) == number.description)
        }
    }

    /// Runs of every length from 0 to 130 (the inline copies up to 64 bytes, then `memcpy`), from every
    /// alignment, are appended exactly: no byte before or after a run is read into the output or overwritten.
    @Test func appendsRunsOfEveryLengthExactly() {
        var random = Generator(state: 5)
        let source = (0..<400).map { _ in UInt8.random(in: 0...255, using: &random) }
        let buffer = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        source.withUnsafeBufferPointer { source in
            for length in 0...130 {
                for offset in [0, 1, 3, 7, 8, 13] {
                    let run = UnsafeBufferPointer(rebasing: source[offset..<(offset + length)])
                    buffer.append(run)
                    expected.append(contentsOf: run)
                    buffer.append(UInt8(ascii: "|"))
                    expected.append(UInt8(ascii: "|"))
                }
            }
        }
        #expect(buffer.array == expected)
    }

    /// Appending past the capacity grows the buffer and keeps every byte; truncating keeps the start.
    @Test func growsAndTruncates() {
        let buffer = ByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        for index in 0..<5000 {
            let byte = UInt8(index % 251)
            buffer.append(byte)
            expected.append(byte)
        }
        #expect(buffer.array == expected)
        buffer.truncate(to: 10)
        #expect(buffer.array == Array(expected.prefix(10)))
        buffer.removeAll()
        #expect(buffer.count == 0)
    }
}
