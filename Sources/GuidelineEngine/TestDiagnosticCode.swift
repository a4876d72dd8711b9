import GuidelineDiagnostics

/// The diagnostic codes of the guideline test harness: the test files `guideline test` reads.
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum TestDiagnosticCode: String, DiagnosticCode {
    /// A test file without a list under `tests`.
    case expectedList = "test.expected-list"
    /// A test, or its `expect`, that is not a mapping.
    case expectedMapping = "test.expected-mapping"
    /// A test without `expect`.
    case missingExpect = "test.missing-expect"
    /// A listed test file that cannot be read.
    case missingFile = "test.missing-file"
    /// A key a test, or its `expect`, does not have.
    case unknownKey = "test.unknown-key"
    /// An expected item that names nothing in the ruleset.
    case unknownName = "test.unknown-name"
    /// An expected score the ruleset does not have.
    case unknownScore = "test.unknown-score"
}
