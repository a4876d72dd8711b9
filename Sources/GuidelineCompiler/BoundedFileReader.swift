import Foundation
import GuidelineDiagnostics
import GuidelineYAML

/// Reads a rule or case file holding at most the size limit (plus one byte) in memory, so a huge file, a
/// device such as `/dev/zero` or an endless pipe fails fast with `yaml.size-limit` instead of exhausting
/// memory.
package enum BoundedFileReader {
    /// What reading a file gave.
    package enum Outcome: Sendable {
        /// The whole file, within the limit.
        case bytes([UInt8])
        /// The file is larger than `YAMLLimits.maxInputBytes`: the `yaml.size-limit` error.
        case tooLarge(Diagnostic)
        /// The file cannot be opened or read: `reason` says why, as the system does (`no such file or directory`,
        /// `is a directory`, `permission denied`).
        case unreadable(reason: String)
    }

    /// Reads the file at `path`, stopping one byte past `limits.maxInputBytes`.
    ///
    /// A FIFO without a writer does not block the open: it reads as empty.
    package static func read(path: String, limits: YAMLLimits = .default) -> Outcome {
        FileReader.read(path, limits: limits)
    }

    /// Reads an open descriptor (standard input) to its end as a file is read: up to one byte past
    /// `limits.maxInputBytes` (then `yaml.size-limit`, naming `name`), unreadable when a read fails (a
    /// directory, a closed descriptor).
    package static func read(descriptor: Int32, name: String, limits: YAMLLimits = .default) -> Outcome {
        FileReader.read(descriptor: descriptor, name: name, limits: limits)
    }

    /// Opens `path` for reading as the readers do (a FIFO without a writer does not block the open); the
    /// descriptor, or nil when it cannot be opened.
    package static func open(path: String) -> Int32? {
        let descriptor = FileReader.open(path)
        return descriptor >= 0 ? descriptor : nil
    }
}
