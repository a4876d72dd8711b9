/// The fuzz targets, by the names the fuzz executable and `Tests/Fuzz/run.sh` use.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The YAML loader (`YAMLFuzzTarget`).
    case yaml
    /// The expression parser, checker and evaluator (`ExpressionFuzzTarget`).
    case expression
    /// The whole compile of a ruleset with one file replaced (`CompileFuzzTarget`).
    case compile
    /// Case decoding, evaluation and rendering (`CaseFuzzTarget`).
    case `case`
    /// JSONL batches through the batch reader (`JSONLFuzzTarget`).
    case jsonl

    /// The environment variable the fuzz executable reads the target from.
    public static let environmentVariable = "GUIDELINE_FUZZ_TARGET"

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) -> FuzzReport {
        switch self {
        case .yaml: YAMLFuzzTarget.run(bytes)
        case .expression: ExpressionFuzzTarget.run(bytes)
        case .compile: CompileFuzzTarget.run(bytes)
        case .case: CaseFuzzTarget.run(bytes)
        case .jsonl: JSONLFuzzTarget.run(bytes)
        }
    }

    /// Runs the target on raw memory (as libFuzzer passes it).
    public func run(_ buffer: UnsafeRawBufferPointer) -> FuzzReport {
        run([UInt8](buffer))
    }

    /// Loads what the target needs (a fuzz ruleset) before the first input, so it is not timed as one.
    public func prepare() {
        switch self {
        case .yaml: break
        case .expression, .case: _ = FuzzRuleset.bundled
        case .jsonl: _ = JSONLFuzzTarget.session
        case .compile: _ = FuzzRuleset.compact
        }
    }
}
