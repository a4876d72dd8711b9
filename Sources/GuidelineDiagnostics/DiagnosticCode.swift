/// A phase's catalog of diagnostic codes: an enum whose raw values are the stable codes, such as `yaml.duplicate-key`.
///
/// Each phase declares its codes in one enum, its cases sorted by code, so that a mistyped code does not compile and
/// every code lives in exactly one place (diagnostics as data, one catalog per phase, as in swift-syntax's
/// SwiftDiagnostics). Every construction site passes a case of its phase's catalog; a test checks that each code of
/// each catalog is documented in the Diagnostics article and that each code documented there is in a catalog.
///
/// ```swift
/// bag.error(RulesDiagnosticCode.unknownKey, "unknown key \(quoted: key) in \(what)", at: range)
/// ```
package protocol DiagnosticCode: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension Diagnostic {
    /// Creates an error with a code of a phase's catalog.
    package static func error(
        _ code: some DiagnosticCode, _ message: String, at range: SourceRange?, help: [String] = [],
        notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code.rawValue, message, at: range, help: help, notes: notes)
    }

    /// Creates a warning with a code of a phase's catalog.
    package static func warning(
        _ code: some DiagnosticCode, _ message: String, at range: SourceRange?, help: [String] = [],
        notes: [DiagnosticNote] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code.rawValue, message, at: range, help: help, notes: notes)
    }
}

extension DiagnosticBag {
    /// Reports an error with a code of a phase's catalog.
    package mutating func error(
        _ code: some DiagnosticCode, _ message: String, at range: SourceRange?, help: [String] = [],
        notes: [DiagnosticNote] = []
    ) {
        append(.error(code, message, at: range, help: help, notes: notes))
    }

    /// Reports a warning with a code of a phase's catalog.
    package mutating func warning(
        _ code: some DiagnosticCode, _ message: String, at range: SourceRange?, help: [String] = [],
        notes: [DiagnosticNote] = []
    ) {
        append(.warning(code, message, at: range, help: help, notes: notes))
    }
}
