import GuidelineExpression

/// A validated case: a value (or unknown) for every fact slot of a ruleset.
package struct CaseInput: Sendable {
    /// The case id, if given.
    package var id: String?
    /// One value per fact, in slot order; `.unknown` where the case gives none.
    package var facts: [Value]
    /// Where the case came from (file, or `<stdin>:LINE` for batch lines), for messages.
    package var origin: String

    /// Creates a case.
    package init(id: String?, facts: [Value], origin: String) {
        self.id = id
        self.facts = facts
        self.origin = origin
    }
}
