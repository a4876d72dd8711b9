import GuidelineDiagnostics

/// How recommendations for the same action that disagree in kind are resolved.
public enum ConflictPolicy: String, Sendable, CaseIterable {
    /// The most restrictive kind wins; the others are kept as suppressed.
    case mostRestrictive = "most-restrictive"
    /// Every recommendation is kept; nothing is suppressed.
    case keepAll = "keep-all"
}

/// One entry of a ruleset's bibliography.
public struct SourceDeclaration: Sendable, Hashable {
    /// The id rules cite it by.
    public var id: String
    /// The title.
    public var title: String
    /// Personal authors, in order.
    public var authors: [String]
    /// The organisation, when there are no personal authors (or in addition).
    public var organization: String?
    /// The publication year.
    public var year: Int?
    /// The publication or last-update date, as written (ISO 8601).
    public var date: String?
    /// The DOI, without the `https://doi.org/` prefix.
    public var doi: String?
    /// A URL.
    public var url: String?
    /// The journal reference (journal, year, volume, pages).
    public var published: String?
    /// A free note, for example on the kind of source.
    public var note: String?
    /// A secondary source (a summary of other sources, not primary literature): results list it after the
    /// primary ones.
    public var secondary = false
    /// Where it is declared.
    public var range: SourceRange

    /// The year, from `year` or the first four digits of `date`.
    public var effectiveYear: Int? { year ?? date.flatMap { Int($0.prefix(4)) } }
}

/// One action of the ruleset's vocabulary (`physical-therapy`, `mri-whole-spine`, ...).
public struct ActionDeclaration: Sendable, Hashable {
    /// The code recommendations use.
    public var id: String
    /// A human-readable title.
    public var title: String
    /// An optional longer description.
    public var description: String?
    /// A per-action conflict policy, overriding the ruleset's.
    public var conflicts: ConflictPolicy?
    /// Where it is declared.
    public var range: SourceRange
}

/// A path listed in the manifest, with where it was listed.
public struct ListedFile: Sendable, Hashable {
    /// The path relative to the ruleset directory.
    public var path: String
    /// Where it is listed in the manifest.
    public var range: SourceRange
}

/// The manifest of a ruleset (`ruleset.yaml`).
public struct Manifest: Sendable {
    /// The ruleset id.
    public var id: String
    /// The title.
    public var title: String
    /// The version, as written.
    public var version: String
    /// An optional description.
    public var description: String?
    /// The rule files.
    public var files: [ListedFile]
    /// The guideline test files.
    public var tests: [ListedFile]
    /// The default conflict policy.
    public var conflicts: ConflictPolicy
    /// The action vocabulary, in declaration order.
    public var actions: [ActionDeclaration]
    /// The bibliography, in declaration order.
    public var sources: [SourceDeclaration]
    /// The manifest's path.
    public var file: String
}
