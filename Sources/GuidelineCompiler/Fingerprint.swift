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
            func entry(_ name: String, _ value: YAMLNode, first: Bool) {
                if !first { out.append(UInt8(ascii: ",")) }
                appendDecimal(name.utf8.count, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: name.utf8)
                out.append(UInt8(ascii: "="))
                canonical(value, into: &out, inManifest: inManifest, key: name)
            }
            if isSorted(pairs) {
                // Usually keys are not in order, but many mappings are small enough to be.
                for (index, pair) in pairs.enumerated() { entry(pair.key.scalar?.value ?? "", pair.value, first: index == 0) }
            } else {
                let names = pairs.map { $0.key.scalar?.value ?? "" }
                let order = names.indices.sorted { names[$0] < names[$1] }
                for (position, index) in order.enumerated() { entry(names[index], pairs[index].value, first: position == 0) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whether the keys of `pairs` are already in order (then sorting would leave them as they are).
    private static func isSorted(_ pairs: [YAMLPair]) -> Bool {
        var previous: String?
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            if let previous, name < previous { return false }
            previous = name
        }
        return true
    }

    /// Appends the decimal digits of `value` (not negative).
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
