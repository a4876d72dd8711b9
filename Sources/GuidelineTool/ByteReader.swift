import Foundation
import GuidelineCompiler

/// A source of bytes read in chunks: standard input, a file, or bytes in memory (tests).
public struct ByteReader {
    /// Fills the buffer with up to its count of bytes; returns how many (0 at the end), or nil on a read error.
    public var read: (UnsafeMutableRawBufferPointer) -> Int?

    /// Creates a reader from a read function.
    public init(read: @escaping (UnsafeMutableRawBufferPointer) -> Int?) {
        self.read = read
    }

    /// Reads bytes held in memory.
    public static func bytes(_ bytes: [UInt8]) -> ByteReader {
        var position = 0
        return ByteReader { buffer in
            let count = min(buffer.count, bytes.count - position)
            guard count > 0 else { return 0 }
            bytes[position..<(position + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
            position += count
            return count
        }
    }

    /// Reads the input `path` names: `stdin()` for `-`, otherwise the file, opened as the case readers open files (a
    /// FIFO without a writer does not block the open); nil when it cannot be opened.
    package static func input(_ path: String, stdin: () -> ByteReader) -> ByteReader? {
        if path == "-" { return stdin() }
        return BoundedFileReader.open(path: path).map { .handle(FileHandle(fileDescriptor: $0, closeOnDealloc: true)) }
    }

    /// Reads a file handle (standard input or an opened file) to its end, straight into the buffer.
    public static func handle(_ handle: FileHandle) -> ByteReader {
        ByteReader { buffer in
            // The closure holds the handle, so the descriptor stays open while the reader lives.
            let descriptor = handle.fileDescriptor
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            while true {
                let count = Foundation.read(descriptor, base, buffer.count)
                if count >= 0 { return count }
                if errno != EINTR { return nil }
            }
        }
    }
}
