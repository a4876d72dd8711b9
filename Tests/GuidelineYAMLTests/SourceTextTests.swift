import Foundation
import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

/// `SourceText` keeps the UTF-8 bytes and finds characters by scalar offset through its list of multi-byte
/// characters; these tests compare every answer with the decoded scalars, on varied and random texts.
@Suite struct SourceTextTests {
    /// Characters of every width, and every line break libyaml knows.
    static let pieces: [String] = [
        "a", "key: value", " ", "\t", "\n", "\r\n", "\r", "é", "€", "😀", "\u{85}", "\u{2028}", "\u{2029}", "'", "\"",
        "\\",
        "ünïcödé", "x\ny",
    ]

    static func texts() -> [String] {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33) % bound
        }
        var texts = [
            "", "a", "é", "\n", "abcdefgh\nijklmnop\r\nqrstuvwx", "0123456789abcdefé0123456789\u{2028}end",
            String(repeating: "ascii only ", count: 9),
        ]
        for _ in 0..<300 {
            texts.append((0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined())
        }
        return texts
    }

    /// Line starts as libyaml breaks lines, from the scalars.
    static func referenceLineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                i += 2
                starts.append(i)
            } else if SourceText.isBreak(scalars[i]) {
                i += 1
                starts.append(i)
            } else {
                i += 1
            }
        }
        return starts
    }

    @Test func answersAsTheDecodedScalarsDo() throws {
        for text in Self.texts() {
            guard case .text(let source) = SourceText.decode(Array(text.utf8), file: "t.yaml") else {
                Issue.record("valid text rejected: \(text.debugDescription)")
                continue
            }
            let scalars = Array(text.unicodeScalars)
            #expect(source.count == scalars.count)
            #expect(source.lineStarts == Self.referenceLineStarts(scalars), "\(text.debugDescription)")
            for offset in -2..<(scalars.count + 2) {
                let expected: Unicode.Scalar? = offset >= 0 && offset < scalars.count ? scalars[offset] : nil
                #expect(source[offset] == expected, "\(text.debugDescription) at \(offset)")
            }
            // Every byte belongs to the scalar that holds it.
            var byte = 0
            for (index, scalar) in scalars.enumerated() {
                for inside in byte..<(byte + UTF8.width(scalar)) {
                    #expect(source.scalarOffset(ofByte: inside) == index, "\(text.debugDescription) byte \(inside)")
                }
                byte += UTF8.width(scalar)
            }
            #expect(source.scalarOffset(ofByte: byte) == scalars.count)
            #expect(source.scalarOffset(ofByte: byte + 5) == scalars.count)
            #expect(source.scalarOffset(ofByte: -1) == 0)
        }
    }

    @Test func invalidBytesAreFoundWhereTheyAre() {
        for text in Self.texts().prefix(120) {
            for bad: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0x80]] {
                let bytes = Array(text.utf8) + bad + Array("tail".utf8)
                guard case .invalid(let byteOffset, let byte, let location) = SourceText.decode(bytes, file: "t.yaml")
                else {
                    Issue.record("invalid bytes accepted after \(text.debugDescription)")
                    continue
                }
                let scalars = Array(text.unicodeScalars)
                let starts = Self.referenceLineStarts(scalars)
                let line = starts.lastIndex { $0 <= scalars.count }!
                #expect(byteOffset == text.utf8.count)
                #expect(byte == bad[0])
                #expect(
                    location == SourceLocation(file: "t.yaml", line: line + 1, column: scalars.count - starts[line] + 1)
                )
            }
        }
    }
}
