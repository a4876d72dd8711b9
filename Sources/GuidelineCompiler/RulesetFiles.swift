import GuidelineYAML

/// Where `RulesetLoader` reads a ruleset's files from: the disk, or a set of files held in memory.
struct RulesetFiles: Sendable {
    /// The bytes of the file at `path`, read up to the size limit.
    let read: @Sendable (String, YAMLLimits) -> BoundedFileReader.Outcome
    /// Whether a file exists at `path` (even one that cannot be read).
    let exists: @Sendable (String) -> Bool

    /// The file system.
    static let disk = RulesetFiles(
        read: { path, limits in FileReader.read(path, limits: limits) },
        exists: { path in FileReader.exists(path) })

    /// Files in memory, keyed by their path relative to the ruleset; the loader asks for them under `directory`.
    static func memory(_ files: [String: [UInt8]], directory: String) -> RulesetFiles {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let prefix = "\(base)/"
        @Sendable func relative(_ path: String) -> String {
            path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        return RulesetFiles(
            read: { path, _ in
                files[relative(path)].map { .bytes($0) } ?? .unreadable(reason: "no such file or directory")
            }, exists: { files[relative($0)] != nil })
    }
}
