/// Collects diagnostics from a phase; the first error never ends the run.
public struct DiagnosticBag: Sendable {
    /// Everything collected so far, in the order reported.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty bag.
    public init() {}

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }

    /// Adds several diagnostics.
    public mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) { all.append(contentsOf: diagnostics) }

    /// Reports an error.
    public mutating func error(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) {
        all.append(.error(code, message, at: range, help: help, notes: notes))
    }

    /// Reports a warning.
    public mutating func warning(
        _ code: String, _ message: String, at range: SourceRange?, help: [String] = [], notes: [DiagnosticNote] = []
    ) {
        all.append(.warning(code, message, at: range, help: help, notes: notes))
    }

    /// True when at least one error was reported.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }

    /// All diagnostics sorted by location, duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.locationOrder)
    }
}
