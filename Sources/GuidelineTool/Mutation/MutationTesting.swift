import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// Mutation testing of a ruleset's own tests (`guideline test --mutants`): each mutant of the rule files is
/// compiled in memory and the ruleset's tests are run against it; a mutant that no test fails on survives.
///
/// The score is the share of compiled mutants killed. Mutants that do not compile are not counted; mutants that
/// compile to the same ruleset (the same fingerprint) are not counted either.
package struct MutationTesting: Sendable {
    /// What happened to one mutant.
    package enum Outcome: String, Sendable {
        /// A test failed on it.
        case killed
        /// Every test passed on it.
        case survived
        /// It does not compile (not counted).
        case invalid
        /// It compiles to the same ruleset as the original, the same fingerprint (not counted).
        case unchanged
    }

    /// One mutant and its outcome.
    package struct Result: Sendable {
        /// The mutant.
        package var mutant: Mutant
        /// Its outcome.
        package var outcome: Outcome
        /// The first test that failed on it (killed only).
        package var killedBy: String?
    }

    /// The outcome of a run.
    package struct Report: Sendable {
        /// Every mutant, in file order.
        package var results: [Result]
        /// Mutants killed.
        package var killed: Int { results.filter { $0.outcome == .killed }.count }
        /// Mutants that survived.
        package var survived: [Result] { results.filter { $0.outcome == .survived } }
        /// Mutants that compiled.
        package var counted: Int { results.filter { $0.outcome == .killed || $0.outcome == .survived }.count }
        /// The share killed, in percent (100 when nothing was counted).
        package var score: Double { counted == 0 ? 100 : Double(killed) * 100 / Double(counted) }
    }

    /// Why a run could not be made.
    package enum Failure: Error, Sendable {
        /// The ruleset does not load: its rendered diagnostics.
        case rulesetErrors(String)
        /// The tests fail on the ruleset as it is: mutation testing needs them green first.
        case testsFail(failed: Int)
        /// A rule file cannot be read.
        case unreadable(String)
    }

    /// The ruleset directory.
    package var directory: String

    /// The results as the threads write them.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Result?]

        init(count: Int) { items = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result) { lock.withLock { items[index] = result } }

        var all: [Result] { lock.withLock { items.compactMap { $0 } } }
    }

    /// A run over the ruleset in `directory`.
    package init(directory: String) {
        self.directory = directory
    }

    /// Generates the mutants and runs the tests against each.
    package func run() -> Swift.Result<Report, Failure> {
        let loader = RulesetLoader(analysesTables: false)
        let loaded = loader.load(directory: directory)
        guard let ruleset = loaded.ruleset else {
            return .failure(.rulesetErrors(DiagnosticRenderer(sources: loaded.sources).render(loaded.diagnostics)))
        }
        let suite = GuidelineTestSuite.load(for: ruleset)
        let baseline = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset)).run(suite)
        guard baseline.failed == 0 else { return .failure(.testsFail(failed: baseline.failed)) }
        // The files as the loader names them, and their bytes as given to an in-memory load.
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var bytes: [String: [UInt8]] = [:]
        var sources: [String: MutantGenerator.SourceFile] = [:]
        let rules = [RulesetLoader.manifestName] + ruleset.manifest.files.map(\.path)
        for relative in rules + ruleset.manifest.tests.map(\.path) {
            let path = base.isEmpty ? relative : "\(base)/\(relative)"
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else { return .failure(.unreadable(path)) }
            bytes[relative] = Array(data)
            if rules.contains(relative) {
                sources[path] = MutantGenerator.SourceFile(relativePath: relative, text: text)
            }
        }
        let mutants = MutantGenerator(ruleset: ruleset, files: sources).mutants()
        let pathOf = Dictionary(sources.map { ($0.value.relativePath, $0.key) }, uniquingKeysWith: { a, _ in a })
        let originals = bytes
        let texts = sources
        let results = Results(count: mutants.count)
        // Each iteration compiles a mutant and runs the whole suite: coarse enough for one task per mutant.
        DispatchQueue.concurrentPerform(iterations: mutants.count) { index in
            let mutant = mutants[index]
            var files = originals
            if let path = pathOf[mutant.file], let source = texts[path] {
                files[mutant.file] = Array(source.replacing(mutant.span, with: mutant.replacement).utf8)
            }
            results.set(
                index, Self.run(mutant, files: files, directory: directory, original: ruleset, suite: suite))
        }
        return .success(Report(results: results.all))
    }

    /// Compiles one mutant and runs the tests against it.
    ///
    /// The test cases decoded for the original are reused: a mutant changes expressions and kinds, never the facts,
    /// so a case decodes to the same input (checked: the same facts and slots, else the tests are loaded again).
    static func run(
        _ mutant: Mutant, files: [String: [UInt8]], directory: String, original: CompiledRuleset,
        suite: GuidelineTestSuite
    ) -> Result {
        let loaded = RulesetLoader(analysesTables: false).load(files: files, directory: directory)
        guard let ruleset = loaded.ruleset else { return Result(mutant: mutant, outcome: .invalid, killedBy: nil) }
        guard ruleset.fingerprint != original.fingerprint else {
            return Result(mutant: mutant, outcome: .unchanged, killedBy: nil)
        }
        var cases = suite.cases
        if ruleset.facts.map(\.name) != original.facts.map(\.name) || ruleset.slots.count != original.slots.count {
            let reloaded = GuidelineTestSuite.load(for: ruleset)
            if reloaded.diagnostics.contains(where: { $0.severity == .error }) {
                return Result(mutant: mutant, outcome: .killed, killedBy: "the test files no longer load")
            }
            cases = reloaded.cases
        }
        let runner = GuidelineTestRunner(evaluator: RulesetEvaluator(ruleset: ruleset))
        for test in cases where !runner.run(test).failures.isEmpty {
            return Result(mutant: mutant, outcome: .killed, killedBy: test.name)
        }
        return Result(mutant: mutant, outcome: .survived, killedBy: nil)
    }
}
