import GuidelineDiagnostics
import GuidelineYAML

/// Reads one YAML mapping of the rule language: checks its keys against the allowed set (with a
/// "did you mean" for typos), reports missing required keys, and reads typed values strictly.
struct MappingReader {
    /// The mapping node.
    let node: YAMLNode
    /// What the mapping is, for messages (`fact 'spine.level'`).
    let what: String
    /// The allowed keys present, with their values, in file order (at most one per key: duplicate keys
    /// are dropped when the file is read).
    ///
    /// A handful at most, so a list beats hashing every key.
    private var values: [(key: String, node: YAMLNode)] = []

    /// Reads `node` as a mapping; reports an error and returns nil when it is something else.
    init?(_ node: YAMLNode, what: String, allowed: [String], required: [String] = [], bag: inout DiagnosticBag) {
        self.node = node
        self.what = what
        guard let pairs = node.mapping else {
            bag.error(
                RulesDiagnosticCode.expectedMapping, "expected a mapping for \(what), found \(node.kindName)",
                at: node.range)
            return nil
        }
        values.reserveCapacity(min(pairs.count, allowed.count))
        // Required keys an unknown key is a typo of: the typo's error says "did you mean" and stands for both.
        var misspelled: [String] = []
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                bag.error(RulesDiagnosticCode.badKey, "keys of \(what) must be words", at: pair.key.range)
                continue
            }
            if allowed.contains(key) {
                if let index = values.firstIndex(where: { $0.key == key }) {
                    values[index].node = pair.value
                } else {
                    values.append((key, pair.value))
                }
            } else {
                let suggestion = Suggestions.closest(to: key, in: allowed)
                if let suggestion { misspelled.append(suggestion) }
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.unknownKey, "unknown key \(quoted: key) in \(what)", at: pair.key.range
                    )
                    .suggesting(suggestion)
                    .addingHelp("allowed keys: \(allowed.joined(separator: ", "))"))
            }
        }
        for key in required where self[key] == nil && !misspelled.contains(key) {
            bag.error(RulesDiagnosticCode.missingKey, "\(what) needs \(quoted: key)", at: node.range)
        }
    }

    /// The value under `key`, if present.
    subscript(key: String) -> YAMLNode? {
        for entry in values where entry.key == key { return entry.node }
        return nil
    }

    /// A scalar's text under `key` (any scalar is text: `no`, `08` stay as written).
    func string(_ key: String, bag: inout DiagnosticBag) -> String? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar else {
            bag.error(
                RulesDiagnosticCode.expectedText, "\(quoted: key) of \(what) must be text, found \(value.kindName)",
                at: value.range)
            return nil
        }
        return scalar.value
    }

    /// The scalar node under `key`, reporting non-scalars.
    func scalar(_ key: String, bag: inout DiagnosticBag) -> YAMLScalar? {
        guard let value = self[key] else { return nil }
        guard let scalar = value.scalar else {
            bag.error(
                RulesDiagnosticCode.expectedText,
                "\(quoted: key) of \(what) must be a single value, found \(value.kindName)", at: value.range)
            return nil
        }
        return scalar
    }

    /// A boolean under `key`: plain `true` or `false` only.
    func bool(_ key: String, bag: inout DiagnosticBag) -> Bool? {
        guard let value = self[key] else { return nil }
        if let bool = value.scalar?.asBool() { return bool }
        bag.error(
            RulesDiagnosticCode.expectedBoolean,
            "\(quoted: key) of \(what) must be true or false, found \(Self.describe(value))",
            at: value.range)
        return nil
    }

    /// An integer under `key`: plain decimal digits only.
    func integer(_ key: String, bag: inout DiagnosticBag) -> Int? {
        guard let value = self[key] else { return nil }
        if let int = value.scalar?.asInteger() { return int }
        if value.scalar?.isIntegerText == true {
            bag.error(
                RulesDiagnosticCode.invalidNumber,
                "\(quoted: key) of \(what) is too large: the limit is \(Int.max), found \(Self.describe(value))",
                at: value.range)
            return nil
        }
        bag.error(
            RulesDiagnosticCode.expectedInteger,
            "\(quoted: key) of \(what) must be a whole number, found \(Self.describe(value))",
            at: value.range)
        return nil
    }

    /// One of a closed set of words under `key`.
    func word<T: RawRepresentable & CaseIterable>(_ key: String, as: T.Type, bag: inout DiagnosticBag) -> T?
    where T.RawValue == String {
        guard let value = self[key], let text = string(key, bag: &bag) else { return nil }
        if let result = T(rawValue: text) { return result }
        let choices = T.allCases.map(\.rawValue)
        bag.append(
            Diagnostic.error(
                RulesDiagnosticCode.badValue, "\(quoted: text) is not a valid \(quoted: key) of \(what)",
                at: value.range,
                help: ["expected one of: \(choices.joined(separator: ", "))"]
            ).suggesting(Suggestions.closest(to: text, in: choices)))
        return nil
    }

    /// A list of text values under `key` (a single scalar is an error, as in the schema).
    func strings(_ key: String, bag: inout DiagnosticBag) -> [(String, SourceRange)]? {
        guard let value = self[key] else { return nil }
        if let scalar = value.scalar {
            bag.error(
                RulesDiagnosticCode.expectedList,
                "\(quoted: key) of \(what) must be a list, found \(quoted: scalar.value)", at: value.range,
                help: ["write a list: [\(scalar.value)]"])
            return nil
        }
        guard let items = value.sequence else {
            bag.error(
                RulesDiagnosticCode.expectedList, "\(quoted: key) of \(what) must be a list, found \(value.kindName)",
                at: value.range)
            return nil
        }
        var result: [(String, SourceRange)] = []
        for item in items {
            if let scalar = item.scalar {
                result.append((scalar.value, item.range))
            } else {
                bag.error(
                    RulesDiagnosticCode.expectedText,
                    "items of \(quoted: key) in \(what) must be text, found \(item.kindName)", at: item.range)
            }
        }
        return result
    }

    /// A short description of a node for messages: the quoted text of a scalar, otherwise its kind.
    static func describe(_ node: YAMLNode) -> String {
        if let scalar = node.scalar { return "\(quoted: scalar.value)" }
        return node.kindName
    }
}

extension Diagnostic {
    /// Adds one help line.
    func addingHelp(_ line: String) -> Diagnostic {
        var copy = self
        copy.help.append(line)
        return copy
    }
}
