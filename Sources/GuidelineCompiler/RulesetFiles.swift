import Foundation

/// Where `RulesetLoader` reads a ruleset's files from: the disk, or a set of files held in memory.
struct RulesetFiles: Sendable {
    /// The bytes of the file at `path`; nil when it is missing or unreadable.
    let contents: @Sendable (String) -> [UInt8]?
    /// Whether a file exists at `path` (even one that cannot be read).
    let exists: @Sendable (String) -> Bool

    /// The file system.
    static let disk = RulesetFiles(
        contents: { path in FileManager.default.contents(atPath: path).map { [UInt8]($0) } },
        exists: { path in FileManager.default.fileExists(atPath: path) })

    /// Files in memory, keyed by their path relative to the ruleset; the loader asks for them under `directory`.
    static func memory(_ files: [String: [UInt8]], directory: String) -> RulesetFiles {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let prefix = "\(base)/"
        @Sendable func relative(_ path: String) -> String {
            path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        return RulesetFiles(contents: { files[relative($0)] }, exists: { files[relative($0)] != nil })
    }
}
