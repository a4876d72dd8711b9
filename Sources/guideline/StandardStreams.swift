import Foundation
import GuidelineTool

/// The process's standard input, output and error as plain descriptors: writes that report their failure,
/// and descriptors closed at start held by `/dev/null` opened the wrong way round, so that using them fails
/// (and no file the command opens later takes their number).
enum StandardStreams {
    /// Opens `/dev/null` on each standard descriptor that is closed: write-only for input, read-only for
    /// output and error, so a read of a closed standard input and a write to a closed standard output or error
    /// fail as they would have (`EBADF`) instead of reading or writing some file opened later on that number.
    static func reserve() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    /// Writes every byte to `descriptor`, retrying after interruptions and partial writes; returns nil when
    /// all was written, otherwise the error number of the failure (a full disk, a closed descriptor, a pipe
    /// whose reader left while SIGPIPE is ignored; without that, SIGPIPE ends the process first, as usual).
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            next += written
            left -= written
        }
        return nil
    }

    /// Reports that writing standard output failed with `error` (on standard error, if that works) and exits
    /// with 74 (EX_IOERR) at once, from whichever thread found it.
    static func fail(_ error: Int32) -> Never {
        var message =
            "error: cannot write to standard output: \(describe(error)) [\(ToolDiagnosticCode.writeFailed.rawValue)]\n"
        _ = message.withUTF8 { writeAll($0, to: STDERR_FILENO) }
        _exit(ToolOutput.ioError)
    }

    /// The system's text for an error number, starting lowercase (`no space left on device`).
    static func describe(_ error: Int32) -> String {
        let text = String(cString: strerror(error))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
