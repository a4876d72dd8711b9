import Foundation
import Testing

/// CDS Hooks 2.0 end to end over loopback (`Tests/CDSHooks/cds_hooks_e2e.py`, Python with pyjwt, fhirpathpy,
/// jsonschema and fhir.resources, which `.ci/run` installs): discovery, service calls and feedback with client JWTs
/// and every token attack, the cards of each bundled example against `guideline evaluate`, fetching from a FHIR
/// server with the client's access token, the error statuses, CORS, a log without secrets, graceful shutdown.
@Suite struct CDSHooksEndToEndTests {
    @Test func theCDSHooksEndToEndSuitePasses() throws {
        let executable = try #require(guidelineExecutable, "the guideline executable was not found")
        let script = repositoryRoot.appendingPathComponent("Tests/CDSHooks/cds_hooks_e2e.py").path
        let (status, text) = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", script, "--guideline", executable.path, "--rules", bundledRuleset], timeout: 300)
        #expect(status == 0, "\(text)")
        #expect(text.contains("checks passed") && !text.contains("FAIL:"), "\(text)")
    }
}
