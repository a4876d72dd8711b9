import Crypto
import GuidelineYAML

/// The content fingerprint of a ruleset: `sha256:` of a canonical form of all its files.
///
/// The canonical form is the node trees, not the bytes: mapping keys are sorted, the manifest's file
/// lists are sorted, and comments and layout do not count. Any change to a value, an expression or a rule
/// changes the fingerprint; re-reading the same files, reordering keys or files does not.
enum Fingerprint {
    static func compute(manifest: YAMLNode, files: [(path: String, root: YAMLNode?)]) -> String {
        var hasher = SHA256()
        var out = ""
        canonical(manifest, into: &out, sortSequencesUnder: ["files", "tests"], key: nil)
        hasher.update(data: Array("manifest\u{0}".utf8) + Array(out.utf8))
        for file in files.sorted(by: { $0.path < $1.path }) {
            out = ""
            if let root = file.root { canonical(root, into: &out, sortSequencesUnder: [], key: nil) }
            hasher.update(data: Array("\u{0}file\u{0}\(file.path)\u{0}".utf8) + Array(out.utf8))
        }
        let digest = hasher.finalize()
        return "sha256:" + digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func canonical(_ node: YAMLNode, into out: inout String, sortSequencesUnder: Set<String>, key: String?) {
        switch node.kind {
        case .scalar(let scalar):
            out += "s\(scalar.isPlain ? "p" : "q")\(scalar.value.utf8.count):\(scalar.value)"
        case .sequence(let items):
            var parts = items.map { item -> String in
                var part = ""
                canonical(item, into: &part, sortSequencesUnder: [], key: nil)
                return part
            }
            if let key, sortSequencesUnder.contains(key) { parts.sort() }
            out += "[\(parts.count)" + parts.joined(separator: ",") + "]"
        case .mapping(let pairs):
            let parts = pairs.map { pair -> (String, String) in
                let name = pair.key.scalar?.value ?? ""
                var part = ""
                canonical(pair.value, into: &part, sortSequencesUnder: sortSequencesUnder, key: name)
                return (name, part)
            }.sorted { $0.0 < $1.0 }
            out += "{\(parts.count)" + parts.map { "\($0.0.utf8.count):\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
        }
    }
}
