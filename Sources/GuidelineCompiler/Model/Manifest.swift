import GuidelineDiagnostics

/// How recommendations for the same action that disagree in kind are resolved.
package enum ConflictPolicy: String, Sendable, CaseIterable {
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
    package var published: String?
    /// A free note, for example on the kind of source.
    package var note: String?
    /// A secondary source (a summary of other sources, not primary literature): results list it after the
    /// primary ones.
    public var secondary = false
    /// Where it is declared.
    package var range: SourceRange

    /// The year, from `year` or the first four digits of `date`.
    public var effectiveYear: Int? { year ?? date.flatMap { Int($0.prefix(4)) } }
}

/// One action of the ruleset's vocabulary (`physical-therapy`, `mri-whole-spine`, ...).
package struct ActionDeclaration: Sendable, Hashable {
    /// The code recommendations use.
    package var id: String
    /// A human-readable title.
    package var title: String
    /// An optional longer description.
    package var description: String?
    /// A per-action conflict policy, overriding the ruleset's.
    package var conflicts: ConflictPolicy?
    /// Where it is declared.
    package var range: SourceRange
}

/// A path listed in the manifest, with where it was listed.
package struct ListedFile: Sendable, Hashable {
    /// The path relative to the ruleset directory.
    package var path: String
    /// Where it is listed in the manifest.
    package var range: SourceRange
}

/// The manifest of a ruleset (`ruleset.yaml`).
package struct Manifest: Sendable {
    /// The ruleset id.
    package var id: String
    /// The title.
    package var title: String
    /// The version, as written.
    package var version: String
    /// An optional description.
    package var description: String?
    /// The rule files.
    package var files: [ListedFile]
    /// The guideline test files.
    package var tests: [ListedFile]
    /// The default conflict policy.
    package var conflicts: ConflictPolicy
    /// The action vocabulary, in declaration order.
    package var actions: [ActionDeclaration]
    /// The bibliography, in declaration order.
    package var sources: [SourceDeclaration]
    /// The manifest's path.
    package var file: String
}
