import Crypto

/// The hash chain: each entry's hash is `sha256` over a domain tag, the previous entry's hash and the entry's
/// canonical body, so that altering, removing or inserting an entry breaks every link after it.
package enum ChainHash {
    /// The previous hash of the first entry.
    package static let genesis = String(repeating: "0", count: 64)

    /// The domain tag and its terminating zero, hashed first.
    private static let tag = Array("guideline-audit-v1\u{0}".utf8)
    /// The separator between the previous hash and the body.
    private static let separator: [UInt8] = [0]

    /// The hash of an entry whose canonical body is `body`, after an entry whose hash is `previous`.
    package static func hash(previous: String, body: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: tag)
        var previous = previous
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: separator)
        hasher.update(data: body)
        return hex(hasher.finalize())
    }

    /// Lowercase hexadecimal of a digest or MAC.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        let count = bytes.underestimatedCount
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        digits.withUTF8Buffer { digits in
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `sha256:` and the hexadecimal digest of `bytes`.
    package static func sha256(_ bytes: [UInt8]) -> String { "sha256:" + hex(SHA256.hash(data: bytes)) }
}
