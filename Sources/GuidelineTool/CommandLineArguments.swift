import Foundation
import GuidelineCompiler

/// The process's arguments as the system passed them, so that a path that is not valid UTF-8 still names
/// its file (`FileSystemPath`); Swift's `CommandLine.arguments` replaces such bytes with U+FFFD.
public enum CommandLineArguments {
    /// Every argument after the program name.
    public static func all() -> [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return "" }
            let count = strlen(argument)
            return argument.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
                FileSystemPath.string(fromBytes: Array(UnsafeBufferPointer(start: bytes, count: count)))
            }
        }
    }

    /// `output` with the bytes of paths that are not valid UTF-8 shown as U+FFFD (`FileSystemPath.display`).
    public static func displayed(_ output: ToolOutput) -> ToolOutput {
        // Such characters start with the byte 0xF4; most output has none, and is returned as it is.
        guard output.stdout.utf8.contains(0xF4) || output.stderr.utf8.contains(0xF4) else { return output }
        return ToolOutput(
            stdout: FileSystemPath.display(output.stdout), stderr: FileSystemPath.display(output.stderr),
            exitCode: output.exitCode)
    }
}
