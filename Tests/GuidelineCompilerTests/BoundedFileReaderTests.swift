import Foundation
import GuidelineCompiler
import GuidelineYAML
import Testing

/// Files are read up to the size limit only: a huge file or an endless device fails fast with
/// `yaml.size-limit` and never fills memory.
@Suite struct BoundedFileReaderTests {
    @Test func aFileWithinTheLimitIsReadWhole() throws {
        try withTemporaryDirectory { directory in
            try write(["a.yaml": "facts: {}\n"], into: directory)
            guard case .bytes(let bytes) = BoundedFileReader.read(path: "\(directory)/a.yaml") else {
                Issue.record("not read")
                return
            }
            #expect(bytes == Array("facts: {}\n".utf8))
        }
    }

    @Test func aLargerFileIsTheSizeLimitErrorWithItsSize() throws {
        try withTemporaryDirectory { directory in
            try write(["big.yaml": String(repeating: "x", count: 100)], into: directory)
            let limits = YAMLLimits(maxInputBytes: 64)
            guard case .tooLarge(let error) = BoundedFileReader.read(path: "\(directory)/big.yaml", limits: limits)
            else {
                Issue.record("not refused")
                return
            }
            #expect(error.code == "yaml.size-limit")
            #expect(error.message == "the file is 100 bytes, more than the limit of 64 bytes")
            #expect(error.range?.start.line == 1)
        }
    }

    @Test func anEndlessDeviceStopsAtTheLimit() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/zero"))
        guard case .tooLarge(let error) = BoundedFileReader.read(path: "/dev/zero") else {
            Issue.record("/dev/zero was not refused")
            return
        }
        #expect(error.message == "the file is larger than the limit of 4194304 bytes")
    }

    @Test func aDirectoryOrAMissingFileIsUnreadable() throws {
        try withTemporaryDirectory { directory in
            if case .unreadable = BoundedFileReader.read(path: directory) {
            } else {
                Issue.record("a directory was read")
            }
            if case .unreadable = BoundedFileReader.read(path: "\(directory)/missing.yaml") {
            } else {
                Issue.record("a missing file was read")
            }
        }
    }
}
