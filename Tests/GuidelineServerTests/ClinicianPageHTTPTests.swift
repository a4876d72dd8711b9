import Foundation
import GuidelineWeb
import HummingbirdBcrypt
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import GuidelineServer

/// The clinician's page over HTTP, in process: security headers, sessions, CSRF refusals, the login with bcrypt.
@Suite struct ClinicianPageHTTPTests {
    final class Port: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Serves the page (and the REST API) with `configuration` while `body` runs.
    static func serving(
        _ configuration: ServerConfiguration, _ body: @escaping @Sendable (HTTPTestClient) throws -> Void
    ) async throws {
        var configuration = configuration
        configuration.port = 0
        let registry = try RulesetRegistry.load(directories: [bundledRuleset]).get()
        let environment = ServerEnvironment(
            registry: registry, configuration: configuration, metrics: ServerMetrics(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let port = Port()
        let application = ServeCommand.application(environment, mounts: [WebRoutes.mount]) {
            port.value.store($0, ordering: .releasing)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: environment.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var listening = 0
            for _ in 0..<600 where listening == 0 {
                try await Task.sleep(for: .milliseconds(10))
                listening = port.value.load(ordering: .acquiring)
            }
            let client = HTTPTestClient(port: listening)
            let outcome: Result<Void, any Error> = await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: Result { try body(client) }) }.start()
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            try outcome.get()
        }
    }

    /// The session cookie (`guideline_session=...`) of a response.
    static func cookie(_ response: HTTPTestResponse) -> String? {
        guard let header = response.headers["set-cookie"] else { return nil }
        return header.split(separator: ";").first.map(String.init)
    }

    /// The CSRF token of a page.
    static func csrf(_ page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value="[0-9a-f]{64}""#, options: .regularExpression) else {
            return nil
        }
        return String(page[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test func withoutConfigurationThePageNeedsNoLoginButPostsNeedTheToken() async throws {
        try await Self.serving(ServerConfiguration()) { client in
            let page = try client.request("GET", "/rulesets/spine-metastases")
            #expect(page.status == 200)
            #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            #expect(page.headers["content-security-policy"]?.contains("unsafe-inline") == false)
            #expect(page.headers["x-content-type-options"] == "nosniff")
            #expect(page.headers["cache-control"] == "no-store")
            let setCookie = try #require(page.headers["set-cookie"])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let cookie = try #require(Self.cookie(page))
            let token = try #require(Self.csrf(page.text))
            let body = "spine.level=T12&neuro.presentation=suspected-mescc"

            // No session, a wrong token, no token: refused, and nothing is evaluated.
            let noSession = try client.request(
                "POST", "/rulesets/spine-metastases", headers: Self.form, text: "csrf=\(token)&" + body)
            #expect(noSession.status == 403)
            let wrong = try client.request(
                "POST", "/rulesets/spine-metastases", headers: Self.form.merging(["Cookie": cookie]) { $1 },
                text: "csrf=\(String(repeating: "0", count: 64))&" + body)
            #expect(wrong.status == 403)
            #expect(wrong.text.contains("CSRF"))
            let none = try client.request(
                "POST", "/rulesets/spine-metastases/result", headers: Self.form.merging(["Cookie": cookie]) { $1 },
                text: body)
            #expect(none.status == 403)

            // With both: the page with its result (no JavaScript), or the result alone (the script).
            let posted = try client.request(
                "POST", "/rulesets/spine-metastases", headers: Self.form.merging(["Cookie": cookie]) { $1 },
                text: "csrf=\(token)&" + body)
            #expect(posted.status == 200)
            #expect(
                posted.text.contains(
                    "data-action=\"dexamethasone\" data-kind=\"recommended\" data-urgency=\"immediate\""))
            let fragment = try client.request(
                "POST", "/rulesets/spine-metastases/result",
                headers: Self.form.merging(["Cookie": cookie, "X-CSRF-Token": token]) { $1 }, text: body)
            #expect(fragment.status == 200)
            #expect(fragment.text.contains("data-action=\"dexamethasone\""))
            #expect(!fragment.text.contains("<html"))

            #expect(try client.request("GET", "/rulesets/nope").status == 404)
            let script = try client.request("GET", "/assets/page.js")
            #expect(script.status == 200 && script.headers["content-type"]?.hasPrefix("text/javascript") == true)
            #expect(try client.request("GET", "/login").status == 303)
        }
    }

    @Test func withConfigurationPeopleLogInWithTheirBcryptPassword() async throws {
        var configuration = ServerConfiguration()
        configuration.requiresKeys = true
        configuration.users = [WebUser(name: "dr-lee", bcrypt: Bcrypt.hash("correct horse", cost: 4))]
        try await Self.serving(configuration) { client in
            let home = try client.request("GET", "/rulesets/spine-metastases")
            #expect(home.status == 303 && home.headers["location"] == "/login")
            let login = try client.request("GET", "/login", headers: ["Cookie": try #require(Self.cookie(home))])
            #expect(login.status == 200)
            let anonymous = try #require(Self.cookie(home))
            let token = try #require(Self.csrf(login.text))
            let headers = Self.form.merging(["Cookie": anonymous]) { $1 }

            // Not logged in: a post with the right token is still refused.
            let early = try client.request(
                "POST", "/rulesets/spine-metastases/result", headers: headers.merging(["X-CSRF-Token": token]) { $1 },
                text: "spine.level=T12")
            #expect(early.status == 403)
            // A login without the token, with a wrong password, with an unknown name: refused.
            #expect(
                try client.request("POST", "/login", headers: headers, text: "user=dr-lee&password=correct+horse")
                    .status == 403)
            let bad = try client.request(
                "POST", "/login", headers: headers, text: "csrf=\(token)&user=dr-lee&password=wrong")
            #expect(bad.status == 401)
            #expect(bad.text.contains("the name or the password is wrong"))
            #expect(
                try client.request("POST", "/login", headers: headers, text: "csrf=\(token)&user=nobody&password=x")
                    .status == 401)

            let good = try client.request(
                "POST", "/login", headers: headers, text: "csrf=\(token)&user=dr-lee&password=correct+horse")
            #expect(good.status == 303)
            let setCookie = try #require(good.headers["set-cookie"])
            #expect(
                setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Secure"))
            let session = try #require(Self.cookie(good))
            #expect(session != anonymous)  // a new session at login
            let page = try client.request("GET", "/rulesets/spine-metastases", headers: ["Cookie": session])
            #expect(page.status == 200)
            #expect(page.text.contains("dr-lee"))
            let fresh = try #require(Self.csrf(page.text))
            let result = try client.request(
                "POST", "/rulesets/spine-metastases/result",
                headers: Self.form.merging(["Cookie": session, "X-CSRF-Token": fresh]) { $1 }, text: "spine.level=T12")
            #expect(result.status == 200)
            // The anonymous session's token and cookie no longer work.
            #expect(
                try client.request(
                    "POST", "/rulesets/spine-metastases/result",
                    headers: headers.merging(["X-CSRF-Token": token]) { $1 }, text: "spine.level=T12"
                ).status == 403)
            let out = try client.request(
                "POST", "/logout", headers: Self.form.merging(["Cookie": session]) { $1 }, text: "csrf=\(fresh)")
            #expect(out.status == 303)
            #expect(
                try client.request("GET", "/rulesets/spine-metastases", headers: ["Cookie": session]).status == 303)
        }
    }

    @Test func failedLoginsForANameAreLimited() async throws {
        var configuration = ServerConfiguration()
        configuration.requiresKeys = true
        configuration.users = [
            WebUser(name: "dr-lee", bcrypt: Bcrypt.hash("correct horse", cost: 4)),
            WebUser(name: "dr-kim", bcrypt: Bcrypt.hash("battery staple", cost: 4)),
        ]
        try await Self.serving(configuration) { client in
            let login = try client.request("GET", "/login")
            let cookie = try #require(Self.cookie(login))
            let token = try #require(Self.csrf(login.text))
            let headers = Self.form.merging(["Cookie": cookie]) { $1 }
            func attempt(_ user: String, _ password: String) throws -> HTTPTestResponse {
                try client.request("POST", "/login", headers: headers, text: "csrf=\(token)&user=\(user)&password=\(password)")
            }
            for _ in 0..<5 { #expect(try attempt("dr-lee", "wrong").status == 401) }
            // The sixth attempt within the window is refused whatever the password, before it is checked.
            let locked = try attempt("dr-lee", "correct+horse")
            #expect(locked.status == 429)
            #expect(locked.text.contains("too many failed logins for this name"))
            let retry = try #require(locked.headers["retry-after"].flatMap { Int($0) })
            #expect(retry > 0 && retry <= 15 * 60)
            // An unknown name is limited the same way, so the answer does not tell which names exist.
            for _ in 0..<5 { #expect(try attempt("nobody", "x").status == 401) }
            #expect(try attempt("nobody", "x").status == 429)
            // Another user is not locked out.
            #expect(try attempt("dr-kim", "battery+staple").status == 303)
        }
    }

    @Test func otherMethodsOnThePageRoutesAre405WithAllow() async throws {
        try await Self.serving(ServerConfiguration()) { client in
            let delete = try client.request("DELETE", "/rulesets/spine-metastases")
            #expect(delete.status == 405)
            #expect(delete.headers["allow"] == "GET, POST")
            let put = try client.request("PUT", "/", text: "x")
            #expect(put.status == 405 && put.headers["allow"] == "GET")
            #expect(try client.request("GET", "/rulesets/spine-metastases/result").headers["allow"] == "POST")
            #expect(try client.request("GET", "/nowhere").status == 404)
        }
    }

    @Test func usersAreReadFromTheConfigurationFile() throws {
        let hash = Bcrypt.hash("pw", cost: 4)
        let text =
            "apiKeys:\n  - {name: k, sha256: \(String(repeating: "ab", count: 32)), roles: [evaluate]}\n"
            + "users:\n  - {name: dr-lee, bcrypt: '\(hash)'}\n"
        let configuration = try ServerConfiguration.parse(bytes: Array(text.utf8), file: "c.yaml").get()
        #expect(configuration.users == [WebUser(name: "dr-lee", bcrypt: hash)])
        let plain =
            "apiKeys:\n  - {name: k, sha256: \(String(repeating: "ab", count: 32)), roles: [evaluate]}\n"
            + "users:\n  - {name: dr-lee, bcrypt: hunter2}\n"
        guard case .failure(let error) = ServerConfiguration.parse(bytes: Array(plain.utf8), file: "c.yaml") else {
            Issue.record("a password in place of a hash was accepted")
            return
        }
        #expect(error.message.contains("config.invalid-bcrypt"))
    }
}
