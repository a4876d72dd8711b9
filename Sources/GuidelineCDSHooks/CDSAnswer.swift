/// The answer to a service call: the status and the JSON body.
public struct CDSAnswer: Sendable {
    /// 200 with `{"cards": [...]}`, or 412 with an OperationOutcome.
    public var status: Int
    /// The body.
    public var body: JSONValue
    /// What the prefetch gave (which facts were obtained, from where): for the audit log, never for the client.
    public var facts: PrefetchFacts
}
