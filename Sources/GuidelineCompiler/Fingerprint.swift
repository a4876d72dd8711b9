import Crypto
import GuidelineYAML

/// The content fingerprint of a ruleset: `sha256:` of a canonical form of all its files.
///
/// The canonical form is the node trees, not the bytes: mapping keys are sorted, the manifest's file
/// lists are sorted, and comments and layout do not count. Any change to a value, an expression or a rule
/// changes the fingerprint; re-reading the same files, reordering keys or files does not.
///
/// The form (`YAMLNode.appendCanonicalForm`), written into one buffer and hashed once: the manifest first
/// (`manifest\0` + its form, its `files` and `tests` lists sorted), then each file, sorted by path, as
/// `\0file\0<path>\0` + its form.
enum Fingerprint {
    /// Lists of the manifest whose order does not count.
    static let unorderedManifestLists: Set<String> = ["files", "tests"]

    static func compute(manifest: YAMLNode, files: [(path: String, root: YAMLNode?)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        out.append(contentsOf: "manifest\u{0}".utf8)
        manifest.appendCanonicalForm(to: &out, sortedLists: unorderedManifestLists)
        for file in files.sorted(by: { $0.path < $1.path }) {
            out.append(contentsOf: "\u{0}file\u{0}".utf8)
            out.append(contentsOf: file.path.utf8)
            out.append(0)
            file.root?.appendCanonicalForm(to: &out)
        }
        let digest = SHA256.hash(data: out)
        let hex = Array("0123456789abcdef".utf8)
        var text = Array("sha256:".utf8)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
