import Crypto

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name): the same name always gives the
/// same UUID, so a card's `uuid` is reproducible from what it was made of.
enum NameBasedUUID {
    /// The URL namespace of RFC 9562 (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`); names are `urn:guideline:...`.
    static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// The version 5 UUID of `name` in the URL namespace, lowercase with hyphens.
    static func uuid(_ name: String) -> String {
        var digest = Array(Insecure.SHA1.hash(data: urlNamespace + Array(name.utf8)).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (index, byte) in digest.enumerated() {
            if [4, 6, 8, 10].contains(index) { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
