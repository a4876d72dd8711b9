/// Bounds on what one file may make the loader do, so hostile or broken input fails fast and clearly.
///
/// Each limit, when exceeded, is a `yaml.*-limit` error naming the limit's value, and loading stops.
package struct YAMLLimits: Hashable, Sendable {
    /// Largest accepted input, in bytes.
    ///
    /// Default 4 MiB (4,194,304 bytes).
    package var maxInputBytes: Int
    /// Deepest accepted nesting of mappings and lists (the root collection is depth 1).
    ///
    /// Default 64.
    package var maxDepth: Int
    /// Most nodes (scalars, lists, mappings) in the tree, counting every node an alias expands to.
    ///
    /// Default 100,000.
    package var maxNodes: Int
    /// Most aliases (`*name`) in one file.
    ///
    /// Default 1,000.
    package var maxAliases: Int
    /// The longest mapping key, in characters: 1,024, fixed by libyaml (the longest "simple key" it scans).
    ///
    /// A longer key is a `yaml.key-limit` error.
    package static let maxKeyLength = 1024

    /// Creates limits; every argument defaults to the documented default.
    package init(
        maxInputBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 64, maxNodes: Int = 100_000, maxAliases: Int = 1_000
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAliases = maxAliases
    }

    /// The defaults: 4 MiB, depth 64, 100,000 nodes, 1,000 aliases.
    package static let `default` = YAMLLimits()
}
