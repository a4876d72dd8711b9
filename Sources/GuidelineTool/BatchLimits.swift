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
}
