import Foundation
import GuidelineTool
import Testing

/// Paths that are not valid UTF-8 open their files (issue 21): a case file, a batch file and a ruleset
/// directory named with the byte 0xFF, through the built executable (Swift's own `CommandLine.arguments`
/// turns such bytes into U+FFFD, which names no file). Messages show the byte as U+FFFD.
@Suite(.enabled(if: guidelineExecutable != nil, "the guideline executable was not found next to the test bundle"))
struct NonUTF8PathTests {
    @Test func caseBatchAndRulesetPaths() throws {
        let script =
            #"c="$T/$(printf 'case-\377.yaml')"; b="$T/$(printf 'batch-\377.jsonl')"; r="$T/$(printf 'rules-\377')"; "#
            + #"cp Rules/spine-metastases/examples/unstable-t12.yaml "$c" && cp -R Rules/spine-metastases "$r" || exit 99; "#
            + #"printf '{"facts":{}}\n' > "$b"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --rules "$r" "$c" >/dev/null; echo "case $?"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --rules "$r" --format jsonl "$b" "$b" | tail -n 1 | grep -c '"source":".*batch-'; "#
            + #"timeout -k 5 $LIMIT "$G" check "$r" >/dev/null 2>&1; echo "check $?"; "#
            + #"timeout -k 5 $LIMIT "$G" test "$r" >/dev/null 2>&1; echo "test $?"; "#
            + #"timeout -k 5 $LIMIT "$G" evaluate --rules "$r" "$T/$(printf 'none-\377.yaml')" 2>&1; echo "missing $?""#
        let output = try IOFaultTests.run(script)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == ["case 0", "1", "check 0", "test 0"], "\(output.stdout) \(output.stderr)")
        #expect(
            lines.count == 6 && lines[4].hasSuffix("/none-\u{FFFD}.yaml': no such file or directory")
                && lines[5] == "missing 1", "\(lines)")
    }
}
