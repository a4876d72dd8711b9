import Foundation

/// Links from a rendered document to the rule files: `file.yaml:LINE` as shown, and a relative link that
/// works from where the document is written (`#L` anchors, as code hosts number lines).
struct FileLinks: Sendable {
    /// The ruleset directory as given.
    var rulesetDirectory: String
    /// The directory the document is written to; nil for standard output (links relative to the current
    /// directory).
    var outputDirectory: String?

    /// The path shown: relative to the ruleset directory.
    func shown(_ file: String) -> String {
        let base = rulesetDirectory.hasSuffix("/") ? rulesetDirectory : rulesetDirectory + "/"
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
    }

    /// The link target of `file` at `line`, percent-encoded.
    func href(_ file: String, line: Int) -> String {
        var path = file
        if let outputDirectory {
            path = Self.relative(Self.absolute(file), from: Self.absolute(outputDirectory))
        }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))
        return (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "#L\(line)"
    }

    /// `path` made absolute against the current directory, with `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The relative path from directory `base` to `target`, both absolute.
    static func relative(_ target: String, from base: String) -> String {
        let targetParts = target.split(separator: "/").map(String.init)
        let baseParts = base.split(separator: "/").map(String.init)
        var common = 0
        while common < min(targetParts.count, baseParts.count), targetParts[common] == baseParts[common] {
            common += 1
        }
        let up = Array(repeating: "..", count: baseParts.count - common)
        return (up + targetParts[common...]).joined(separator: "/")
    }
}
