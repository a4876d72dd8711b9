import Foundation
import GuidelineCompiler
import Testing

/// `FileSystemPath` carries any bytes of a path in a `String` and back, and reads the file they name.
@Suite struct FileSystemPathTests {
    @Test func bytesSurviveTheRoundTrip() {
        let samples: [[UInt8]] = [
            Array("plain/ascii.yaml".utf8), Array("caf\u{e9}/\u{1F600}".utf8), [0x61, 0xFF, 0x62], [0xC3],
            [0xE2, 0x82],
            [0xF4, 0x8F, 0xBC, 0x80], [0xED, 0xA0, 0x80], Array(0x01...0xFF),
        ]
        for bytes in samples {
            let text = FileSystemPath.string(fromBytes: bytes)
            #expect(FileSystemPath.bytes(of: text).map { UInt8(bitPattern: $0) } == bytes + [0], "\(bytes)")
        }
        #expect(FileSystemPath.display(FileSystemPath.string(fromBytes: [0x61, 0xFF])) == "a\u{FFFD}")
    }

    @Test func readsAFileWhoseNameIsNotUTF8() throws {
        try withTemporaryDirectory { directory in
            let name = FileSystemPath.string(fromBytes: Array("\(directory)/case-".utf8) + [0xFF] + Array(".yaml".utf8))
            let descriptor = open(FileSystemPath.bytes(of: name), O_WRONLY | O_CREAT, 0o644)
            #expect(descriptor >= 0)
            _ = "facts: {}\n".withCString { write(descriptor, $0, 10) }
            close(descriptor)
            guard case .bytes(let bytes) = BoundedFileReader.read(path: name) else {
                Issue.record("not read")
                return
            }
            #expect(bytes == Array("facts: {}\n".utf8))
        }
    }
}
