import Foundation

/// A plain HTTP/1.1 client over a loopback socket, so tests control every byte and the timing of what they
/// send (a body sent in parts, a request held open). Each read waits at most `timeout` seconds.
struct HTTPTestClient {
    let port: Int
    var timeout: Double = 30

    /// One request on its own connection (`Connection: close`); the response read to the end.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil
    ) throws -> HTTPTestResponse {
        let connection = try HTTPTestConnection(port: port, timeout: timeout)
        var fields = headers
        if let body, fields["Content-Length"] == nil, fields["Transfer-Encoding"] == nil {
            fields["Content-Length"] = String(body.count)
        }
        try connection.send(head: "\(method) \(path)", headers: fields)
        if let body { try connection.send(body) }
        return try connection.readResponse()
    }

    /// A request with a text body.
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], text: String
    ) throws -> HTTPTestResponse {
        try request(method, path, headers: headers, body: Array(text.utf8))
    }
}
