/// FHIR OperationOutcome resources, as JSON, for answers that are not 200: a refused request (400) and a
/// service that could obtain no fact at all (412).
package enum OperationOutcome {
    /// One issue.
    package struct Issue: Sendable {
        /// `fatal`, `error`, `warning` or `information`.
        package var severity: String
        /// The FHIR issue type (`invalid`, `not-found`, `incomplete`, `exception`).
        package var code: String
        /// What happened, for a person.
        package var diagnostics: String
        /// FHIRPath-like locations (the prefetch key, the fact), if any.
        package var expression: [String]

        /// Creates an issue.
        package init(severity: String, code: String, diagnostics: String, expression: [String] = []) {
            self.severity = severity
            self.code = code
            self.diagnostics = diagnostics
            self.expression = expression
        }
    }

    /// An OperationOutcome with `issues` (at least one: FHIR requires an issue).
    package static func resource(_ issues: [Issue]) -> JSONValue {
        let list =
            issues.isEmpty
            ? [Issue(severity: "error", code: "unknown", diagnostics: "the request could not be answered")] : issues
        return .object([
            ("resourceType", .string("OperationOutcome")),
            (
                "issue",
                .array(
                    list.map { issue in
                        .object(omittingAbsent: [
                            ("severity", .string(issue.severity)), ("code", .string(issue.code)),
                            ("diagnostics", issue.diagnostics.isEmpty ? nil : .string(issue.diagnostics)),
                            (
                                "expression",
                                issue.expression.isEmpty ? nil : .array(issue.expression.map(JSONValue.string))
                            ),
                        ])
                    })
            ),
        ])
    }

    /// An OperationOutcome with one issue.
    package static func single(severity: String, code: String, diagnostics: String) -> JSONValue {
        resource([Issue(severity: severity, code: code, diagnostics: diagnostics)])
    }
}
