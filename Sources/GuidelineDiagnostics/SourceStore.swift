/// The text of the files diagnostics point into, so that a renderer can quote the source line.
public struct SourceStore: Sendable {
    private var lines: [String: [Substring]] = [:]

    /// Creates an empty store.
    public init() {}

    /// Remembers the text of `file`.
    public mutating func add(file: String, text: String) {
        lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    /// Adds every file of another store.
    public mutating func merge(_ other: SourceStore) {
        lines.merge(other.lines) { _, new in new }
    }

    /// The 1-based `line` of `file`, without its line break, if known.
    public func line(_ line: Int, of file: String) -> String? {
        guard let fileLines = lines[file], line >= 1, line <= fileLines.count else { return nil }
        return String(fileLines[line - 1])
    }
}
