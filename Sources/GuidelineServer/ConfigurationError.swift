import GuidelineDiagnostics

/// A configuration file that cannot be used: the message for standard error and the diagnostics.
public struct ConfigurationError: Error, Sendable {
    /// The rendered diagnostics, for standard error.
    public var message: String
    /// The diagnostics (empty when the file could not be read).
    public var diagnostics: [Diagnostic] = []
}
