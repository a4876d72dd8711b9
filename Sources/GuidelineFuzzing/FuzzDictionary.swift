import GuidelineExpression

/// libFuzzer dictionaries (`-dict=`): the tokens a target's input language is made of, so mutations insert
/// whole keywords, operators, units and the fuzz ruleset's names.
public enum FuzzDictionary {
    /// The expression language's keywords, operators and functions.
    static let expressionTokens =
        [
            "and", "or", "not", "in", "true", "false", "==", "!=", "<=", ">=", "<", ">", "..", "+", "-", "*", "/", "(",
            ")",
            "[", "]", ",", "{", "}", "{{", "}}",
        ] + TypeChecker.functions.map { "\($0)(" }

    /// YAML syntax that seeds rarely contain.
    static let yamlTokens = [
        "---", "...", "&a ", "*a", "<<: ", "!!str ", "!!int ", "? ", "- ", ": ", "{", "}", "[", "]", "|-", ">+", "|2",
        "\"\\u00e9\"", "'it''s'", "%YAML 1.2", "%TAG ! tag:", "\t", "\u{FEFF}", "\r\n", "#",
    ]

    /// The dictionary entries of `target` (empty when the seeds suffice).
    public static func entries(for target: FuzzTarget) -> [String] {
        switch target {
        case .yaml:
            return yamlTokens
        case .expression, .case, .jsonl:
            let ruleset = FuzzRuleset.bundled.ruleset
            var entries = Unit.all.map(\.symbol)
            entries += target == .expression ? expressionTokens + ruleset.symbols.names : ruleset.facts.map(\.name)
            for slot in ruleset.slots {
                if case .enumeration(let enumType) = slot.type { entries += enumType.values }
            }
            if target == .case { entries += ["case:", "facts:", "{\"facts\":{", "null", "true", "false", "~"] }
            if target == .jsonl {
                entries += ["{\"case\":\"", "\"facts\":{", "null", "true", "false", "\"\"", "\r\n", "\n", "\t"]
            }
            var seen = Set<String>()
            return entries.filter { seen.insert($0).inserted }
        case .compile:
            return []
        }
    }

    /// The dictionary of `target` in libFuzzer's format: one quoted entry per line.
    public static func text(for target: FuzzTarget) -> String {
        entries(for: target).map { entry in
            var quoted = "\""
            for byte in entry.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): quoted += "\\" + String(UnicodeScalar(byte))
                case 0x20..<0x7F: quoted += String(UnicodeScalar(byte))
                default: quoted += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            }
            return quoted + "\"\n"
        }.joined()
    }
}
