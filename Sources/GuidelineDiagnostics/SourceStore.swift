#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of the files diagnostics point into, so that a renderer can quote the source line.
public struct SourceStore: Sendable {
    /// One file: its text and the UTF-8 offset at which each line starts.
    private struct File: Sendable {
        var text: String
        var lineStarts: [Int]
    }

    private var files: [String: File] = [:]

    /// Creates an empty store.
    public init() {}

    /// Remembers the text of `file`.
    ///
    /// Lines are split at `\n` characters as `String.split(separator: "\n")` splits them: a `\r\n` pair is
    /// one character, so it does not split. Found by one scan of the UTF-8 bytes; nothing else is copied.
    public mutating func add(file: String, text: String) {
        var text = text
        let starts = text.withUTF8 { bytes -> [Int] in
            var starts = [0]
            guard let base = bytes.baseAddress else { return starts }
            var offset = 0
            // memchr finds each `\n` much faster than a byte-by-byte loop.
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if index == 0 || bytes[index - 1] != 0x0D { starts.append(index + 1) }
                offset = index + 1
            }
            return starts
        }
        files[file] = File(text: text, lineStarts: starts)
    }

    /// Adds every file of another store.
    public mutating func merge(_ other: SourceStore) {
        files.merge(other.files) { _, new in new }
    }

    /// The 1-based `line` of `file`, without its line break (and without a final `\r`), if known.
    public func line(_ line: Int, of file: String) -> String? {
        guard let stored = files[file], line >= 1, line <= stored.lineStarts.count else { return nil }
        let utf8 = stored.text.utf8
        let start = stored.lineStarts[line - 1]
        // The next line starts after the `\n` that ends this one.
        var end = line < stored.lineStarts.count ? stored.lineStarts[line] - 1 : utf8.count
        let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
        if end > start, utf8[utf8.index(before: endIndex)] == 0x0D { end -= 1 }
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(utf8.startIndex, offsetBy: end)
        return String(stored.text[from..<to])
    }
}
