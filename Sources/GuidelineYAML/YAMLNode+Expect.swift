import GuidelineDiagnostics

/// Diagnostic-producing readers for decoders: each returns the value or reports why not, at the node.
///
/// Messages read "expected a mapping for 'facts', found a list"; `what` names the field, e.g. `'facts'` or
/// `the value of 'default'` (it is inserted as given, so quote user input yourself).
extension YAMLNode {
    /// The pairs of a mapping, or `nil` after reporting `yaml.expected-mapping`.
    package func expectMapping(_ what: String, into bag: inout DiagnosticBag) -> [YAMLPair]? {
        if let mapping { return mapping }
        bag.error(
            YAMLDiagnosticCode.expectedMapping, "expected a mapping for \(what), found \(foundDescription)", at: range)
        return nil
    }

    /// The items of a list, or `nil` after reporting `yaml.expected-list`.
    package func expectSequence(_ what: String, into bag: inout DiagnosticBag) -> [YAMLNode]? {
        if let sequence { return sequence }
        bag.error(YAMLDiagnosticCode.expectedList, "expected a list for \(what), found \(foundDescription)", at: range)
        return nil
    }

    /// The scalar, or `nil` after reporting `yaml.expected-scalar`.
    package func expectScalar(_ what: String, into bag: inout DiagnosticBag) -> YAMLScalar? {
        if let scalar { return scalar }
        bag.error(YAMLDiagnosticCode.expectedScalar, "expected a scalar for \(what), found \(kindName)", at: range)
        return nil
    }

    /// The text of a scalar (any style, any words), or `nil` after reporting `yaml.expected-scalar`.
    package func expectString(_ what: String, into bag: inout DiagnosticBag) -> String? {
        expectScalar(what, into: &bag)?.value
    }

    /// A strict boolean (`true`/`false`), or `nil` after reporting `yaml.expected-boolean`.
    package func expectBool(_ what: String, into bag: inout DiagnosticBag) -> Bool? {
        guard let scalar = expectScalar(what, into: &bag) else { return nil }
        if let value = asBool() { return value }
        var help = ["a boolean is written 'true' or 'false'"]
        if !scalar.isPlain, scalar.value == "true" || scalar.value == "false" {
            help = ["remove the quotes: a quoted \(quoted: scalar.value) is a string"]
        }
        bag.error(
            YAMLDiagnosticCode.expectedBoolean, "expected true or false for \(what), found \(foundDescription)",
            at: range, help: help)
        return nil
    }

    /// A strict integer, or `nil` after reporting `yaml.expected-integer`.
    package func expectInteger(_ what: String, into bag: inout DiagnosticBag) -> Int? {
        guard let scalar = expectScalar(what, into: &bag) else { return nil }
        if let value = asInteger() { return value }
        var help: [String] = []
        if scalar.isPlain, YAMLScalar.isStrictInteger(scalar.value.utf8) {
            help = ["the number is too large"]
        } else if scalar.isPlain, scalar.value.count > 1, scalar.value.hasPrefix("0") || scalar.value.hasPrefix("-0") {
            help = ["integers are written without leading zeros"]
        } else if !scalar.isPlain, YAMLScalar.isStrictInteger(scalar.value.utf8) {
            help = ["remove the quotes: a quoted \(quoted: scalar.value) is a string"]
        }
        bag.error(
            YAMLDiagnosticCode.expectedInteger, "expected an integer for \(what), found \(foundDescription)", at: range,
            help: help)
        return nil
    }

    /// "a list", "a mapping", or the scalar's text in quotes ("'yes'", "an empty value").
    package var foundDescription: String {
        guard let scalar else { return kindName }
        if scalar.value.isEmpty { return scalar.isPlain ? "an empty value" : "an empty string" }
        return scalar.isPlain ? UserText.quoted(scalar.value) : "the string \(quoted: scalar.value)"
    }
}
