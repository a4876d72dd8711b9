/// What one fuzz input did: whether it was accepted, and any broken invariant.
///
/// A fuzz target never traps on bad input by itself; it records broken invariants here. The fuzz executable
/// turns a non-empty `violations` into a crash (so libFuzzer saves the input), and the regression tests
/// expect it to be empty.
public struct FuzzReport: Sendable, CustomStringConvertible {
    /// True when the input was valid for the target (the YAML loaded, the expression checked, the ruleset
    /// compiled, the case decoded and was evaluated).
    public var accepted = false
    /// The number of diagnostics reported for the input.
    public var diagnostics = 0
    /// Each broken invariant, as a lowercase sentence.
    public var violations: [String] = []

    /// Creates an empty report.
    public init() {}

    /// Records a violation unless `condition` holds.
    mutating func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { violations.append(message()) }
    }

    /// `accepted`, the diagnostic count and every violation, one per line.
    public var description: String {
        (["accepted: \(accepted), diagnostics: \(diagnostics)"] + violations.map { "violation: \($0)" })
            .joined(separator: "\n")
    }
}
