import HTTPTypes
import Hummingbird

/// The page's responses: HTML with the security headers, redirects, static files.
enum WebResponse {
    /// The Content-Security-Policy of every page: scripts, styles and requests from this server only, no inline script
    /// or style, no frames, forms posted here only.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The name of the session cookie.
    static let cookieName = "guideline_session"

    /// `X-CSRF-Token`, the header the page's script sends its token in.
    static let csrfHeader = field("X-CSRF-Token")

    /// A header name known to be valid.
    private static func field(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("not a header name: \(name)") }
        return field
    }

    /// The headers every page answer carries.
    static func securityHeaders(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[field("Referrer-Policy")] = "no-referrer"
        headers[field("X-Frame-Options")] = "DENY"
    }

    /// An HTML answer (never cached: it may hold case data), with the session cookie when `cookie` is given.
    static func html(_ text: String, status: HTTPResponse.Status = .ok, cookie: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        securityHeaders(&headers)
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 303 to `location`, with the session cookie when given.
    static func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        securityHeaders(&headers)
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    /// A plain-text refusal (403 for a missing or wrong CSRF token, 404, 413).
    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        securityHeaders(&headers)
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    /// A static asset (cached for an hour).
    static func asset(type: String, bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        securityHeaders(&headers)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure when `secure`, for the whole site.
    static func cookie(_ token: String, secure: Bool, maxAge: Int = 8 * 3600) -> String {
        "\(cookieName)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The session token in a request's `Cookie` header.
    static func sessionToken(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == cookieName { return String(pair[1]) }
            }
        }
        return nil
    }
}
