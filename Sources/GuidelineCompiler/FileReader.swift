import GuidelineYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads rule files with the C library directly: `open`, `fstat` for the size and `read` into the byte
/// array the YAML loader takes, without Foundation's `FileHandle`, `Data` and their copies.
///
/// Gives what `BoundedFileReader` gives, faster: the whole file within the size limit, the `yaml.size-limit` error past
/// it (having read one byte more than the limit at most), or unreadable.
enum FileReader {
    /// Whether something exists at `path` (following symbolic links), or may exist: a file in a directory
    /// that cannot be searched (`EACCES`) counts as there but unreadable, not as missing.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(FileSystemPath.bytes(of: path), &info) == 0 || errno == EACCES
    }

    /// Opens `path` for reading without blocking in `open` on a FIFO that has no writer (it then reads as
    /// empty, as a pipe whose writer left does); reads block as usual afterwards.
    ///
    /// -1 when it cannot be opened.
    static func open(_ path: String) -> Int32 {
        let descriptor = openFile(FileSystemPath.bytes(of: path), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return -1 }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// The system's text for an error number, starting lowercase (`no such file or directory`).
    static func reason(_ error: Int32) -> String {
        let text = String(cString: strerror(error))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// The file at `path`, read up to one byte past `limits.maxInputBytes`.
    static func read(_ path: String, limits: YAMLLimits) -> BoundedFileReader.Outcome {
        let descriptor = open(path)
        guard descriptor >= 0 else { return .unreadable(reason: reason(errno)) }
        defer { close(descriptor) }
        return read(descriptor: descriptor, name: path, limits: limits)
    }

    /// What `descriptor` holds (a file, a pipe, a device), read to its end up to one byte past
    /// `limits.maxInputBytes`; `name` names it in the `yaml.size-limit` error.
    static func read(descriptor: Int32, name: String, limits: YAMLLimits) -> BoundedFileReader.Outcome {
        var info = stat()
        let regular = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        let maximum = limits.maxInputBytes + 1
        // The size is only a hint (one byte more, to see the end in the same read); read until end of file.
        var chunk = min(regular ? Int(info.st_size) + 1 : 64 * 1024, maximum)
        var bytes: [UInt8] = []
        while bytes.count < maximum {
            let start = bytes.count
            chunk = min(chunk, maximum - start)
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else {
                    preconditionFailure("a buffer of \(buffer.count) bytes has an address")
                }
                return readBytes(descriptor, base + start, chunk)
            }
            bytes.removeLast(chunk - max(count, 0))
            if count < 0 {
                if errno == EINTR { continue }
                return .unreadable(reason: reason(errno))
            }
            if count == 0 { return .bytes(bytes) }
            chunk = max(chunk, 64 * 1024)
        }
        // Past the limit: the size of a regular file is known; a pipe or a device was read only up to it.
        let size = regular && Int(info.st_size) > limits.maxInputBytes ? Int(info.st_size) : nil
        return .tooLarge(YAMLLoader(limits: limits).sizeLimitError(byteCount: size, file: name))
    }
}

/// `open(2)`, under a name the reader's own `open` does not hide.
private func openFile(_ path: [CChar], _ flags: Int32) -> Int32 {
    open(path, flags)
}

/// `read(2)`, under a name the reader's own `read` does not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
