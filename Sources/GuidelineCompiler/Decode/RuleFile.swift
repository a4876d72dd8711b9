import GuidelineDiagnostics

/// The declarations of one rule file, as decoded (not yet resolved or checked).
struct RuleFile: Sendable {
    var path: String
    var facts: [FactDeclaration] = []
    var scores: [ScoreDeclaration] = []
    var derived: [DerivedDeclaration] = []
    var tables: [TableDeclaration] = []
    var rules: [RuleDeclaration] = []
}
