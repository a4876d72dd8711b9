import GuidelineDiagnostics
import GuidelineEngine

/// Fuzz target `case`: decoding a case file (YAML or JSON) against the fuzz ruleset, then evaluating it and
/// rendering the result in every format.
///
/// Invariants: a rejected case has at least one error, and every error has a location; the diagnostics
/// render; an accepted case evaluates, and its JSON result parses.
public enum CaseFuzzTarget {
    /// The file name used in locations.
    public static let file = "fuzz-case.yaml"

    /// Decodes, evaluates and renders `bytes`.
    public static func run(_ bytes: [UInt8]) -> FuzzReport {
        var report = FuzzReport()
        let ruleset = FuzzRuleset.bundled.ruleset
        let outcome = CaseDecoder(ruleset: ruleset).decode(bytes: bytes, file: file)
        report.diagnostics = outcome.diagnostics.count
        FuzzInvariants.located(outcome.diagnostics, requireRange: true, in: &report)
        var sources = SourceStore()
        if let text = String(validating: bytes, as: UTF8.self) { sources.add(file: file, text: text) }
        FuzzInvariants.rendered(outcome.diagnostics, sources: sources, in: &report)
        guard let input = outcome.input else {
            report.require(
                outcome.diagnostics.contains { $0.severity == .error }, "a case was rejected without an error")
            return report
        }
        report.require(!outcome.diagnostics.contains { $0.severity == .error }, "a case with errors was accepted")
        report.require(
            input.facts.count == ruleset.facts.count,
            "a case has \(input.facts.count) facts, not \(ruleset.facts.count)")
        report.accepted = true
        FuzzEvaluation.evaluateAndRender(input, ruleset: ruleset, in: &report)
        return report
    }
}
