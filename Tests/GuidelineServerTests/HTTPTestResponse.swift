import Foundation

/// An HTTP/1.1 response as received: status, headers (names lowercased), body (chunked encoding undone).
struct HTTPTestResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw SetupError(description: "not a JSON object: \(text)")
        }
        return object
    }
}
