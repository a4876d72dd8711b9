import GuidelineDiagnostics
import HTTPTypes
import Hummingbird

/// The server's JSON responses: a document with its content type, and errors as `{"error": MESSAGE}` (with
/// `diagnostics` for an invalid case).
package enum JSONResponse {
    /// A JSON document.
    package static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A JSON document given as UTF-8 bytes (sent as they are, not made into a string first).
    package static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The header that names the decision record of an audited answer (`Guideline-Decision-Id`), so that a client
    /// can cite it and an auditor find it (`guideline audit show STORE ID`).
    package static let decisionHeader: HTTPField.Name = {
        guard let name = HTTPField.Name("Guideline-Decision-Id") else { preconditionFailure("not a header name") }
        return name
    }()

    /// An error: `{"error": message}`, and `diagnostics` (already encoded JSON objects) when given.
    package static func make(
        _ status: HTTPResponse.Status, _ message: String, diagnostics: [String]? = nil, headers: HTTPFields = [:]
    ) -> Response {
        var text = "{\"error\":\(DiagnosticJSON.quote(message))"
        if let diagnostics { text += ",\"diagnostics\":[" + diagnostics.joined(separator: ",") + "]" }
        return json(text + "}\n", status: status, headers: headers)
    }

    /// The JSON error for an error thrown below a middleware (no route, a body over a limit).
    package static func make(for error: any Error) -> Response {
        guard let error = error as? any HTTPResponseError else { return make(.internalServerError, "internal error") }
        switch error.status {
        case .notFound: return make(.notFound, "no such endpoint")
        case .methodNotAllowed: return make(.methodNotAllowed, "the method is not allowed here")
        case .contentTooLarge: return make(.contentTooLarge, "the body is too large")
        default: return make(error.status, error.status.reasonPhrase.lowercased())
        }
    }
}
