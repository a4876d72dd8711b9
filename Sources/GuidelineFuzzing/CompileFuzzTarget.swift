import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// Fuzz target `compile`: the whole compile of a ruleset in which the input replaces one file.
///
/// The ruleset is the compact one (`Tests/Fuzz/ruleset`, every feature of the language in a few small files,
/// so one compile takes milliseconds). The input's first line names the file it replaces (`sins.yaml`,
/// `ruleset.yaml`, ...; any other name picks one of the files by its bytes); the rest is that file's new
/// content. Invariants: a ruleset is returned
/// exactly when there is no error; every error has a location; the diagnostics render; a ruleset that
/// compiles evaluates the example cases, whose JSON results parse.
public enum CompileFuzzTarget {
    /// The directory name used in locations.
    public static let directory = "fuzz/ruleset"

    /// Splits `bytes` into the replaced file's name and its new content.
    public static func split(_ bytes: [UInt8], replaceable: [String]) -> (path: String, content: [UInt8]) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let name = String(decoding: bytes[..<newline], as: UTF8.self)
        let content = newline < bytes.endIndex ? Array(bytes[(newline + 1)...]) : []
        if replaceable.contains(name) || replaceable.isEmpty { return (name, content) }
        let pick = bytes[..<newline].reduce(0) { ($0 &+ Int($1)) % 1_000_003 } % replaceable.count
        return (replaceable[pick], content)
    }

    /// Compiles the compact ruleset with one file replaced by `bytes`, and checks the invariants.
    public static func run(_ bytes: [UInt8]) -> FuzzReport {
        var report = FuzzReport()
        let base = FuzzRuleset.compact
        let (path, content) = split(bytes, replaceable: base.replaceable)
        var files = base.files
        files[path] = content
        let loaded = RulesetLoader().load(files: files, directory: directory)
        report.diagnostics = loaded.diagnostics.count
        report.require(
            (loaded.ruleset != nil) == !loaded.hasErrors,
            loaded.hasErrors ? "a ruleset with errors was returned" : "no ruleset was returned, yet no error")
        FuzzInvariants.located(loaded.diagnostics, requireRange: true, in: &report)
        FuzzInvariants.rendered(loaded.diagnostics, sources: loaded.sources, in: &report)
        guard let ruleset = loaded.ruleset else { return report }
        report.accepted = true
        let decoder = CaseDecoder(ruleset: ruleset)
        for example in base.examples {
            let outcome = decoder.decode(bytes: example.bytes, file: example.name)
            if let input = outcome.input { FuzzEvaluation.evaluateAndRender(input, ruleset: ruleset, in: &report) }
        }
        return report
    }
}
