import Foundation
import Testing

/// Colour on a terminal: contraindicated red, caution yellow, immediate and urgent bold; `NO_COLOR` with a
/// non-empty value turns it off (no-color.org), an empty one does not; never colour on a pipe.
@Suite(
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) gives the command a terminal"))
struct TerminalColourTests {
    static let red = "\u{1B}[31m"
    static let yellow = "\u{1B}[33m"
    static let bold = "\u{1B}[1m"

    /// The text output of `evaluate EXAMPLE` on a pseudo-terminal, with `environment` (`NAME=VALUE` words for env(1)).
    static func onTerminal(_ example: String, environment: String) throws -> String {
        let executable = try #require(guidelineExecutable).path
        let command =
            "env -u NO_COLOR \(environment) timeout 20 '\(executable)' evaluate --rules Rules/spine-metastases "
            + "Rules/spine-metastases/examples/\(example).yaml"
        return try run(URL(fileURLWithPath: "/usr/bin/script"), ["-q", "-c", command, "/dev/null"], stdin: "").stdout
    }

    @Test func contraindicationsAreRedAndUrgentActionsBoldOnATerminal() throws {
        let text = try Self.onTerminal("suspected-mescc", environment: "")
        let lines = text.split(separator: "\n")
        let physicalTherapy = try #require(lines.first { $0.contains("Physical therapy (exercise programme):") })
        #expect(physicalTherapy.contains(Self.red + "contraindicated"), "\(physicalTherapy)")
        let dexamethasone = try #require(lines.first { $0.contains("Dexamethasone:") })
        #expect(dexamethasone.contains(Self.bold), "\(dexamethasone)")
    }

    @Test func cautionIsYellow() throws {
        // incomplete-data: physical therapy is a (provisional) caution in its summary.
        let text = try Self.onTerminal("incomplete-data", environment: "")
        let line = try #require(text.split(separator: "\n").first { $0.contains("Physical therapy (exercise programme):") })
        #expect(line.contains(Self.yellow + "caution"), "\(line)")
    }

    @Test func aNonEmptyNoColorTurnsColourOffAndAnEmptyOneDoesNot() throws {
        let off = try Self.onTerminal("suspected-mescc", environment: "NO_COLOR=1")
        #expect(!off.contains("\u{1B}["), "no escape code with NO_COLOR=1")
        #expect(off.contains("Physical therapy (exercise programme): contraindicated"))
        let empty = try Self.onTerminal("suspected-mescc", environment: "NO_COLOR=")
        #expect(empty.contains(Self.red), "NO_COLOR set to nothing leaves colour on")
    }

    @Test func neverColourOnAPipe() throws {
        let piped = try runGuideline([
            "evaluate", "--rules", "Rules/spine-metastases", "Rules/spine-metastases/examples/suspected-mescc.yaml",
        ])
        #expect(piped.exitCode == 0 && !piped.stdout.contains("\u{1B}["))
    }
}
