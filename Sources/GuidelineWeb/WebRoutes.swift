import Foundation
import GuidelineServer
import Hummingbird

/// The clinician's page: `/` (the rulesets), `/rulesets/{id}` (the form generated from the ruleset's facts and the
/// explained result), the login, and the page's stylesheets and script under `/assets/`.
///
/// | route | what |
/// |---|---|
/// | `GET /`, `GET /rulesets/{id}` | the list; the form with the result of what it holds (nothing recorded at first) |
/// | `POST /rulesets/{id}` | the form posted without JavaScript: the same page with its result |
/// | `POST /rulesets/{id}/result` | the result alone, as HTML, for the page's script (live results) |
/// | `GET /login`, `POST /login`, `POST /logout` | with a configuration file only |
/// | `GET /assets/{page.css, print.css, page.js}` | static files from the module's resources |
///
/// Every post carries the session's CSRF token (a form field `csrf` or the header `X-CSRF-Token`). With a
/// configuration file a person logs in with a user of `users:` first; without one (loopback only) nobody does, as
/// the REST API asks for no key then.
package struct WebRoutes: Sendable {
    /// What the page knows of one ruleset, made once.
    struct Ruleset: Sendable {
        let id: String
        let title: String
        let version: String
        let fingerprint: String
        let form: FactFormBox
    }

    /// The form of a ruleset (its facts are plain data read once).
    final class FactFormBox: @unchecked Sendable {
        let form: FactForm
        init(_ form: FactForm) { self.form = form }
    }

    let environment: ServerEnvironment
    let rulesets: [String: Ruleset]
    let sessions: SessionStore
    /// Failed logins per name (``LoginThrottle``).
    let throttle: LoginThrottle
    let assets = WebAssets.shared
    /// Whether people must log in: a configuration file is used.
    var requiresLogin: Bool { environment.configuration.requiresKeys }

    /// The routes for `environment`'s rulesets.
    package init(environment: ServerEnvironment) {
        self.init(environment: environment, sessions: SessionStore())
    }

    /// The routes for `environment`'s rulesets, with the sessions kept in `sessions` and failed logins counted by
    /// `throttle`.
    init(environment: ServerEnvironment, sessions: SessionStore, throttle: LoginThrottle = LoginThrottle()) {
        self.environment = environment
        self.sessions = sessions
        self.throttle = throttle
        var rulesets: [String: Ruleset] = [:]
        for id in environment.registry.ids {
            guard let text = environment.registry.descriptionJSON(id), let data = text.data(using: .utf8),
                let description = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            else { continue }
            rulesets[id] = Ruleset(
                id: id, title: description["title"] as? String ?? id, version: description["version"] as? String ?? "",
                fingerprint: description["fingerprint"] as? String ?? "",
                form: FactFormBox(FactForm(description: description)))
        }
        self.rulesets = rulesets
    }

    /// The mount for ``ServeCommand``.
    package static let mount = RouteMount(routes: routes) { router, environment in
        WebRoutes(environment: environment).add(to: router)
    }

    /// Every route the page adds (for the 405 answers to other methods).
    static let routes: [(method: String, path: String)] = [
        ("GET", "/"), ("GET", "/rulesets/{id}"), ("POST", "/rulesets/{id}"), ("POST", "/rulesets/{id}/result"),
        ("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/favicon.ico"), ("GET", "/assets/{name}"),
    ]

    /// Adds the routes.
    package func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in self.index(request) }
        router.get("rulesets/:id") { request, context in self.page(request, id: context.parameters.get("id") ?? "") }
        router.post("rulesets/:id") { request, context in
            try await self.submit(request, id: context.parameters.get("id") ?? "", fragment: false)
        }
        router.post("rulesets/:id/result") { request, context in
            try await self.submit(request, id: context.parameters.get("id") ?? "", fragment: true)
        }
        router.get("login") { request, _ in self.loginPage(request, message: nil) }
        router.post("login") { request, _ in try await self.login(request) }
        router.post("logout") { request, _ in try await self.logout(request) }
        // Browsers ask for it on their own; there is none.
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("assets/:name") { _, context in
            guard let file = self.assets.files[context.parameters.get("name") ?? ""] else {
                return WebResponse.refusal(.notFound, "no such file")
            }
            return WebResponse.asset(type: file.type, bytes: file.bytes)
        }
    }

    /// The request's session, or a new anonymous one with the cookie that sets it.
    func currentSession(_ request: Request) -> (SessionStore.Session, cookie: String?) {
        if let session = sessions.session(WebResponse.sessionToken(request)) { return (session, nil) }
        let session = sessions.create(user: nil)
        return (session, WebResponse.cookie(session.token, secure: requiresLogin))
    }

    /// What every page's layout shows.
    func layout(_ title: String, session: SessionStore.Session, body: String) -> String {
        assets.render(
            "layout",
            [
                "title": title, "body": body, "csrf": session.csrf, "user": session.user ?? "",
                "loggedIn": session.user != nil,
            ])
    }

    private func index(_ request: Request) -> Response {
        let (session, cookie) = currentSession(request)
        if requiresLogin, session.user == nil { return WebResponse.redirect("/login", cookie: cookie) }
        let list = environment.registry.ids.compactMap { rulesets[$0] }.map {
            ["id": $0.id, "title": $0.title, "version": $0.version, "fingerprint": $0.fingerprint]
        }
        let body = assets.render("index", ["rulesets": list])
        return WebResponse.html(layout("Rulesets", session: session, body: body), cookie: cookie)
    }

    private func page(_ request: Request, id: String) -> Response {
        let (session, cookie) = currentSession(request)
        if requiresLogin, session.user == nil { return WebResponse.redirect("/login", cookie: cookie) }
        guard let ruleset = rulesets[id] else { return WebResponse.refusal(.notFound, "no ruleset \(quoted: id)") }
        let fields = FormFields()
        // The empty form, shown before anything is entered, is no decision: it is not recorded in the audit trail.
        let result = evaluate(ruleset, fields, user: session.user, audited: false)
        return WebResponse.html(render(ruleset, fields: fields, result: result, session: session), cookie: cookie)
    }

    /// The form posted: by the browser without JavaScript (the whole page) or by the script (the result alone).
    private func submit(_ request: Request, id: String, fragment: Bool) async throws -> Response {
        guard let ruleset = rulesets[id] else { return WebResponse.refusal(.notFound, "no ruleset \(quoted: id)") }
        let checked = try await checkedPost(request)
        guard case .success(let (session, fields)) = checked else {
            if case .failure(let refusal) = checked { return refusal.response }
            return WebResponse.refusal(.forbidden, "refused")
        }
        let result = evaluate(ruleset, fields, user: session.user)
        if fragment { return WebResponse.html(assets.render("result", result)) }
        return WebResponse.html(render(ruleset, fields: fields, result: result, session: session))
    }

    /// Evaluates the case the fields make, through the REST API's evaluation (`RulesetRegistry.evaluate`); its
    /// record names `user`, the person logged in (`page-user:NAME`); not recorded unless `audited`.
    func evaluate(_ ruleset: Ruleset, _ fields: FormFields, user: String? = nil, audited: Bool = true) -> [String: Any]
    {
        let builder = CaseBuilder(form: ruleset.form.form)
        let body = Array(builder.caseJSON(fields).utf8)
        guard
            let (evaluation, markdown) = environment.registry.evaluate(
                ruleset.id, body: body, explainAll: false, whyNot: [], markdown: true,
                audit: audited ? environment.audit : nil,
                who: RequestAgent.pageUser(user), channel: "page")
        else { return ResultView.problems([], message: "no ruleset \(quoted: ruleset.id)") }
        switch evaluation {
        case .result(let json):
            environment.metrics.evaluated(ruleset: ruleset.id, cases: 1)
            return ResultView.make(json: json, markdown: markdown, recorded: builder.recorded(fields))
        case .invalid(let diagnostics): return ResultView.problems(diagnostics, message: "the case is invalid")
        case .malformed(let message, let diagnostics): return ResultView.problems(diagnostics, message: message)
        case .unknownRule(let message): return ResultView.problems([], message: message)
        case .unrecorded:
            environment.logger.error("audit store failed for a page evaluation")
            return ResultView.problems(
                [], message: "the decision could not be recorded in the audit trail; no result is shown")
        }
    }

    /// The ruleset's page: the form set to `fields`, and `result`.
    func render(_ ruleset: Ruleset, fields: FormFields, result: [String: Any], session: SessionStore.Session) -> String
    {
        let context: [String: Any] = [
            "id": ruleset.id, "title": ruleset.title, "version": ruleset.version, "fingerprint": ruleset.fingerprint,
            "groups": ruleset.form.form.view(submitted: fields), "csrf": session.csrf, "result": result,
            "radioLimit": FactForm.radioLimit,
        ]
        return layout(ruleset.title, session: session, body: assets.render("ruleset", context))
    }
}
