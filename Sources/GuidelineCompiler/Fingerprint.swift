import Crypto
import GuidelineYAML

/// The content fingerprint of a ruleset: `sha256:` of a canonical form of all its files.
///
/// The canonical form is the node trees, not the bytes: mapping keys are sorted, the manifest's file
/// lists are sorted, and comments and layout do not count. Any change to a value, an expression or a rule
/// changes the fingerprint; re-reading the same files, reordering keys or files does not.
///
/// The form, written as bytes into one buffer and hashed once: a scalar is `s` + `p` (plain) or `q` + its
/// UTF-8 length + `:` + its text; a list `[` + count + items joined by `,` + `]`; a mapping `{` + count +
/// `len:key=value` entries sorted by key, joined by `,` + `}`. The manifest comes first (`manifest\0`), then
/// each file, sorted by path, as `\0file\0<path>\0` + its form.
enum Fingerprint {
    static func compute(manifest: YAMLNode, files: [(path: String, root: YAMLNode?)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        out.append(contentsOf: "manifest\u{0}".utf8)
        canonical(manifest, into: &out, inManifest: true, key: nil)
        for file in files.sorted(by: { $0.path < $1.path }) {
            out.append(contentsOf: "\u{0}file\u{0}".utf8)
            out.append(contentsOf: file.path.utf8)
            out.append(0)
            if let root = file.root { canonical(root, into: &out, inManifest: false, key: nil) }
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

    /// Appends the canonical form of `node`. In the manifest, lists under a `files` or `tests` key (at any
    /// depth of mappings) are sorted, as strings, by their items' canonical forms.
    private static func canonical(_ node: YAMLNode, into out: inout [UInt8], inManifest: Bool, key: String?) {
        switch node.kind {
        case .scalar(let scalar):
            out.append(UInt8(ascii: "s"))
            out.append(UInt8(ascii: scalar.isPlain ? "p" : "q"))
            let value = scalar.value
            appendDecimal(value.utf8.count, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: value.utf8)
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            appendDecimal(items.count, to: &out)
            if inManifest, let key, key == "files" || key == "tests" {
                let parts = items.map { item -> String in
                    var part: [UInt8] = []
                    canonical(item, into: &part, inManifest: false, key: nil)
                    return String(decoding: part, as: UTF8.self)
                }.sorted()
                for (index, part) in parts.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: part.utf8)
                }
            } else {
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    canonical(item, into: &out, inManifest: false, key: nil)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .mapping(let pairs):
            out.append(UInt8(ascii: "{"))
            appendDecimal(pairs.count, to: &out)
            let names = pairs.map { $0.key.scalar?.value ?? "" }
            var order = Array(names.indices)
            if !isSorted(names) { order.sort { names[$0] < names[$1] } }
            for (position, index) in order.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                let name = names[index]
                appendDecimal(name.utf8.count, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: name.utf8)
                out.append(UInt8(ascii: "="))
                canonical(pairs[index].value, into: &out, inManifest: inManifest, key: name)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whether `names` is already in order (then sorting would leave it as it is).
    private static func isSorted(_ names: [String]) -> Bool {
        for index in names.indices.dropFirst() where names[index] < names[index - 1] { return false }
        return true
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        out.append(contentsOf: digits.reversed())
    }
}
