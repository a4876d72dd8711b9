import GuidelineDiagnostics

/// The decoded input: its Unicode scalars and where each line starts, to turn offsets into locations.
///
/// Lines break where libyaml breaks them (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029), so locations computed
/// here agree with libyaml's marks.
struct SourceText: Sendable {
    /// The file name used in locations.
    let file: String
    /// The input as Unicode scalars (after a UTF-8 byte-order mark, if any).
    let scalars: [Unicode.Scalar]
    /// The UTF-8 byte offset (into the BOM-less bytes) of each scalar, plus one past the end.
    let byteOffsets: [Int]
    /// The scalar offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    /// The result of decoding bytes: the text, or the byte offset of the first invalid UTF-8 sequence.
    enum Decoded {
        case text(SourceText)
        case invalid(byteOffset: Int, byte: UInt8, location: SourceLocation)
    }

    /// Decodes UTF-8 `bytes` (already stripped of a BOM), stopping at the first invalid sequence.
    static func decode(_ bytes: [UInt8], file: String) -> Decoded {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 {
                // ASCII, most of any rule file: one byte, one scalar.
                scalars.append(Unicode.Scalar(byte))
                offsets.append(offset)
                offset += 1
                continue
            }
            // A multi-byte sequence starts here, at a scalar boundary: decode just it.
            var iterator = bytes[offset...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offsets.append(offset)
                offset += encoded.count
            case .emptyInput, .error:
                let partial = SourceText(file: file, scalars: scalars, byteOffsets: offsets + [offset])
                let location = partial.location(ofScalar: scalars.count)
                return .invalid(byteOffset: offset, byte: byte, location: location)
            }
        }
        offsets.append(offset)
        return .text(SourceText(file: file, scalars: scalars, byteOffsets: offsets))
    }

    init(file: String, scalars: [Unicode.Scalar], byteOffsets: [Int]) {
        self.file = file
        self.scalars = scalars
        self.byteOffsets = byteOffsets
        var starts = [0]
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                i += 2
                starts.append(i)
            } else if Self.isBreak(c) {
                i += 1
                starts.append(i)
            } else {
                i += 1
            }
        }
        lineStarts = starts
    }

    /// Whether `c` breaks a line, as libyaml decides.
    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Whether `c` is a space or a tab.
    static func isWhite(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    /// The scalar at `offset`, or `nil` outside the text.
    subscript(offset: Int) -> Unicode.Scalar? {
        offset >= 0 && offset < scalars.count ? scalars[offset] : nil
    }

    /// The 1-based location of the scalar at `offset` (clamped to the text).
    func location(ofScalar offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, scalars.count))
        // Binary search for the last line start <= clamped.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(file: file, line: low + 1, column: clamped - lineStarts[low] + 1)
    }

    /// The scalar offset of the UTF-8 byte at `byteOffset` (clamped).
    func scalarOffset(ofByte byteOffset: Int) -> Int {
        var low = 0
        var high = byteOffsets.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if byteOffsets[mid] <= byteOffset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The 1-based location of a libyaml mark.
    func location(of mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }
}
