/// Collects diagnostics from a phase; the first error never ends the run.
package struct DiagnosticBag: Sendable {
    /// Everything collected so far, in the order reported.
    package private(set) var all: [Diagnostic] = []

    /// Creates an empty bag.
    package init() {}

    /// Adds one diagnostic.
    package mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Adds several diagnostics.
    package mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        all.append(contentsOf: diagnostics)
    }

    /// Reports an error.
    package mutating func error(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) {
        all.append(.error(code, message, at: range, help: help, notes: notes))
    }

    /// Reports a warning.
    package mutating func warning(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) {
        all.append(.warning(code, message, at: range, help: help, notes: notes))
    }

    /// True when at least one error was reported.
    package var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    package var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// All diagnostics sorted by location, duplicates removed.
    package var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.locationOrder)
    }
}
