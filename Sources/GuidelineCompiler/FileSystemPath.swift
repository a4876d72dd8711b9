/// Paths as the file system has them: bytes, not always valid UTF-8.
///
/// A path from the command line that is not valid UTF-8 is carried in a `String` with each byte that is not part of
/// valid UTF-8 as a private-use character (U+10FF00 plus the byte), and turned back into its exact bytes when a file is
/// opened; every other character is its UTF-8 (a path holding those private-use characters themselves has them as bytes
/// too). So `guideline evaluate "$(printf 'case-\377.yaml')"` opens that file.
package enum FileSystemPath {
    /// The first of the 256 private-use characters that stand for single bytes.
    static let base: UInt32 = 0x10FF00

    /// Whether `scalar` is one of the characters that stand for bytes.
    static func reserved(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= base && scalar.value <= base + 0xFF
    }

    /// `bytes` (an argument as the system passed it) as a string: UTF-8 decoded, any byte of an invalid
    /// sequence as its private-use character.
    package static func string(fromBytes bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: reserved) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            // The longest valid UTF-8 sequence starting here, else one byte.
            var decoded: Unicode.Scalar?
            var length = 1
            for count in 1...4 where index + count <= bytes.count {
                // A character of the reserved range itself is written as its bytes, so that it comes back as them.
                if let text = String(validating: bytes[index..<(index + count)], as: UTF8.self),
                    text.unicodeScalars.count == 1,
                    let scalar = text.unicodeScalars.first, !reserved(scalar)
                {
                    decoded = scalar
                    length = count
                    break
                }
            }
            guard let scalar = decoded ?? Unicode.Scalar(base + UInt32(bytes[index])) else {
                preconditionFailure("U+10FF00 to U+10FFFF are scalars")
            }
            scalars.append(scalar)
            index += length
        }
        return String(scalars)
    }

    /// The bytes of `path` for the system, NUL-terminated: UTF-8, with each private-use byte character back
    /// as its byte.
    package static func bytes(of path: String) -> [CChar] {
        var bytes: [CChar] = []
        bytes.reserveCapacity(path.utf8.count + 1)
        for scalar in path.unicodeScalars {
            if reserved(scalar) {
                bytes.append(CChar(bitPattern: UInt8(scalar.value - base)))
            } else {
                bytes += String(scalar).utf8.map { CChar(bitPattern: $0) }
            }
        }
        bytes.append(0)
        return bytes
    }

    /// `path` for messages: each byte character shown as U+FFFD, as a terminal shows invalid UTF-8.
    package static func display(_ path: String) -> String {
        String(String.UnicodeScalarView(path.unicodeScalars.map { reserved($0) ? "\u{FFFD}" : $0 }))
    }
}
