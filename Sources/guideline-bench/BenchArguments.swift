import Foundation

/// The command line of `guideline-bench`, read strictly: every argument must be a known option (with a value
/// where it takes one, a number where it is a count), so that a typo or `--help` never starts a benchmark
/// that runs for minutes.
struct BenchArguments {
    /// Options that take a value, and whether the value is a positive count.
    static let valued: [(name: String, count: Bool)] = [
        ("--rules", false), ("--cases", true), ("--seed", true), ("--loads", true), ("--profile-record", true),
        ("--scale", false), ("--out", false), ("--generate", true), ("--profile-json", true), ("--audit", true),
        ("--audit-batch", true), ("--audit-store", false),
    ]
    /// Options without a value.
    static let flags = ["--load-only", "--untraced", "--json-only"]

    static let usage = """
        usage: guideline-bench [--rules DIR] [--cases N] [--seed S] [--loads N]
               guideline-bench --load-only [--loads N]              loading only (for profiling)
               guideline-bench --profile-record R [--untraced]      only recording, R rounds (profiling)
               guideline-bench --json-only [--cases N]              one case to its full JSON result, per step
               guideline-bench --profile-json R [--cases N]         only case to full JSON, R rounds (profiling)
               guideline-bench --scale 1,10,100 [--cases N]         synthetic rulesets, a Markdown table
               guideline-bench --scale 10 --out DIR                 ... and keep the ruleset in DIR
               guideline-bench --generate N [--seed S] > cases.jsonl
               guideline-bench --audit N [--audit-batch B] [--audit-store FILE]   audit trail: append, verify, replay

        Measures loading, single evaluation (with explanations) and JSONL batch throughput on a ruleset
        (default: Rules/spine-metastases), and how they grow on synthetic rulesets. Build with -c release.
        Exit codes: 0 done, 1 a ruleset does not compile, 64 usage error.

        """

    /// The values given, by option name.
    private(set) var values: [String: String] = [:]
    /// The flags given.
    private(set) var present: Set<String> = []
    /// Whether help was asked for.
    private(set) var help = false

    /// Reads `arguments` (without the program name); throws a message for the first argument that is not
    /// understood.
    init(_ arguments: [String]) throws(BenchArgumentError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" {
                help = true
            } else if Self.flags.contains(argument) {
                present.insert(argument)
            } else if let option = Self.valued.first(where: { $0.name == argument }) {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw BenchArgumentError(message: "\(argument) needs a value")
                }
                let value = arguments[index]
                index += 1
                if option.count, UInt64(value) == nil {
                    throw BenchArgumentError(message: "\(argument) takes a whole number, not '\(value)'")
                }
                guard values[argument] == nil else { throw BenchArgumentError(message: "\(argument) is given twice") }
                values[argument] = value
            } else {
                throw BenchArgumentError(message: "unknown argument '\(argument)' (see --help)")
            }
        }
    }

    /// The value of option `name`, if given.
    func value(_ name: String) -> String? { values[name] }

    /// Whether flag `name` was given.
    func has(_ name: String) -> Bool { present.contains(name) }
}

/// A command line `guideline-bench` does not understand.
struct BenchArgumentError: Error {
    /// What is wrong, for standard error.
    let message: String
}
