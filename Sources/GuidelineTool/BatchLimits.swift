import GuidelineDiagnostics

/// The limits of a JSONL batch, each with a documented default and a message naming it.
public struct BatchLimits: Sendable {
    /// The longest input line, in bytes (default 1 MiB); a longer line gets an error line and is skipped.
    public var maxLineBytes: Int
    /// The most cases in one batch (default 10,000,000); the batch stops with an error after that many.
    public var maxCases: Int

    /// Creates limits.
    public init(maxLineBytes: Int = 1 << 20, maxCases: Int = 10_000_000) {
        self.maxLineBytes = maxLineBytes
        self.maxCases = maxCases
    }

    /// The defaults.
    public static let `default` = BatchLimits()

    /// The error for line `number` of `file`, `length` bytes long, over `maxLineBytes`.
    package func lineTooLong(line number: Int, length: Int, file: String) -> Diagnostic {
        Diagnostic.error(
            ToolDiagnosticCode.lineTooLong,
            "line \(number) is \(length) bytes long, over the limit of \(maxLineBytes) bytes",
            at: SourceRange(start: SourceLocation(file: file, line: number, column: 1)),
            help: ["put one case on each line; a longer line is skipped (the limit is --max-line-bytes)"])
    }
}
