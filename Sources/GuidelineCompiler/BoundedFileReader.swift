import Foundation
import GuidelineDiagnostics
import GuidelineYAML

/// Reads a rule or case file holding at most the size limit (plus one byte) in memory, so a huge file, a
/// device such as `/dev/zero` or an endless pipe fails fast with `yaml.size-limit` instead of exhausting
/// memory.
public enum BoundedFileReader {
    /// What reading a file gave.
    public enum Outcome: Sendable {
        /// The whole file, within the limit.
        case bytes([UInt8])
        /// The file is larger than `YAMLLimits.maxInputBytes`: the `yaml.size-limit` error.
        case tooLarge(Diagnostic)
        /// The file cannot be opened or read (missing, a directory, no permission).
        case unreadable
    }

    /// Reads the file at `path`, stopping one byte past `limits.maxInputBytes`.
    public static func read(path: String, limits: YAMLLimits = .default) -> Outcome {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unreadable }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxInputBytes + 1) ?? Data()
        } catch {
            return .unreadable
        }
        guard data.count > limits.maxInputBytes else { return .bytes([UInt8](data)) }
        // The size of a regular file is known; a pipe or a device was read only up to the limit.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.type] as? FileAttributeType) == .typeRegular ? (attributes?[.size] as? Int) : nil
        return .tooLarge(YAMLLoader(limits: limits).sizeLimitError(byteCount: size.flatMap { $0 > limits.maxInputBytes ? $0 : nil }, file: path))
    }
}
