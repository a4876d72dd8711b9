/// A service call that cannot be answered with cards.
package enum CDSCallError: Error, Sendable {
    /// No service has the id: 404.
    case unknownService(String)
    /// The body is not a valid request: 400.
    case badRequest(CDSRequestError)

    /// The HTTP status.
    package var status: Int {
        switch self {
        case .unknownService: 404
        case .badRequest: 400
        }
    }

    /// An OperationOutcome saying what is wrong.
    package var body: JSONValue {
        switch self {
        case .unknownService(let id):
            OperationOutcome.single(severity: "error", code: "not-found", diagnostics: "no CDS service \"\(id)\"")
        case .badRequest(let error): error.operationOutcome
        }
    }
}
