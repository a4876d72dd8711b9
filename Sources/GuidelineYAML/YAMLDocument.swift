import GuidelineDiagnostics

/// The result of loading one file: the root node (if any) and what went wrong.
package struct YAMLDocument: Sendable {
    /// The file name used in every location.
    package var file: String
    /// The root node; `nil` for an empty file (no document, only comments, or a bare `---`) and when an
    /// error left no usable tree (syntax error, invalid UTF-8, a limit, an unknown anchor).
    ///
    /// Recoverable errors keep the tree: a duplicate key, a non-scalar key and a merge key drop their pair;
    /// a second document is not loaded.
    package var root: YAMLNode?
    /// Every problem found, in the order found.
    package var diagnostics: [Diagnostic]

    /// Creates a document.
    package init(file: String, root: YAMLNode?, diagnostics: [Diagnostic]) {
        self.file = file
        self.root = root
        self.diagnostics = diagnostics
    }

    /// True when at least one diagnostic is an error.
    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// True when the file holds no document at all and no error was found (the caller decides if that is bad).
    package var isEmpty: Bool { root == nil && !hasErrors }
}
