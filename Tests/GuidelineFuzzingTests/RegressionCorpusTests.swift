import Foundation
import GuidelineFuzzing
import Testing

/// The repository root, found from this file's path (Tests/GuidelineFuzzingTests/RegressionCorpusTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// One input of the regression corpus: its target and path relative to the repository.
struct RegressionInput: CustomTestStringConvertible, Sendable {
    var target: FuzzTarget
    var path: String
    var testDescription: String { path }

    /// Every file under `Tests/Fuzz/regressions/TARGET/`, for every target, sorted.
    static let all: [RegressionInput] = FuzzTarget.allCases.flatMap { target in
        let directory = "Tests/Fuzz/regressions/\(target.rawValue)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/\(directory)")) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map {
            RegressionInput(target: target, path: "\(directory)/\($0)")
        }
    }
}

/// Replays the regression corpus (inputs that once crashed, hung or broke an invariant, and hostile inputs
/// written by hand) through the fuzz targets: each must be handled, with every invariant holding.
@Suite struct RegressionCorpusTests {
    @Test(arguments: RegressionInput.all)
    func replays(_ input: RegressionInput) throws {
        let data = try #require(FileManager.default.contents(atPath: "\(repositoryRoot)/\(input.path)"))
        let report = input.target.run([UInt8](data))
        #expect(report.violations.isEmpty, "\(input.path):\n\(report)")
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyTargetHasRegressionInputs(_ target: FuzzTarget) {
        #expect(RegressionInput.all.contains { $0.target == target }, "no regression input for '\(target.rawValue)'")
    }
}
