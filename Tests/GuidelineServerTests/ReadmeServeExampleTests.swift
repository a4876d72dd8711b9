import Foundation
import Testing

/// The README's `guideline serve` example runs as written (with the built executable and a free port).
@Suite struct ReadmeServeExampleTests {
    /// The `sh` block of the README's `guideline serve` section.
    static func example() throws -> String {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### `guideline serve"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```sh\n"))
        let end = try #require(rest[start.upperBound...].range(of: "```"))
        return String(rest[start.upperBound..<end.lowerBound])
    }

    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw SetupError(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func theServeExampleRuns() throws {
        let executable = try #require(guidelineExecutable).path
        let port = String(try Self.freePort())
        var script = try Self.example()
        #expect(script.contains("guideline serve --rules Rules/spine-metastases --port 8080 & sleep 1"))
        #expect(script.contains("kill %1"))
        // The example waits a second for the server; a debug build on a busy machine may need longer.
        script = script.replacingOccurrences(of: "guideline serve", with: "'\(executable)' serve")
            .replacingOccurrences(of: "8080", with: port)
            .replacingOccurrences(
                of: "& sleep 1",
                with:
                    "& for _ in $(seq 200); do curl -s localhost:\(port)/healthz > /dev/null && break; sleep 0.05; done"
            )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // The server must have stopped after the example's `kill %1`: wait for it (boundedly), never hang.
        let stopped =
            "for _ in $(seq 400); do kill -0 $! 2> /dev/null || break; sleep 0.05; done\n"
            + "if kill -0 $! 2> /dev/null; then kill -9 $!; echo 'the server did not stop'; exit 9; fi\nwait $!\n"
        process.arguments = ["-o", "pipefail", "-c", script + stopped]
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.hasPrefix("{\n  \"case\": null,\n  \"ruleset\": {\n    \"id\": \"spine-metastases\""), "\(text)")
    }
}
