/// What a command produced: its standard output and error text and its exit code.
public struct ToolOutput: Sendable, Equatable {
    /// Text for standard output.
    public var stdout: String = ""
    /// Text for standard error.
    public var stderr: String = ""
    /// The exit code: 0 success, 1 failure (errors found, tests failed, invalid cases), 64 usage error, 74 the
    /// output could not be written (set by the executable).
    public var exitCode: Int32 = 0

    /// Creates an empty output.
    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    /// Exit code for success.
    public static let success: Int32 = 0
    /// Exit code when the input has errors or tests fail.
    public static let failure: Int32 = 1
    /// Exit code for a usage error (sysexits EX_USAGE).
    public static let usage: Int32 = 64
    /// Exit code when writing the output failed (sysexits EX_IOERR): a full disk, a closed descriptor, a pipe
    /// whose reader left.
    public static let ioError: Int32 = 74
}
