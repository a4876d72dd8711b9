import GuidelineDiagnostics

/// The decoded input: its Unicode scalars and where each line starts, to turn offsets into locations. A class:
/// every scalar node refers to it while the tree is built, and one reference counts less than three arrays.
///
/// Lines break where libyaml breaks them (`\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029), so locations computed
/// here agree with libyaml's marks.
final class SourceText: Sendable {
    /// The file name used in locations.
    let file: String
    /// The input as Unicode scalars (after a UTF-8 byte-order mark, if any).
    let scalars: [Unicode.Scalar]
    /// The scalar offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    /// The result of decoding bytes: the text, or the byte offset of the first invalid UTF-8 sequence.
    enum Decoded {
        case text(SourceText)
        case invalid(byteOffset: Int, byte: UInt8, location: SourceLocation)
    }

    /// Decodes UTF-8 `bytes` (already stripped of a BOM), stopping at the first invalid sequence.
    ///
    /// One pass fills the scalars, their byte offsets and the line starts; ASCII bytes (most of any rule
    /// file) are taken as they are, and only multi-byte sequences go through the UTF-8 parser.
    static func decode(_ bytes: [UInt8], file: String) -> Decoded {
        var lineStarts = [0]
        var failure: (offset: Int, byte: UInt8)?
        let scalars = bytes.withUnsafeBufferPointer { input in
            [Unicode.Scalar](unsafeUninitializedCapacity: input.count) { output, decoded in
                var offset = 0
                var count = 0
                while offset < input.count {
                    let byte = input[offset]
                    if byte < 0x80 {
                        // ASCII, most of any rule file: one byte, one scalar; `\r\n` is one line break.
                        output[count] = Unicode.Scalar(byte)
                        count += 1
                        offset += 1
                        if byte == 0x0A || (byte == 0x0D && !(offset < input.count && input[offset] == 0x0A)) {
                            lineStarts.append(count)
                        }
                        continue
                    }
                    // A multi-byte sequence starts here, at a scalar boundary: decode just it.
                    var iterator = input[offset...].makeIterator()
                    var parser = Unicode.UTF8.ForwardParser()
                    guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else {
                        failure = (offset, byte)
                        break
                    }
                    let scalar = Unicode.UTF8.decode(encoded)
                    output[count] = scalar
                    count += 1
                    offset += encoded.count
                    // U+0085, U+2028 and U+2029 break lines too.
                    if isBreak(scalar) { lineStarts.append(count) }
                }
                decoded = count
            }
        }
        if let failure {
            let partial = SourceText(file: file, scalars: scalars)
            return .invalid(byteOffset: failure.offset, byte: failure.byte, location: partial.location(ofScalar: scalars.count))
        }
        return .text(SourceText(file: file, scalars: scalars, lineStarts: lineStarts))
    }

    private init(file: String, scalars: [Unicode.Scalar], lineStarts: [Int]) {
        self.file = file
        self.scalars = scalars
        self.lineStarts = lineStarts
    }

    init(file: String, scalars: [Unicode.Scalar]) {
        self.file = file
        self.scalars = scalars
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
        let (line, column) = lineAndColumn(ofScalar: offset)
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The 1-based line and column of the scalar at `offset` (clamped), as `location(ofScalar:)` gives them.
    /// `lineHint` is the 0-based line the caller expects the scalar on (from a libyaml mark): when it is
    /// right, no search is needed.
    func lineAndColumn(ofScalar offset: Int, lineHint: Int? = nil) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, scalars.count))
        if let line = lineHint, line >= 0, line < lineStarts.count, lineStarts[line] <= clamped,
            line + 1 == lineStarts.count || clamped < lineStarts[line + 1]
        {
            return (line + 1, clamped - lineStarts[line] + 1)
        }
        // Binary search for the last line start <= clamped.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return (low + 1, clamped - lineStarts[low] + 1)
    }

    /// The scalar offset of the UTF-8 byte at `byteOffset` (clamped): the last scalar starting at or before
    /// it, or the end. Only reader errors need it, so the byte offsets are counted here, not kept.
    func scalarOffset(ofByte byteOffset: Int) -> Int {
        var offset = 0
        for (index, scalar) in scalars.enumerated() {
            let next = offset + UTF8.width(scalar)
            if next > byteOffset { return index }
            offset = next
        }
        return scalars.count
    }

    /// The 1-based location of a libyaml mark.
    func location(of mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }
}
