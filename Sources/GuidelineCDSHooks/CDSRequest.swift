/// A CDS Hooks service call (`POST {baseUrl}/cds-services/{id}`), read and checked.
package struct CDSRequest: Sendable {
    /// The OAuth 2.0 bearer token a client passes for the service's own FHIR queries.
    ///
    /// Never log or store it.
    package struct FHIRAuthorization: Sendable {
        /// The access token.
        package var accessToken: String
        /// `Bearer`.
        package var tokenType: String
        /// Seconds the token is valid for.
        package var expiresIn: Int
        /// The scopes granted.
        package var scope: String
        /// The OAuth 2.0 client id of the service.
        package var subject: String
        /// The patient in context, when the scopes are patient scopes.
        package var patient: String?
    }

    /// The hook.
    package var hook: CDSHook
    /// The hook call's id (a UUID).
    package var hookInstance: String
    /// The client's FHIR server base URL, if given.
    package var fhirServer: String?
    /// The bearer token for `fhirServer`, if given.
    package var fhirAuthorization: FHIRAuthorization?
    /// The context object.
    package var context: JSONValue
    /// The context's string fields (`patientId`, `userId`, `encounterId`), for prefetch tokens.
    package var contextFields: [String: String]
    /// The prefetch: key -> resource (a Bundle, a single resource, an OperationOutcome) or `null` (no data).
    ///
    /// A key the client chose not to satisfy is absent.
    package var prefetch: [String: JSONValue]

    /// The patient id of the context.
    package var patientID: String { contextFields["patientId"] ?? "" }

    /// Reads a request body for a service on `expectedHook`; throws ``CDSRequestError`` for an invalid request.
    package static func parse(_ bytes: [UInt8], expectedHook: CDSHook? = nil) throws(CDSRequestError) -> CDSRequest {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw .malformedJSON(error.message, offset: error.offset) }
        guard root.members != nil else { throw .invalid("the request must be a JSON object") }
        guard let hookName = root["hook"]?.string else { throw .invalid("'hook' is required and must be a string") }
        guard let hook = CDSHook(rawValue: hookName) else {
            throw .invalid(
                "unknown hook \"\(hookName)\"; this service answers \(CDSHook.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let expectedHook, hook != expectedHook {
            throw .invalid("this service is for the hook \"\(expectedHook.rawValue)\", not \"\(hookName)\"")
        }
        guard let instance = root["hookInstance"]?.string, !instance.isEmpty else {
            throw .invalid("'hookInstance' is required and must be a non-empty string")
        }
        guard let context = root["context"], let contextMembers = context.members else {
            throw .invalid("'context' is required and must be an object")
        }
        var fields: [String: String] = [:]
        for member in contextMembers { if let text = member.value.string { fields[member.key] = text } }
        for key in ["userId", "patientId"] + hook.requiredContext
        where context[key] == nil || context[key]?.isNull == true {
            throw .invalid("'context.\(key)' is required for the hook \"\(hookName)\"")
        }
        for key in ["userId", "patientId", "encounterId"] where context[key] != nil && fields[key]?.isEmpty != false {
            throw .invalid("'context.\(key)' must be a non-empty string")
        }
        var request = CDSRequest(
            hook: hook, hookInstance: instance, context: context, contextFields: fields, prefetch: [:])
        if let server = root["fhirServer"] {
            guard let url = server.string, url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw .invalid("'fhirServer' must be an http(s) URL")
            }
            request.fhirServer = url
        }
        if let authorization = root["fhirAuthorization"] {
            guard request.fhirServer != nil else {
                throw .invalid("'fhirServer' is required when 'fhirAuthorization' is given")
            }
            request.fhirAuthorization = try Self.authorization(authorization)
        }
        if let prefetch = root["prefetch"] {
            guard let entries = prefetch.members else { throw .invalid("'prefetch' must be an object") }
            for entry in entries {
                guard entry.value.isNull || entry.value.members != nil else {
                    throw .invalid("prefetch '\(entry.key)' must be a FHIR resource or null")
                }
                request.prefetch[entry.key] = entry.value
            }
        }
        return request
    }

    private static func authorization(_ value: JSONValue) throws(CDSRequestError) -> FHIRAuthorization {
        func text(_ key: String) throws(CDSRequestError) -> String {
            guard let text = value[key]?.string, !text.isEmpty else {
                throw .invalid("'fhirAuthorization.\(key)' is required and must be a string")
            }
            return text
        }
        guard value.members != nil else { throw .invalid("'fhirAuthorization' must be an object") }
        let type = try text("token_type")
        guard type == "Bearer" else { throw .invalid("'fhirAuthorization.token_type' must be \"Bearer\"") }
        guard case .number(let seconds)? = value["expires_in"], let expires = Int(seconds), expires >= 0 else {
            throw .invalid("'fhirAuthorization.expires_in' is required and must be a whole number of seconds")
        }
        return FHIRAuthorization(
            accessToken: try text("access_token"), tokenType: type, expiresIn: expires, scope: try text("scope"),
            subject: try text("subject"),
            patient: value["patient"]?.string)
    }
}
