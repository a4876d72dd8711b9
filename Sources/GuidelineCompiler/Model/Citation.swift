import GuidelineDiagnostics

/// A reference from a rule, a recommendation or a score to a source, optionally to a section or quote.
public struct Citation: Sendable, Hashable {
    /// The cited source's id.
    public var source: String
    /// The section cited, as written.
    public var section: String?
    /// A short quotation from the source.
    public var quote: String?
    /// Where the citation is written.
    package var range: SourceRange
}
