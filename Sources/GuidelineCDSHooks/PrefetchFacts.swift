import GuidelineDiagnostics
import GuidelineEngine

/// The facts a service obtained from a request's prefetch (and from what it fetched itself): the case to
/// evaluate, which facts were obtained and from where, which were not and why, and the templates the client did
/// not satisfy.
package struct PrefetchFacts: Sendable {
    /// A fact read from FHIR data.
    package struct Obtained: Sendable {
        /// The fact.
        package var fact: String
        /// The resource it came from (`Observation/p1`, `QuestionnaireResponse/q1 item spine.pain`).
        package var source: String
    }

    /// A bound fact that stays unknown.
    package struct Missing: Sendable {
        /// Why a fact could not be obtained.
        package enum Reason: Sendable, Equatable {
            /// The client did not send the template (the service may fetch it from `fhirServer`).
            case notSent
            /// The client sent an OperationOutcome: the fetch failed.
            case fetchFailed
            /// The client sent `null`, or nothing in the resources gives the fact.
            case noData(String)
            /// A value was found but is not valid for the fact (its type, unit, range or values).
            case rejected([Diagnostic])
        }

        /// The fact.
        package var fact: String
        /// The prefetch key it is read from.
        package var key: String
        /// Why it is unknown.
        package var reason: Reason
    }

    /// The case, every fact not obtained unknown (never false).
    ///
    /// It went through ``CaseDecoder`` as a JSON case.
    package var input: CaseInput
    /// The facts obtained, in declaration order.
    package var obtained: [Obtained]
    /// The bound facts not obtained, in declaration order.
    package var missing: [Missing]
    /// The facts that have no FHIR binding (always unknown here).
    package var unbound: [String]
    /// The templates the client did not satisfy: the service fetches these from `fhirServer` (with
    /// `fhirAuthorization`) and maps again with the results added.
    package var unsatisfied: [PrefetchTemplate]

    /// True when no fact at all could be obtained: the service answers 412 with ``operationOutcome``.
    package var nothingObtained: Bool { obtained.isEmpty }

    /// An OperationOutcome listing every fact that could not be obtained and why, for the 412 answer.
    package var operationOutcome: JSONValue {
        var issues = [
            OperationOutcome.Issue(
                severity: "error", code: "not-found",
                diagnostics: "no fact of the ruleset could be obtained from the prefetch or the FHIR server")
        ]
        for missing in self.missing {
            let (code, why): (String, String) =
                switch missing.reason {
                case .notSent: ("incomplete", "prefetch '\(missing.key)' was not sent and could not be fetched")
                case .fetchFailed:
                    ("exception", "the client's fetch of prefetch '\(missing.key)' failed (OperationOutcome)")
                case .noData(let detail): ("not-found", detail)
                case .rejected(let diagnostics): ("invalid", diagnostics.map(\.message).joined(separator: "; "))
                }
            issues.append(
                OperationOutcome.Issue(
                    severity: "warning", code: code, diagnostics: "\(missing.fact): \(why)",
                    expression: ["prefetch.\(missing.key)"]))
        }
        if !unbound.isEmpty {
            issues.append(
                OperationOutcome.Issue(
                    severity: "information", code: "not-supported",
                    diagnostics:
                        "facts with no FHIR binding, never read from FHIR data: \(unbound.joined(separator: ", "))"))
        }
        return OperationOutcome.resource(issues)
    }
}
