import GuidelineDiagnostics

/// The diagnostic codes of the YAML layer: reading a rule file, a manifest, a test file or a case as a YAML (or JSON)
/// document, before any field is read.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum YAMLDiagnosticCode: String, DiagnosticCode {
    /// More aliases in one file than `YAMLLimits.maxAliases`.
    case aliasLimit = "yaml.alias-limit"
    /// A list or a mapping used as a mapping key.
    case complexKey = "yaml.complex-key"
    /// A control character in the text.
    case controlCharacter = "yaml.control-character"
    /// Nesting deeper than `YAMLLimits.maxDepth`.
    case depthLimit = "yaml.depth-limit"
    /// A key that appears twice in one mapping.
    case duplicateKey = "yaml.duplicate-key"
    /// More quoted strings writing characters as surrogate pairs of escapes than the loader rewrites.
    case escapeLimit = "yaml.escape-limit"
    /// Not `true` or `false` where a library caller expects a boolean.
    case expectedBoolean = "yaml.expected-boolean"
    /// Not a whole number where a library caller expects an integer.
    case expectedInteger = "yaml.expected-integer"
    /// Not a list where a library caller expects one.
    case expectedList = "yaml.expected-list"
    /// Not a mapping where a library caller expects one.
    case expectedMapping = "yaml.expected-mapping"
    /// A list or a mapping where a library caller expects a scalar.
    case expectedScalar = "yaml.expected-scalar"
    /// An escape in a double-quoted string that is no character (half a surrogate pair, beyond U+10FFFF).
    case invalidEscape = "yaml.invalid-escape"
    /// Text that is not UTF-8 (UTF-16, Latin-1, binary).
    case invalidUTF8 = "yaml.invalid-utf8"
    /// A mapping key longer than `YAMLLimits.maxKeyLength`.
    case keyLimit = "yaml.key-limit"
    /// A merge key (`<<`).
    case mergeKey = "yaml.merge-key"
    /// A second document after `---`.
    case multipleDocuments = "yaml.multiple-documents"
    /// More nodes in one file than `YAMLLimits.maxNodes` (aliases count the nodes they repeat).
    case nodeLimit = "yaml.node-limit"
    /// A file larger than `YAMLLimits.maxInputBytes`.
    case sizeLimit = "yaml.size-limit"
    /// Text libyaml cannot read.
    case syntax = "yaml.syntax"
    /// A tab that indents a line.
    case tabIndentation = "yaml.tab-indentation"
    /// A YAML tag (`!!str`, `!local`) on a value.
    case tagNotAllowed = "yaml.tag-not-allowed"
    /// An alias with no anchor before it.
    case unknownAnchor = "yaml.unknown-anchor"
}
