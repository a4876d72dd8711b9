import Foundation
import GuidelineAudit
import GuidelineCompiler
import Testing

/// `guideline audit export --format fhir | fhir-ndjson`, validated as FHIR R5 by fhir.resources
/// (`Tests/Audit/fhir_export_check.py`) and held to what the store records.
@Suite("Audit FHIR export")
struct FHIRExportTests {
    static let script = repositoryRoot.appendingPathComponent("Tests/Audit/fhir_export_check.py").path

    /// Runs the validator on a Bundle and an NDJSON file: its exit status, its summary (standard output) and its
    /// problems (standard error).
    static func validate(bundle: String, ndjson: String) throws -> (status: Int32, summary: [String: Any], errors: String)
    {
        let directory = try temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, bundle, ndjson]
        FileManager.default.createFile(atPath: "\(directory)/out", contents: nil)
        FileManager.default.createFile(atPath: "\(directory)/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/err"))
        try process.run()
        process.waitUntilExit()
        let out = FileManager.default.contents(atPath: "\(directory)/out") ?? Data()
        let summary = (try? JSONSerialization.jsonObject(with: out)) as? [String: Any] ?? [:]
        let errors = (try? String(contentsOfFile: "\(directory)/err", encoding: .utf8)) ?? ""
        return (process.terminationStatus, summary, errors)
    }

    /// A store with the bundled examples (command line), a CDS Hooks decision with cards and a patient, and
    /// feedback on one of its cards.
    static func store() throws -> (path: String, cdsDecision: String) {
        let path = "\(try temporaryDirectory())/trail.sqlite"
        _ = try evaluateExamples(into: path)
        let opened = try SQLiteAuditStore(path: path)
        let hasher = try #require(IdentifierHasher(key: testKey))
        var first: DecisionRecord?
        try opened.forEachEntry(since: nil) { entry in
            first = AuditJSON.parse(entry.body).flatMap(DecisionRecord.init(body:))
            return false
        }
        var record = try #require(first)
        record.id = DecisionRecord.newID()
        record.who = "jwt:https://ehr.example.org|client-7"
        record.channel = "cds-hooks"
        record.patientHMAC = hasher.hash("PATIENT-CLEAR-0042", field: "patient")
        record.hookInstance = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"
        record.cards = ["card-a", "card-b"]
        try opened.append([record.entry])
        let feedback = FeedbackRecord(
            id: DecisionRecord.newID(), recorded: AuditClock.now(), who: record.who, service: "spine-patient-view",
            card: "card-b", outcome: "overridden", acceptedSuggestions: [],
            overrideReason: .object(["code": .string("declined"), "display": .string("patient declined")]),
            outcomeTimestamp: "2026-12-03T10:00:00Z")
        try opened.append([feedback.entry])
        return (path, record.id)
    }

    /// The store of ``store()`` exported in both formats: the store, its CDS Hooks decision, the Bundle's and the
    /// NDJSON file's paths.
    static func exported() throws -> (store: String, cdsDecision: String, bundle: String, ndjson: String) {
        let (store, cdsDecision) = try Self.store()
        let directory = try temporaryDirectory()
        let bundle = "\(directory)/trail.fhir.json"
        let ndjson = "\(directory)/trail.ndjson"
        let written = AuditExportCommand(store: store, format: .fhir, output: bundle).run()
        #expect(written.exitCode == 0, "\(written.stderr)")
        #expect(AuditExportCommand(store: store, format: .fhirNDJSON, output: ndjson).run().exitCode == 0)
        return (store, cdsDecision, bundle, ndjson)
    }

    @Test("the Bundle and the NDJSON are valid FHIR R5: an AuditEvent per entry, a Provenance citing each recommendation's sources")
    func exportIsValidFHIR() throws {
        let (store, cdsDecision, bundle, ndjson) = try Self.exported()

        let (status, summary, errors) = try Self.validate(bundle: bundle, ndjson: ndjson)
        #expect(status == 0, "\(errors)")
        // One AuditEvent per entry of the trail, in chain order; the feedback linked to its decision.
        var entries: [(kind: String, id: String, body: AuditJSON)] = []
        try SQLiteAuditStore(path: store).forEachEntry(since: nil) { entry in
            entries.append((entry.kind, entry.id, AuditJSON.parse(entry.body) ?? .null))
            return true
        }
        let events = try #require(summary["auditEvents"] as? [[String: Any]])
        #expect(events.compactMap { $0["id"] as? String } == entries.map(\.id))
        #expect(events.map { $0["action"] as? String } == entries.map { $0.kind == "decision" ? "E" : "C" })
        #expect(events.last?["links"] as? [String] == [cdsDecision], "the feedback names its decision")
        #expect((events.first?["who"] as? [String])?.first == "tester")
        // A Provenance per recommendation, each citing exactly the sources its rule cites in the ruleset.
        let ruleset = try #require(RulesetLoader(analysesTables: false).load(directory: bundledRuleset).ruleset)
        let provenances = try #require(summary["provenances"] as? [[String: Any]])
        let recommendations = entries.filter { $0.kind == "decision" }.flatMap { entry in
            (entry.body["result"]?["recommendations"]?.array ?? []).map { (entry.id, $0) }
        }
        #expect(provenances.count == recommendations.count)
        #expect(provenances.count > 20)
        for (provenance, (decision, item)) in zip(provenances, recommendations) {
            let rule = try #require(item["rule"]?.string)
            #expect(provenance["decision"] as? String == decision)
            #expect(provenance["rule"] as? String == rule)
            let compiled = try #require(ruleset.rules.first { $0.id == rule })
            let citations = try #require(compiled.recommendations.first { $0.action.id == item["action"]?.string })
                .citations
            let cited = (provenance["entities"] as? [[Any]] ?? []).filter { $0.first as? String != "instantiates" }
            #expect(cited.count == citations.count, "rule \(rule)")
            for (entity, citation) in zip(cited, citations) {
                #expect(entity.first as? String == (citation.citation.quote == nil ? "source" : "quotation"))
                #expect((entity.last as? String)?.hasPrefix(citation.source.title) == true, "rule \(rule)")
                if let quote = citation.citation.quote { #expect((entity.last as? String)?.contains(quote) == true) }
            }
        }
        // Identifiers only as the record's HMACs.
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        #expect(!text.contains("PATIENT-CLEAR-0042"))
        #expect(text.contains("hmac-sha256:"))
    }

    @Test("the validator refuses an export that is not valid R5, so the test above can fail")
    func validatorRefusesBrokenExports() throws {
        let (_, _, bundle, ndjson) = try Self.exported()
        let directory = try temporaryDirectory()
        let original = try String(contentsOfFile: bundle, encoding: .utf8)
        let breakages = [
            (#""action":"E""#, #""action":"X""#, "action 'X'"),
            (#""recorded":""#, #""recorded":"yesterday","x":""#, "not valid FHIR R5"),
            (#""role":"instantiates""#, #""role":"inspired""#, "entity role 'inspired'"),
            (#""valueUri":"recommendation-1""#, #""valueUri":"recommendation-999""#, "not in its AuditEvent"),
        ]
        for (old, new, expected) in breakages {
            let broken = "\(directory)/broken.json"
            try original.replacingOccurrences(of: old, with: new).write(
                toFile: broken, atomically: true, encoding: .utf8)
            let (status, _, errors) = try Self.validate(bundle: broken, ndjson: ndjson)
            #expect(status == 1, "\(old) -> \(new) passed")
            #expect(errors.contains(expected), "\(errors)")
        }
    }

    @Test("export to standard output; a missing store and an unwritable file are errors")
    func exportErrors() throws {
        let (store, _) = try Self.store()
        let lines = AuditExportCommand(store: store, format: .fhirNDJSON).run()
        #expect(lines.exitCode == 0)
        #expect(lines.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(#"{"resourceType":""#) })
        let missing = AuditExportCommand(store: "/nonexistent/trail.sqlite", format: .fhir).run()
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("[audit.store-missing]"))
        let unwritable = AuditExportCommand(store: store, format: .fhir, output: "/nonexistent/out.json").run()
        #expect(unwritable.exitCode == 74)
        #expect(unwritable.stderr.contains("[io.write-failed]"))
    }
}
