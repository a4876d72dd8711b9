import GuidelineDiagnostics

/// The diagnostic codes of the compiler: the rule language in the manifest, fact declarations, rules, scores, tables
/// and citations, and the analyses (gaps, overlaps, cycles, unused declarations).
///
/// The cases are sorted by code; `rawValue` is the stable code.
package enum RulesDiagnosticCode: String, DiagnosticCode {
    /// A table cell that is not a value, a list of values, a range or a comparison.
    case badCell = "rules.bad-cell"
    /// A score component that reads a fact neither enum nor boolean.
    case badComponentFact = "rules.bad-component-fact"
    /// A source date not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case badDate = "rules.bad-date"
    /// An enum value that is not a word.
    case badEnumValue = "rules.bad-enum-value"
    /// An id (of the ruleset, a rule, an action, a source, a band) that is not lowercase words joined by `-`.
    case badId = "rules.bad-id"
    /// A mapping key that is not a word.
    case badKey = "rules.bad-key"
    /// A fact's `label:` or `group:` that is empty, runs over one line, or a label over 40 characters.
    case badLabel = "rules.bad-label"
    /// A name (fact, score, table, derived value) not of lowercase dotted words.
    case badName = "rules.bad-name"
    /// A range not written `low..high`, or with bounds that do not fit.
    case badRange = "rules.bad-range"
    /// An unknown fact type.
    case badType = "rules.bad-type"
    /// A word not in the closed set a key allows.
    case badValue = "rules.bad-value"
    /// Totals of a score that no band covers.
    case bandGap = "rules.band-gap"
    /// A band that reaches outside the declared range of its score.
    case bandOutside = "rules.band-outside"
    /// Totals of a score that two bands cover.
    case bandOverlap = "rules.band-overlap"
    /// Derived values or tables that depend on themselves.
    case cycle = "rules.cycle"
    /// An enum value listed twice.
    case duplicateEnumValue = "rules.duplicate-enum-value"
    /// A rule file listed twice in the manifest.
    case duplicateFile = "rules.duplicate-file"
    /// An id (of a rule, an action, a source) used twice.
    case duplicateId = "rules.duplicate-id"
    /// A name declared twice, across all files.
    case duplicateName = "rules.duplicate-name"
    /// An enum fact with no values.
    case emptyEnum = "rules.empty-enum"
    /// An empty rule file.
    case emptyFile = "rules.empty-file"
    /// A rule that recommends nothing.
    case emptyRecommend = "rules.empty-recommend"
    /// Not `true` or `false` where a boolean is expected.
    case expectedBoolean = "rules.expected-boolean"
    /// Not a whole number where one is expected.
    case expectedInteger = "rules.expected-integer"
    /// Not a list where a list is expected.
    case expectedList = "rules.expected-list"
    /// Not a mapping where a mapping is expected.
    case expectedMapping = "rules.expected-mapping"
    /// A list or a mapping where text is expected.
    case expectedText = "rules.expected-text"
    /// A FHIR binding whose code system is not an absolute URI.
    case fhirBadSystem = "rules.fhir-bad-system"
    /// A FHIR binding without its code (Observation, Condition) or its `linkId` (QuestionnaireResponse).
    case fhirMissingCode = "rules.fhir-missing-code"
    /// A FHIR binding whose value cannot give the fact's type (a Condition for a fact that is not boolean).
    case fhirTypeMismatch = "rules.fhir-type-mismatch"
    /// A FHIR binding to a resource type other than Observation, Condition and QuestionnaireResponse.
    case fhirUnknownResource = "rules.fhir-unknown-resource"
    /// A number too large for a score or an integer field.
    case invalidNumber = "rules.invalid-number"
    /// A key that does not apply to the fact's type.
    case keyNotApplicable = "rules.key-not-applicable"
    /// A listed rule or test file that does not exist.
    case missingFile = "rules.missing-file"
    /// A required key that is missing.
    case missingKey = "rules.missing-key"
    /// A table row that gives no value for an output.
    case missingOutput = "rules.missing-output"
    /// A ruleset directory without a manifest.
    case noManifest = "rules.no-manifest"
    /// Values of a component's fact that no option scores.
    case optionGap = "rules.option-gap"
    /// A value of a component's fact that two options score.
    case optionOverlap = "rules.option-overlap"
    /// A table output whose rows give values of different types.
    case outputType = "rules.output-type"
    /// A score whose lowest or highest possible total does not fit a number of the engine.
    case scoreOverflow = "rules.score-overflow"
    /// Totals of a score outside its declared range.
    case scoreRange = "rules.score-range"
    /// A warning: totals of a score narrower than its declared range.
    case scoreRangeSlack = "rules.score-range-slack"
    /// A card summary (a recommendation's `summary:`, or its kind and action title) of 140 characters or more.
    case summaryTooLong = "rules.summary-too-long"
    /// Inputs that no row of a `complete` table matches.
    case tableGap = "rules.table-gap"
    /// A warning: a table too large, or with inputs of no finite set of values, to check.
    case tableNotAnalysed = "rules.table-not-analysed"
    /// Inputs that two rows of a `unique` table match.
    case tableOverlap = "rules.table-overlap"
    /// A recommendation that cites no source.
    case uncited = "rules.uncited"
    /// A warning: a source with no year or date.
    case undatedSource = "rules.undated-source"
    /// A score component that reads a fact not declared.
    case undeclaredFact = "rules.undeclared-fact"
    /// A table input that names nothing declared.
    case undeclaredName = "rules.undeclared-name"
    /// A recommendation of an action the manifest does not declare.
    case unknownAction = "rules.unknown-action"
    /// A score option that names a value its enum fact does not have.
    case unknownEnumValue = "rules.unknown-enum-value"
    /// A row key that is not an input of its table.
    case unknownInput = "rules.unknown-input"
    /// A key the section does not have.
    case unknownKey = "rules.unknown-key"
    /// A row key that is not an output of its table.
    case unknownOutput = "rules.unknown-output"
    /// A citation of a source the manifest does not declare.
    case unknownSource = "rules.unknown-source"
    /// A unit not in the table of units.
    case unknownUnit = "rules.unknown-unit"
    /// A range over the values of an enum that is not ordered.
    case unorderedRange = "rules.unordered-range"
    /// A rule file or directory that cannot be read.
    case unreadableFile = "rules.unreadable-file"
    /// A warning: a fact that nothing uses.
    case unusedFact = "rules.unused-fact"
    /// A warning: a source that nothing cites.
    case unusedSource = "rules.unused-source"
}
