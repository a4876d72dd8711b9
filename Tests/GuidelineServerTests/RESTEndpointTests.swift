import Foundation
import Testing

/// Every endpoint of the REST API over real HTTP on loopback, against `guideline serve` without a
/// configuration (no keys).
@Suite struct RESTEndpointTests {
    static let evaluatePath = "/v1/rulesets/spine-metastases/evaluate"
    static let mescc =
        #"{"case":"mescc-1","facts":{"spine.level":"T12","neuro.presentation":"suspected-mescc","patient.life_expectancy":"6 mo"}}"#

    /// Runs `guideline ARGUMENTS` and returns its standard output.
    static func guidelineOutput(_ arguments: [String]) throws -> String {
        guard let executable = guidelineExecutable else {
            throw SetupError(description: "the guideline executable was not found")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func probesAnswer() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let health = try server.client.request("GET", "/healthz")
        #expect(health.status == 200)
        #expect(try health.json()["status"] as? String == "ok")
        let ready = try server.client.request("GET", "/readyz")
        #expect(ready.status == 200)
        #expect(try ready.json()["rulesets"] as? Int == 1)
        #expect(ready.headers["content-type"] == "application/json")
    }

    @Test func rulesetsAreListedAndDescribed() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let list = try server.client.request("GET", "/v1/rulesets")
        #expect(list.status == 200)
        let rulesets = try #require(try list.json()["rulesets"] as? [[String: Any]])
        #expect(rulesets.count == 1)
        #expect(rulesets.first?["id"] as? String == "spine-metastases")
        #expect((rulesets.first?["fingerprint"] as? String)?.hasPrefix("sha256:") == true)
        #expect(rulesets.first?["version"] as? String == "1.0.0")

        let description = try server.client.request("GET", "/v1/rulesets/spine-metastases").json()
        let facts = try #require(description["facts"] as? [[String: Any]])
        let platelets = try #require(facts.first { $0["name"] as? String == "labs.platelets" })
        #expect(platelets["type"] as? String == "quantity")
        #expect(platelets["unit"] as? String != nil)
        let level = try #require(facts.first { $0["name"] as? String == "spine.level" })
        #expect((level["values"] as? [String])?.contains("T12") == true)
        let scores = try #require(description["scores"] as? [[String: Any]])
        let sins = try #require(scores.first { $0["id"] as? String == "sins" })
        let bands = try #require(sins["bands"] as? [[String: Any]])
        #expect(bands.map { $0["label"] as? String } == ["stable", "potentially-unstable", "unstable"])
        #expect((sins["components"] as? [[String: Any]])?.isEmpty == false)
        let actions = try #require(description["actions"] as? [[String: Any]])
        #expect(actions.contains { $0["id"] as? String == "physical-therapy" })
        let sources = try #require(description["sources"] as? [[String: Any]])
        #expect(sources.contains { $0["id"] as? String == "seed-002" })

        let unknown = try server.client.request("GET", "/v1/rulesets/spine-metastasis")
        #expect(unknown.status == 404)
        #expect(
            try unknown.json()["error"] as? String == "no ruleset 'spine-metastasis'; did you mean 'spine-metastases'?")
    }

    /// The result is byte for byte what `guideline evaluate --format json` writes for the same case.
    @Test func evaluateGivesTheSameJSONAsTheCommand() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let file = try temporaryFile(Self.mescc, suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: file) }
        for (query, options) in [
            ("", [String]()), ("?explain=all", ["--explain", "all"]),
            ("?whyNot=pt-stable-progressive-programme", ["--why-not", "pt-stable-progressive-programme"]),
        ] {
            let response = try server.client.request("POST", Self.evaluatePath + query, text: Self.mescc)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            let expected = try Self.guidelineOutput(
                ["evaluate", "--rules", bundledRuleset, "--format", "json"] + options + [file])
            #expect(response.text == expected, "query \(query)")
        }
        let result = try server.client.request("POST", Self.evaluatePath, text: Self.mescc).json()
        #expect(result["case"] as? String == "mescc-1")
        #expect(result["summary"] != nil)
        let kinds = (result["recommendations"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
        #expect(kinds.contains("dexamethasone"))
        // A pretty-printed body takes the decoder's path and gives the same result.
        let pretty =
            "{\n  \"case\": \"mescc-1\",\n  \"facts\": {\n    \"spine.level\": \"T12\",\n    \"neuro.presentation\": \"suspected-mescc\",\n    \"patient.life_expectancy\": \"6 mo\"\n  }\n}\n"
        #expect(
            try server.client.request("POST", Self.evaluatePath, text: pretty).text
                == server.client.request("POST", Self.evaluatePath, text: Self.mescc).text)
    }

    @Test func anInvalidCaseIs422WithItsDiagnostics() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let response = try server.client.request(
            "POST", Self.evaluatePath, text: #"{"facts":{"spine.level":"T99","labs.platelet":3}}"#)
        #expect(response.status == 422)
        let body = try response.json()
        #expect(body["error"] as? String == "the case is invalid; it was not evaluated")
        let diagnostics = try #require(body["diagnostics"] as? [[String: Any]])
        let enumError = try #require(diagnostics.first { $0["code"] as? String == "case.unknown-enum-value" })
        #expect(enumError["message"] as? String == "'T99' is not a value of 'spine.level'")
        #expect(enumError["path"] as? String == #"$.facts["spine.level"]"#)
        #expect(enumError["line"] as? Int == 1)
        #expect((enumError["help"] as? [String])?.contains("did you mean 'T9'?") == true)
        let undeclared = try #require(diagnostics.first { $0["code"] as? String == "case.undeclared-fact" })
        #expect(undeclared["path"] as? String == #"$.facts["labs.platelet"]"#)

        let unknownRule = try server.client.request(
            "POST", Self.evaluatePath + "?whyNot=pt-stable-progressive-programm", text: Self.mescc)
        #expect(unknownRule.status == 422)
        #expect(
            try unknownRule.json()["error"] as? String
                == "whyNot names no rule: 'pt-stable-progressive-programm'; did you mean 'pt-stable-progressive-programme'?"
        )
    }

    @Test(arguments: [
        (#"{"facts":{"spine.level":"T12""#, "the body is not valid JSON"),
        ("facts: {spine.level: T12}", "the body must be a JSON object with 'facts'"),
        ("[1, 2]", "the body must be a JSON object with 'facts'"),
        ("", "the body is empty; send a case as a JSON object"),
        ("{\n  \"facts\": {\"spine.level\": \"T12\"}\n  \"case\": 1\n}", "the body is not valid JSON"),
    ])
    func malformedJSONIs400(body: String, message: String) throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let response = try server.client.request("POST", Self.evaluatePath, text: body)
        #expect(response.status == 400)
        #expect(try response.json()["error"] as? String == message)
        if message == "the body is not valid JSON" {
            let diagnostics = try #require(try response.json()["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.first?["code"] as? String == "yaml.syntax")
        }
        let explain = try server.client.request("POST", Self.evaluatePath + "?explain=some", text: Self.mescc)
        #expect(explain.status == 400)
    }

    @Test func unknownRulesetsAndEndpointsAre404() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        for (method, path) in [
            ("POST", "/v1/rulesets/nope/evaluate"), ("POST", "/v1/rulesets/nope/batch"), ("GET", "/v1/rulesets/nope"),
            ("GET", "/v2"),
        ] {
            let response = try server.client.request(method, path, text: "{}")
            #expect(response.status == 404, "\(method) \(path)")
            #expect(try response.json()["error"] != nil)
        }
    }

    @Test func anotherMethodOnARouteIs405() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let response = try server.client.request("DELETE", "/v1/rulesets/spine-metastases/evaluate")
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "POST")
        #expect(try response.json()["error"] as? String == "DELETE is not allowed here; use POST")
        #expect(try server.client.request("POST", "/healthz", text: "{}").status == 405)
        #expect(try server.client.request("GET", "/v1/rulesets/spine-metastases/batch").status == 405)
    }

    /// The batch output is what `guideline evaluate --format jsonl` writes: the header, then one line per case.
    @Test func batchStreamsTheBatchOutput() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let lines = [Self.mescc, #"{"case":"b","facts":{"spine.level":"T99"}}"#, "", #"{"case":"c","facts":{}}"#]
        let input = lines.joined(separator: "\n") + "\n"
        let response = try server.client.request("POST", "/v1/rulesets/spine-metastases/batch", text: input)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/x-ndjson")
        let file = try temporaryFile(input, suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let expected = try Self.guidelineOutput([
            "evaluate", "--rules", bundledRuleset, "--format", "jsonl", "--jobs", "1", file,
        ])
        let got = response.text.split(separator: "\n")
        let want = expected.split(separator: "\n")
        #expect(got.count == 4)
        #expect(got.count == want.count)
        #expect(got.first == want.first)
        #expect(got[1] == want[1])
        // The error line names its input: the command names the file, the server its body.
        #expect(got[2].contains(#""code":"case.unknown-enum-value""#))
        #expect(got[3] == want[3])
    }

    /// A batch far larger than any buffer, sent in chunks, comes back whole and in order.
    @Test func aLongChunkedBatchComesBackInOrder() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let connection = try HTTPTestConnection(port: server.port, timeout: 60)
        try connection.send(head: "POST /v1/rulesets/spine-metastases/batch", headers: ["Transfer-Encoding": "chunked"])
        let count = 3000
        for block in 0..<30 {
            var text = ""
            for index in 0..<(count / 30) {
                text += #"{"case":"c\#(block * 100 + index)","facts":{"spine.level":"T\#(1 + index % 12)"}}"# + "\n"
            }
            let bytes = Array(text.utf8)
            try connection.send(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8))
        }
        try connection.send(Array("0\r\n\r\n".utf8))
        let response = try connection.readResponse()
        #expect(response.status == 200)
        let lines = response.text.split(separator: "\n")
        #expect(lines.count == count + 1)
        #expect(lines.last?.contains(#""case":"c2999""#) == true)
        #expect(lines.dropFirst().enumerated().allSatisfy { $0.element.hasPrefix(#"{"line":\#($0.offset + 1),"#) })
    }

    @Test func metricsCountRequestsEvaluationsAndErrors() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        _ = try server.client.request("POST", Self.evaluatePath, text: Self.mescc)
        _ = try server.client.request("POST", Self.evaluatePath, text: "[")
        _ = try server.client.request(
            "POST", "/v1/rulesets/spine-metastases/batch", text: Self.mescc + "\n" + Self.mescc + "\n")
        let metrics = try server.client.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(
            text.contains(
                #"guideline_http_requests_total{route="/v1/rulesets/{id}/evaluate",method="POST",status="200"} 1"#))
        #expect(
            text.contains(
                #"guideline_http_requests_total{route="/v1/rulesets/{id}/evaluate",method="POST",status="400"} 1"#))
        #expect(text.contains(#"guideline_evaluations_total{ruleset="spine-metastases"} 3"#))
        #expect(text.contains(#"guideline_http_errors_total{status="400"} 1"#))
        #expect(text.contains("# TYPE guideline_http_request_duration_seconds histogram"))
        #expect(text.contains(#"guideline_http_request_duration_seconds_count{route="/v1/rulesets/{id}/evaluate"} 2"#))
    }

    /// The OpenAPI document is JSON, says 3.1, and describes every route the server has.
    @Test func openAPIDocumentDescribesTheRoutes() throws {
        let server = try ServerProcess(["--rules", bundledRuleset])
        let response = try server.client.request("GET", "/openapi.json")
        #expect(response.status == 200)
        let document = try response.json()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let expected: [String: [String]] = [
            "/healthz": ["get"], "/readyz": ["get"], "/metrics": ["get"], "/openapi.json": ["get"],
            "/v1/rulesets": ["get"],
            "/v1/rulesets/{id}": ["get"], "/v1/rulesets/{id}/evaluate": ["post"], "/v1/rulesets/{id}/batch": ["post"],
        ]
        #expect(Set(paths.keys) == Set(expected.keys))
        for (path, methods) in expected {
            #expect(Set(paths[path]?.keys.filter { $0 != "parameters" } ?? []) == Set(methods), "\(path)")
        }
        let evaluate = try #require(paths["/v1/rulesets/{id}/evaluate"]?["post"] as? [String: Any])
        let statuses = Set((evaluate["responses"] as? [String: Any])?.keys.map { $0 } ?? [])
        #expect(statuses.isSuperset(of: ["200", "400", "401", "403", "404", "413", "422", "503"]))
    }
}
