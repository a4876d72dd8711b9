import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression

/// What a decision record keeps of a result: the summary as the clinician read it first, each recommendation with
/// its because line, what was suppressed, what stayed undetermined and the facts still needed.
///
/// Rule files and lines are left out (they name where the ruleset was loaded from, not what it said); the
/// explanation trees are left out too: replay regenerates them. Replay compares two digests' canonical bytes.
package enum ResultDigest {
    /// The digest of `result`.
    package static func of(_ result: EvaluationResult) -> AuditJSON {
        let summary = ResultSummary(result)
        return .object([
            "summary": .array(
                summary.lines.map { line in
                    .object([
                        "action": .string(line.action), "kind": .string(line.kind.rawValue),
                        "urgency": .optional(line.urgency?.rawValue), "provisional": .bool(line.provisional),
                    ])
                }),
            "recommendations": .array(result.recommendations.map(recommendation)),
            "suppressed": .array(result.suppressed.map(recommendation)),
            "undetermined": .array(result.undetermined.map { .string($0.rule.id) }),
            "needs": .array(result.needs.map(AuditJSON.string)),
            "scores": .array(
                result.scores.map { score in
                    .object([
                        "id": .string(score.id), "value": score.value.map(AuditJSON.int) ?? .null,
                        "band": .optional(score.band),
                    ])
                }),
            "errors": .array(result.errors.map { .string($0.code) }),
        ])
    }

    /// One recommendation: its rule, action, kind, urgency, the sha256 of its text (replay regenerates the text)
    /// and its because line.
    private static func recommendation(_ item: RecommendationResult) -> AuditJSON {
        .object([
            "rule": .string(item.rule.id), "action": .string(item.action), "kind": .string(item.kind.rawValue),
            "urgency": .optional(item.urgency?.rawValue), "text": .string(ChainHash.sha256(Array(item.text.utf8))),
            "because": .string(item.because.text),
        ])
    }

    /// The facts of `input` by name, as case-file text: what the engine saw; facts not recorded are left out.
    package static func facts(of input: CaseInput, in ruleset: CompiledRuleset) -> [String: String] {
        var facts: [String: String] = [:]
        for (slot, value) in input.facts.enumerated() where slot < ruleset.facts.count {
            if case .unknown = value { continue }
            facts[ruleset.facts[slot].name] = value.description
        }
        return facts
    }

    /// The differences between a recorded digest and a replayed one, one line each; empty when they are equal.
    package static func differences(recorded: AuditJSON, replayed: AuditJSON) -> [String] {
        guard recorded != replayed else { return [] }
        var lines: [String] = []
        func keyed(_ digest: AuditJSON, _ list: String) -> [String: AuditJSON] {
            var items: [String: AuditJSON] = [:]
            for item in digest[list]?.array ?? [] {
                let key = (item["rule"] ?? item["action"])?.string ?? ""
                items[key] = item
            }
            return items
        }
        func describe(_ item: AuditJSON) -> String {
            let urgency = item["urgency"]?.string.map { ", \($0)" } ?? ""
            return "\(item["action"]?.string ?? "?") \(item["kind"]?.string ?? "?")\(urgency)"
        }
        for list in ["summary", "recommendations", "suppressed"] {
            let before = keyed(recorded, list)
            let after = keyed(replayed, list)
            for key in Set(before.keys).union(after.keys).sorted() {
                switch (before[key], after[key]) {
                case (let old?, nil): lines.append("\(list): '\(key)' was \(describe(old)), now absent")
                case (nil, let new?): lines.append("\(list): '\(key)' now \(describe(new)), was absent")
                case (let old?, let new?) where old != new:
                    if old["text"] != new["text"] || old["because"] != new["because"],
                        describe(old) == describe(new)
                    {
                        lines.append("\(list): '\(key)' text or because line changed")
                    } else {
                        lines.append("\(list): '\(key)' was \(describe(old)), now \(describe(new))")
                    }
                default: break
                }
            }
        }
        for list in ["undetermined", "needs", "scores", "errors"] where recorded[list] != replayed[list] {
            lines.append("\(list) changed")
        }
        return lines.isEmpty ? ["the result changed"] : lines
    }
}
