import Foundation
import GuidelineTool
import Testing

/// Whether `UnreadableAsAnotherUserTests` can run: as another user than root, or as `nobody` through `setpriv`.
let canRunAsAnotherUser: Bool = {
    guard let executable = guidelineExecutable else { return false }
    if geteuid() != 0 { return true }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    probe.arguments = [
        "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c", "test -x \"$0\"", executable.path,
    ]
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}()

/// `guideline check` of a copy of the bundled guideline made unreadable with `chmod 000` (a rule file, then
/// the directory) gives one error each, `rules.unreadable-file` (issue 21). Permission bits do not deny root,
/// so under root (as CI may run) the executable runs as user `nobody` through `setpriv`; otherwise as the
/// current user. Skipped when neither works (root without `setpriv`, or an executable `nobody` cannot run, as
/// in a checkout under `/root`).
@Suite(
    .enabled(
        if: canRunAsAnotherUser,
        "needs the guideline executable, and under root setpriv and an executable nobody can run"))
struct UnreadableAsAnotherUserTests {
    @Test func chmod000RuleFileAndDirectory() throws {
        let user = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let run = #"\#(user)timeout -k 5 $LIMIT "$G" check "$T/rules" 2>&1 | grep -E '^error|^[0-9]+ errors?,'"#
        let script =
            #"chmod 755 "$T" && cp -R Rules/spine-metastases "$T/rules" && chmod -R a+rX "$T/rules" || exit 99; "#
            + #"chmod 000 "$T/rules/facts.yaml"; echo "file:"; \#(run); chmod 644 "$T/rules/facts.yaml"; "#
            + #"chmod 000 "$T/rules"; echo "directory:"; \#(run); chmod 755 "$T/rules""#
        let output = try IOFaultTests.run(script)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 6, "\(output.stdout) \(output.stderr)")
        guard lines.count == 6 else { return }
        #expect(lines[0] == "file:")
        #expect(
            lines[1].hasPrefix("error: cannot read '")
                && lines[1].hasSuffix("/rules/facts.yaml': permission denied [rules.unreadable-file]"), "\(lines[1])")
        #expect(lines[2].hasPrefix("1 error,"), "\(lines[2])")
        #expect(lines[3] == "directory:")
        #expect(lines[4].hasSuffix("/rules/ruleset.yaml': permission denied [rules.unreadable-file]"), "\(lines[4])")
        #expect(lines[5].hasPrefix("1 error,"), "\(lines[5])")
    }
}
