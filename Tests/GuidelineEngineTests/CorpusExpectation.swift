import Foundation
import GuidelineDiagnostics
import Testing

/// What a malformed-input fixture must give, as written next to it: `code at line:column; what it is`, or
/// `accepted; why` for input the engine reads (although a schema rejects it).
///
/// YAML fixtures carry it on their first line, `# expect: yaml.key-limit at 3:3; a key of 1,100 characters`;
/// JSON fixtures, which cannot hold comments, in `expectations.txt` beside them, one
/// `file: code at line:column; what` per line.
struct CorpusExpectation: Sendable, CustomStringConvertible {
    /// The expected error, or nil when the input is accepted.
    var code: String?
    /// The 1-based line and column of the error.
    var line = 0
    var column = 0
    /// The prose after the `;`.
    var what: String

    var description: String { code.map { "\($0) at \(line):\(column)" } ?? "accepted" }

    /// Parses `code at L:C; what` or `accepted; what`; nil when malformed.
    init?(_ text: some StringProtocol) {
        let parts = String(text).split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        what = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        let words = parts[0].split(separator: " ")
        if words == ["accepted"] { return }
        guard words.count == 3, words[1] == "at" else { return nil }
        let place = words[2].split(separator: ":").compactMap { Int($0) }
        guard place.count == 2 else { return nil }
        code = String(words[0])
        (line, column) = (place[0], place[1])
    }

    /// Builds an expectation in code (for generated fixtures).
    init(_ code: String, at line: Int, _ column: Int, _ what: String) {
        self.code = code
        self.line = line
        self.column = column
        self.what = what
    }

    /// The expectation on the first line of a YAML fixture (`# expect: ...`).
    static func header(of bytes: [UInt8]) -> CorpusExpectation? {
        let first = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let line = String(decoding: first, as: UTF8.self)
        guard line.hasPrefix("# expect: ") else { return nil }
        return CorpusExpectation(line.dropFirst("# expect: ".count))
    }

    /// The expectations in a manifest of `file: expectation` lines (`#` lines are comments).
    static func manifest(_ text: String) -> [String: CorpusExpectation] {
        var result: [String: CorpusExpectation] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":"),
                let expectation = CorpusExpectation(line[line.index(after: colon)...].drop { $0 == " " })
            else { continue }
            result[String(line[..<colon])] = expectation
        }
        return result
    }

    /// Checks `diagnostics` (all of one input) against the expectation: an error with the code, in `file`,
    /// at the line and column; every message one line and short, however long the input.
    func check(_ diagnostics: [Diagnostic], file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let all = diagnostics.map(\.description).joined(separator: "\n")
        for diagnostic in diagnostics {
            #expect(
                !diagnostic.message.contains("\n"), "a message is one line: \(diagnostic)",
                sourceLocation: sourceLocation)
            #expect(
                diagnostic.message.count <= CorpusExpectation.longestMessage, "message too long: \(diagnostic)",
                sourceLocation: sourceLocation)
        }
        guard let code else {
            #expect(
                !diagnostics.contains { $0.severity == .error }, "expected no error:\n\(all)",
                sourceLocation: sourceLocation)
            return
        }
        let matching = diagnostics.filter { $0.severity == .error && $0.code == code && $0.range?.start.file == file }
        #expect(!matching.isEmpty, "expected \(self) in \(file):\n\(all)", sourceLocation: sourceLocation)
        guard !matching.isEmpty else { return }
        let places = matching.compactMap(\.range).map { "\($0.start.line):\($0.start.column)" }
        #expect(
            places.contains("\(line):\(column)"), "expected \(self), found \(code) at \(places):\n\(all)",
            sourceLocation: sourceLocation)
    }

    /// The longest message any input may produce: user text in messages is shortened (see `UserText`).
    static let longestMessage = 400
}
