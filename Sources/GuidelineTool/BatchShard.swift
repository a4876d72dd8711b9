import GuidelineDiagnostics

/// One shard of a JSONL batch (`--shard i/n`), for array jobs that split one input among n processes.
///
/// Shard `i/n` takes the cases whose 0-based position among the batch's cases is `i - 1` modulo `n`. A case is
/// a line that is not blank (a line over `--max-line-bytes` counts: its error line belongs to one shard);
/// positions run on across several inputs. Every shard reads the whole input (so line numbers stay the input's),
/// writes the header line, and evaluates only its own cases; together shards `1/n` to `n/n` write every result
/// line of the single-process batch exactly once.
public struct BatchShard: Sendable, Equatable {
    /// The shard's number, from 1 to `count`.
    public var index: Int
    /// How many shards there are, at least 1.
    public var count: Int

    /// The largest number of shards (more would leave most shards of an ordinary batch empty).
    public static let maxCount = 1_000_000

    /// Creates a shard; nil unless `1 <= index <= count <= maxCount`.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maxCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Reads `i/n` (decimal digits only, such as `3/8`); the error is a usage message naming what was given.
    public static func parse(_ text: String) -> Result<BatchShard, UsageError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let digits = parts.allSatisfy {
            !$0.isEmpty && $0.count <= 7 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber)
        }
        guard parts.count == 2, digits, let index = Int(parts[0]), let count = Int(parts[1]) else {
            return .failure(
                UsageError(message: "--shard takes i/n, such as 2/8 (the second of 8 shards); got \(quoted: text)"))
        }
        guard let shard = BatchShard(index: index, count: count) else {
            let reason =
                count < 1 || count > maxCount
                ? "n must be from 1 to \(maxCount)" : "i must be from 1 to n (\(count))"
            return .failure(UsageError(message: "--shard \(quoted: text): \(reason)"))
        }
        return .success(shard)
    }

    /// Whether the case at 0-based `position` among the batch's cases belongs to this shard.
    public func takes(position: Int) -> Bool {
        position % count == index - 1
    }
}
