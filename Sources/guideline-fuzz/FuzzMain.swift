import Foundation
import GuidelineFuzzing

// The fuzz executable. Built with `-sanitize=fuzzer,address -DFUZZING` (see Tests/Fuzz/run.sh), it is a
// libFuzzer binary running the target named by GUIDELINE_FUZZ_TARGET; built normally, it replays inputs:
// `guideline-fuzz TARGET FILE_OR_DIRECTORY ...`. Both builds have the helper commands of `FuzzTools`.

#if FUZZING

/// The target, read from the environment once.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment[FuzzTarget.environmentVariable] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FuzzTools.fail("set \(FuzzTarget.environmentVariable) to one of: \(names)")
    }
    target.prepare()
    return target
}()

/// libFuzzer's entry point: runs the target on one input and crashes on a broken invariant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let report = fuzzTarget.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    if !report.violations.isEmpty {
        fatalError("fuzz target '\(fuzzTarget.rawValue)': broken invariant\n\(report)")
    }
    return 0
}

// The C function's name, as libFuzzer spells it.
// swift-format-ignore: AlwaysUseLowerCamelCase
/// libFuzzer's driver (in the libFuzzer runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links executables with their own `main`, so this one hands over to libFuzzer's driver.
@main struct FuzzMain {
    static func main() {
        FuzzTools.runIfRequested(Array(CommandLine.arguments.dropFirst()))
        _ = fuzzTarget
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
    }
}

#else

/// Replays inputs through a fuzz target without libFuzzer: `guideline-fuzz TARGET FILE_OR_DIRECTORY ...`.
@main struct FuzzMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        FuzzTools.runIfRequested(arguments)
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FuzzTools.fail("usage: guideline-fuzz \(names) FILE_OR_DIRECTORY ...")
        }
        target.prepare()
        var passed = 0
        var failed = 0
        for path in arguments.dropFirst().flatMap(FuzzMain.files) {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                failed += 1
                continue
            }
            let report = target.run([UInt8](data))
            if report.violations.isEmpty {
                passed += 1
            } else {
                failed += 1
                print("\(path):\n\(report)")
            }
        }
        print("\(passed) passed, \(failed) failed")
        exit(failed == 0 ? 0 : 1)
    }

    /// The files under `path` (sorted), or `path` itself when it is a file.
    static func files(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
    }
}

#endif
