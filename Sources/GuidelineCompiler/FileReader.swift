#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads rule files with the C library directly: `open`, `fstat` for the size and `read` into the byte
/// array the YAML loader takes, without Foundation's `FileManager` and `Data` and their copies.
enum FileReader {
    /// Whether something exists at `path` (following symbolic links), as `FileManager.fileExists` says.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The bytes of the file at `path`, read to its end; nil when it cannot be opened or read (a directory,
    /// no permission).
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        // The size is only a hint (one byte more, to see the end in the same read); read until end of file.
        var chunk = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) + 1 : 64 * 1024
        var bytes: [UInt8] = []
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                read(descriptor, buffer.baseAddress! + start, chunk)
            }
            bytes.removeLast(chunk - max(count, 0))
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            chunk = max(chunk, 64 * 1024)
        }
    }
}
