/// Why a CDS Hooks request is refused: the server answers 400 with ``operationOutcome``.
package enum CDSRequestError: Error, Sendable, Equatable {
    /// The body is not JSON.
    case malformedJSON(String, offset: Int)
    /// The body is JSON but not a valid request for this service.
    case invalid(String)

    /// What is wrong, for the client.
    package var message: String {
        switch self {
        case .malformedJSON(let message, let offset): "the request is not valid JSON: \(message) at byte \(offset)"
        case .invalid(let message): message
        }
    }

    /// An OperationOutcome describing the error (CDS Hooks 3.0 recommends one on every non-2xx answer).
    package var operationOutcome: JSONValue {
        OperationOutcome.single(severity: "error", code: "invalid", diagnostics: message)
    }
}
