#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of the files diagnostics point into, so that a renderer can quote the source line.
package struct SourceStore: Sendable {
    /// One file: its text (or its bytes, made text when a line is first asked for) and the UTF-8 offset at
    /// which each line starts.
    private struct File: Sendable {
        var text: String?
        var bytes: LazyText?
        var lineStarts: [Int]
    }

    private var files: [String: File] = [:]

    /// Creates an empty store.
    package init() {}

    /// Remembers the text of `file`.
    ///
    /// Lines are split at `\n` characters as `String.split(separator: "\n")` splits them: a `\r\n` pair is
    /// one character, so it does not split. Found by one scan of the UTF-8 bytes; nothing else is copied.
    package mutating func add(file: String, text: String) {
        var text = text
        let starts = text.withUTF8(Self.lineStarts)
        files[file] = File(text: text, bytes: nil, lineStarts: starts)
    }

    /// Remembers the UTF-8 bytes of `file`, as `add(file:text:)` remembers a text, when they are valid UTF-8;
    /// they are checked (and made text) only when a line of the file is first asked for, so loading a file
    /// that no diagnostic quotes does not check its bytes a second time.
    ///
    /// Bytes that are no valid UTF-8 give no lines, as a file never added.
    package mutating func add(file: String, bytes: [UInt8]) {
        let starts = bytes.withUnsafeBufferPointer(Self.lineStarts)
        files[file] = File(text: nil, bytes: LazyText(bytes), lineStarts: starts)
    }

    /// The UTF-8 offset at which each line of `bytes` starts.
    private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
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

    /// Adds every file of another store.
    package mutating func merge(_ other: SourceStore) {
        files.merge(other.files) { _, new in new }
    }

    /// The 1-based `line` of `file`, without its line break (and without a final `\r`), if known.
    package func line(_ line: Int, of file: String) -> String? {
        guard let stored = files[file], line >= 1, line <= stored.lineStarts.count,
            let text = stored.text ?? stored.bytes?.text
        else { return nil }
        let utf8 = text.utf8
        let start = stored.lineStarts[line - 1]
        // The next line starts after the `\n` that ends this one.
        var end = line < stored.lineStarts.count ? stored.lineStarts[line] - 1 : utf8.count
        let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
        if end > start, utf8[utf8.index(before: endIndex)] == 0x0D { end -= 1 }
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(utf8.startIndex, offsetBy: end)
        return String(text[from..<to])
    }
}

/// UTF-8 bytes whose text is made, once and only if asked for: nil when they are no valid UTF-8.
private final class LazyText: @unchecked Sendable {
    private let bytes: [UInt8]
    /// Guards `made`: a store is shared across threads.
    private let mutex = PThreadMutex()
    private var made: String??

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    deinit { mutex.destroy() }

    /// The text, when the bytes are valid UTF-8.
    var text: String? {
        mutex.withLock {
            if let made { return made }
            let text = String(validating: bytes, as: UTF8.self)
            made = .some(text)
            return text
        }
    }
}
