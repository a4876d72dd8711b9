import GuidelineEngine

/// The answer to a service call: the status and the JSON body.
package struct CDSAnswer: Sendable {
    /// 200 with `{"cards": [...]}`, or 412 with an OperationOutcome.
    package var status: Int
    /// The body.
    package var body: JSONValue
    /// What the prefetch gave (which facts were obtained, from where): for the audit log, never for the client.
    package var facts: PrefetchFacts
    /// The result the cards were made from (200 only): for the audit trail.
    package var result: EvaluationResult?
}
