import Foundation
import GuidelineAudit
import Testing

/// Who `evaluate --audit` records: the account the process runs as (not `$USER`, which any caller sets), or the
/// `--who` given; and `audit export` from the command line.
@Suite(.enabled(if: guidelineExecutable != nil, "the guideline executable was not found next to the test bundle"))
struct AuditWhoCommandLineTests {
    @Test("the OS account by default, whatever $USER says; --who as given; export writes the file")
    func whoOnTheCommandLine() throws {
        let directory = try temporaryDirectory()
        let store = "\(directory)/trail.sqlite"
        let key = [IdentifierHasher.environmentVariable: String(decoding: testKey, as: UTF8.self)]
        let example = "Rules/spine-metastases/examples/unstable-t12.yaml"
        let byDefault = try runGuideline(
            ["evaluate", "--audit", store, example], environment: key.merging(["USER": "mallory"]) { $1 })
        #expect(byDefault.exitCode == 0, "\(byDefault.stderr)")
        let given = try runGuideline(["evaluate", "--audit", store, "--who", "dr-lee", example], environment: key)
        #expect(given.exitCode == 0, "\(given.stderr)")
        let account = try #require(getpwuid(getuid())).pointee.pw_name.map { String(cString: $0) }
        var who: [String] = []
        try SQLiteAuditStore(path: store).forEachEntry(since: nil) { entry in
            who.append(AuditJSON.parse(entry.body)?["who"]?.string ?? "")
            return true
        }
        #expect(who == ["os-user:\(try #require(account))", "dr-lee"])
        #expect(AuditedEvaluation.osUser() == who[0])
        let usage = try runGuideline(["evaluate", "--who", "dr-lee", example])
        #expect(usage.exitCode == 64)
        #expect(usage.stderr.contains("--who apply with --audit STORE only"))

        let exported = try runGuideline(["audit", "export", store, "--format", "fhir", "-o", "\(directory)/out.json"])
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/out.json")))
        let entries = (bundle as? [String: Any])?["entry"] as? [[String: Any]] ?? []
        let events = entries.compactMap { $0["resource"] as? [String: Any] }.filter {
            $0["resourceType"] as? String == "AuditEvent"
        }
        #expect(events.count == 2)
        #expect(exported.stderr.hasPrefix("\(entries.count) resources written to '"), "\(exported.stderr)")
        let badFormat = try runGuideline(["audit", "export", store, "--format", "csv"])
        #expect(badFormat.exitCode == 64)
    }
}
