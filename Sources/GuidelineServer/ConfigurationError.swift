import GuidelineDiagnostics

/// A configuration file that cannot be used: the message for standard error and the diagnostics.
package struct ConfigurationError: Error, Sendable {
    /// The rendered diagnostics, for standard error.
    package var message: String
    /// The diagnostics (empty when the file could not be read).
    package var diagnostics: [Diagnostic] = []
}
