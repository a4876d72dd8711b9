/// A quick reading of the common `guideline evaluate` command lines, so that the executable can start
/// evaluating without building its full command-line parser (swift-argument-parser describes every command
/// by reflection on first use, about 2 ms of a process that should answer in a few).
///
/// Only plain, valid forms are read: `evaluate` followed by `--rules DIR`, `--format text|json|markdown|jsonl`,
/// `--why-not RULE` (repeatable), `--explain all`, `--notes`, `--brief` and case paths (or `-`), in any order, each single-value
/// option at most once. Anything else (help, `--option=value`, an unknown or repeated option, a value that
/// looks like an option, `--`) gives nil, and the full parser handles and reports it as it always has.
public enum EvaluateArguments {
    /// The command for `arguments` (without the program name), or nil to leave them to the full parser.
    public static func parse(_ arguments: [String]) -> EvaluateCommand? {
        guard arguments.first == "evaluate" else { return nil }
        var rules: String?
        var format: EvaluateCommand.Format?
        var whyNot: [String] = []
        var explainAll = false
        var fullNotes = false
        var brief = false
        var cases: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("-"), argument != "-" else {
                cases.append(argument)
                index += 1
                continue
            }
            if argument == "--notes", !fullNotes {
                fullNotes = true
                index += 1
                continue
            }
            if argument == "--brief", !brief {
                brief = true
                index += 1
                continue
            }
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
            let value = arguments[index + 1]
            switch argument {
            case "--rules" where rules == nil: rules = value
            case "--format" where format == nil:
                guard let chosen = EvaluateCommand.Format(rawValue: value) else { return nil }
                format = chosen
            case "--why-not": whyNot.append(value)
            case "--explain" where !explainAll && value == "all": explainAll = true
            default: return nil
            }
            index += 2
        }
        // Text-only options with a JSON format are a usage error, which the full parser reports.
        if brief || fullNotes, format == .json || format == .jsonl { return nil }
        var command = EvaluateCommand(
            rules: rules, format: format ?? .text, cases: cases, whyNot: whyNot, explainAll: explainAll)
        command.fullNotes = fullNotes
        command.brief = brief
        return command
    }
}
