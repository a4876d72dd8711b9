import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// Evaluates JSONL batches: one case per line in, one result per line out, in the same order.
///
/// A bad line yields an error object for that line (with its line number) and the batch goes on.
struct BatchRunner {
    let ruleset: CompiledRuleset
    let evaluator: RulesetEvaluator
    let options: RulesetEvaluator.Options

    func run(inputs: [String], stdin: () -> [UInt8]) -> ToolOutput {
        var output = ToolOutput()
        var invalid = false
        let decoder = CaseDecoder(ruleset: ruleset)
        for path in inputs {
            let name = path == "-" ? "<stdin>" : path
            let bytes: [UInt8]
            if path == "-" {
                bytes = stdin()
            } else if let data = FileManager.default.contents(atPath: path) {
                bytes = [UInt8](data)
            } else {
                output.stderr += "error: cannot read batch file '\(path)'\n"
                invalid = true
                continue
            }
            var lineNumber = 0
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
                if trimmed.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                var decoded = decoder.decode(bytes: Array(trimmed), file: name)
                // Each line is parsed alone; put its diagnostics on the line of the batch file.
                decoded.diagnostics = decoded.diagnostics.map { diagnostic in
                    var copy = diagnostic
                    copy.range?.start.line = lineNumber
                    copy.range?.end.line = lineNumber
                    return copy
                }
                if let input = decoded.input {
                    var writer = JSONWriter()
                    ResultJSON.write(evaluator.evaluate(input, options: options), into: &writer)
                    output.stdout += writer.output + "\n"
                } else {
                    invalid = true
                    output.stdout += "{\"line\":\(lineNumber),\"source\":\(DiagnosticJSON.quote(name)),\"errors\":\(DiagnosticJSON.encode(decoded.diagnostics))}\n"
                }
            }
        }
        output.exitCode = invalid ? ToolOutput.failure : ToolOutput.success
        return output
    }
}
