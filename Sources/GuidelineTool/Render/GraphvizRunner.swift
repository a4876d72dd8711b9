import Foundation

/// Renders Graphviz DOT to SVG with the `dot` program (Debian package `graphviz`), found on `PATH`.
struct GraphvizRunner: Sendable {
    /// Why no SVG was made.
    enum Failure: Error, Sendable, Equatable {
        /// No `dot` on the search path.
        case notInstalled
        /// `dot` ran and failed, with what it said.
        case failed(status: Int32, message: String)
        /// `dot` could not be started, or its files written or read.
        case cannotRun(String)

        /// The error line for standard error, naming what to install.
        var message: String {
            switch self {
            case .notInstalled:
                "error: the HTML flowchart needs Graphviz's 'dot', which is not on PATH: install Graphviz "
                    + "(Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz), or render "
                    + "--format markdown, whose flowchart is Mermaid text and needs no Graphviz\n"
            case .failed(let status, let message):
                "error: Graphviz 'dot -Tsvg' failed (exit status \(status)): \(message)\n"
            case .cannotRun(let reason):
                "error: cannot run Graphviz 'dot': \(reason)\n"
            }
        }
    }

    /// The directories searched for `dot`, as in `PATH`.
    var searchPath: String

    /// A runner that searches `PATH`.
    init(searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") {
        self.searchPath = searchPath
    }

    /// The `dot` executable, if one is on the search path.
    var executable: String? {
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The SVG of `dot`, from its `<svg` element on (without the XML prolog and doctype, to inline in HTML).
    func svg(_ dot: String) -> Result<String, Failure> {
        guard let executable else { return .failure(.notInstalled) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "guideline-render-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("pathway.dot")
        let output = directory.appendingPathComponent("pathway.svg")
        let errors = directory.appendingPathComponent("dot.stderr")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(dot.utf8).write(to: input)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            // Files, not pipes, for input, output and messages: nothing blocks however large the graph.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-Tsvg", "-o", output.path, input.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                return .failure(
                    .failed(
                        status: process.terminationStatus,
                        message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            let svg = try String(contentsOf: output, encoding: .utf8)
            guard let start = svg.range(of: "<svg") else { return .failure(.cannotRun("its output holds no <svg>")) }
            return .success(String(svg[start.lowerBound...]))
        } catch {
            return .failure(.cannotRun("\(error)"))
        }
    }
}
