import Foundation
import GuidelineFuzzing

/// The helper commands of the fuzz executable, in every build:
/// `--seeds TARGET DIRECTORY [ROOT]` writes the seed corpus, `--dictionary TARGET` prints the dictionary.
enum FuzzTools {
    /// Runs a helper command when `arguments` (without the program name) start with one; exits when done.
    static func runIfRequested(_ arguments: [String]) {
        guard let command = arguments.first, command == "--seeds" || command == "--dictionary" else { return }
        guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
            fail("usage: guideline-fuzz --seeds TARGET DIRECTORY [ROOT] | --dictionary TARGET")
        }
        if command == "--dictionary" {
            print(FuzzDictionary.text(for: target), terminator: "")
            exit(0)
        }
        guard arguments.count >= 3 else { fail("usage: guideline-fuzz --seeds TARGET DIRECTORY [ROOT]") }
        let root = arguments.count >= 4 ? arguments[3] : FileManager.default.currentDirectoryPath
        do {
            let count = try FuzzSeeds.write(for: target, root: root, into: arguments[2])
            print("\(count) seeds for '\(target.rawValue)' in \(arguments[2])")
            exit(count > 0 ? 0 : 1)
        } catch {
            fail("cannot write seeds into '\(arguments[2])': \(error)")
        }
    }

    /// Prints `message` on standard error and exits with the usage status.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(64)
    }
}
