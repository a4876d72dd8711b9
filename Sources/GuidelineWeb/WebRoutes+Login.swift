import Foundation
import GuidelineServer
import Hummingbird
import HummingbirdBcrypt

extension WebRoutes {
    /// Why a post was refused, as the answer to send.
    struct Refusal: Error {
        let response: Response
    }

    /// The session and fields of a post that carries the session's CSRF token (and, with a configuration file, comes
    /// from someone logged in, unless `login`); otherwise the refusal: 403 without a session or with a wrong token,
    /// 413 for a body over `caseBodyBytes`.
    func checkedPost(
        _ request: Request, login: Bool = false
    ) async throws -> Result<
        (SessionStore.Session, FormFields), Refusal
    > {
        let limit = environment.configuration.limits.caseBodyBytes
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .failure(Refusal(response: WebResponse.refusal(.contentTooLarge, "the form is over \(limit) bytes")))
        }
        let fields = FormFields(body: Array(body.readableBytesView))
        guard let session = sessions.session(WebResponse.sessionToken(request)) else {
            return .failure(
                Refusal(
                    response: WebResponse.refusal(.forbidden, "no session: reload the page and send the form again")))
        }
        let token = request.headers[WebResponse.csrfHeader] ?? fields.value("csrf")
        guard SessionStore.matches(token, session.csrf) else {
            return .failure(
                Refusal(
                    response: WebResponse.refusal(
                        .forbidden, "the form did not come from this page (CSRF token missing or wrong): reload it")))
        }
        if requiresLogin, !login, session.user == nil {
            return .failure(Refusal(response: WebResponse.refusal(.forbidden, "log in first")))
        }
        return .success((session, fields))
    }

    /// The login form (a person's name and password), with `message` after a failed attempt.
    func loginPage(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let (session, cookie) = currentSession(request)
        guard requiresLogin else { return WebResponse.redirect("/", cookie: cookie) }
        let body = assets.render(
            "login",
            ["csrf": session.csrf, "message": message ?? "", "noUsers": environment.configuration.users.isEmpty])
        return WebResponse.html(layout("Log in", session: session, body: body), status: status, cookie: cookie)
    }

    /// Checks a name and password against `users:` (bcrypt, off the event loop); a new session on success.
    func login(_ request: Request) async throws -> Response {
        guard requiresLogin else { return WebResponse.redirect("/") }
        let checked = try await checkedPost(request, login: true)
        guard case .success(let (session, fields)) = checked else {
            if case .failure(let refusal) = checked { return refusal.response }
            return WebResponse.refusal(.forbidden, "refused")
        }
        let name = fields.value("user") ?? ""
        let password = fields.value("password") ?? ""
        if let seconds = throttle.retryAfter(name) {
            environment.logger.notice("login refused: too many failed attempts")
            var response = loginPage(
                request, message: "too many failed logins for this name: try again in \(Self.minutes(seconds))",
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        let user = environment.configuration.users.first { $0.name == name }
        // An unknown name is checked against a fixed hash, so that the time taken does not tell which names exist.
        let hash = user?.bcrypt ?? Self.unknownUserHash
        let verified = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
        guard verified, let user else {
            throttle.failed(name)
            environment.logger.notice("login refused")
            return loginPage(request, message: "the name or the password is wrong", status: .unauthorized)
        }
        throttle.succeeded(name)
        sessions.remove(session.token)
        let fresh = sessions.create(user: user.name)
        return WebResponse.redirect("/", cookie: WebResponse.cookie(fresh.token, secure: true))
    }

    /// Ends the session.
    func logout(_ request: Request) async throws -> Response {
        let checked = try await checkedPost(request, login: true)
        guard case .success(let (session, _)) = checked else {
            if case .failure(let refusal) = checked { return refusal.response }
            return WebResponse.refusal(.forbidden, "refused")
        }
        sessions.remove(session.token)
        return WebResponse.redirect(
            requiresLogin ? "/login" : "/", cookie: WebResponse.cookie("", secure: true, maxAge: 0))
    }

    /// `seconds` as whole minutes for a person (`1 minute`, `15 minutes`), rounded up.
    static func minutes(_ seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    /// The bcrypt hash (cost 12) of a random text no one knows, checked for unknown names.
    static let unknownUserHash = Bcrypt.hash(SessionStore.randomToken(), cost: 12)
}
