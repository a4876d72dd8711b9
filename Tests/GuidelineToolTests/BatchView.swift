import Foundation

/// What an auditor reads from a result, in a form both the full JSON result and a compact batch line (joined
/// with its batch header) can be brought to, so tests can check that the batch line loses nothing.
struct BatchView: Equatable {
    var caseID: String?
    var scores: [String: [String: String]]
    var values: [String: String]
    var recommendations: [[String: String]]
    var suppressed: [[String: String]]
    var undetermined: [[String: String]]
    var needs: [String]
    var assumptions: [String]
    var errors: [String]

    static func text(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }

    /// From a full result (`--format json`).
    static func of(result: [String: Any]) -> BatchView {
        let rules = { (value: Any?) in (value as? [String: Any])?["id"] as? String ?? "" }
        func recommendation(_ r: [String: Any]) -> [String: String] {
            [
                "action": text(r["action"]), "kind": text(r["kind"]), "urgency": text(r["urgency"]),
                "text": text(r["text"]),
                "params": text(r["params"]), "rule": rules(r["rule"]),
                "file": text((r["rule"] as? [String: Any])?["file"]),
                "line": text((r["rule"] as? [String: Any])?["line"]),
                "because": text((r["because"] as? [String: Any])?["text"]),
                "citations": text(
                    (r["citations"] as? [[String: Any]] ?? []).map {
                        ["source": $0["source"], "section": $0["section"], "quote": $0["quote"]]
                    }),
                "awaits": text((r["awaits"] as? [[String: Any]] ?? []).map { [rules($0["rule"]), text($0["kind"])] }),
                "overriddenBy": text((r["overriddenBy"] as? [String: Any])?["rule"]),
            ]
        }
        return BatchView(
            caseID: result["case"] as? String,
            scores: (result["scores"] as? [String: [String: Any]] ?? [:]).mapValues { s in
                ["value": text(s["value"]), "min": text(s["min"]), "max": text(s["max"]), "band": text(s["band"])]
            },
            values: (result["values"] as? [String: Any] ?? [:]).mapValues { text($0) },
            recommendations: (result["recommendations"] as? [[String: Any]] ?? []).map(recommendation),
            suppressed: (result["suppressed"] as? [[String: Any]] ?? []).map(recommendation),
            undetermined: (result["undetermined"] as? [[String: Any]] ?? []).map { u in
                [
                    "rule": rules(u["rule"]), "needs": text(u["needs"]),
                    "because": text((u["because"] as? [String: Any])?["text"]),
                ]
            },
            needs: result["needs"] as? [String] ?? [],
            assumptions: (result["assumptions"] as? [Any] ?? []).map { text($0) },
            errors: (result["errors"] as? [Any] ?? []).map { text($0) })
    }

    /// From a batch line and the batch's header line.
    static func of(line: [String: Any], header headerLine: [String: Any]) throws -> BatchView {
        let header = headerLine["header"] as? [String: Any] ?? [:]
        let rules = header["rules"] as? [String: [String: Any]] ?? [:]
        // A line refers to a recommendation by its rule's id and its index in the header's list.
        func declared(_ reference: Any?) -> (rule: String, fixed: [String: Any]) {
            let object = reference as? [String: Any] ?? [:]
            let rule = object["rule"] as? String ?? ""
            let list = rules[rule]?["recommendations"] as? [[String: Any]] ?? []
            let index = object["index"] as? Int ?? -1
            return (rule, list.indices.contains(index) ? list[index] : [:])
        }
        func recommendation(_ r: [String: Any]) -> [String: String] {
            let (rule, fixed) = declared(r)
            let undetermined = line["undetermined"] as? [[String: Any]] ?? []
            return [
                "action": text(fixed["action"]), "kind": text(fixed["kind"]), "urgency": text(fixed["urgency"]),
                "text": text(r["text"] ?? fixed["text"]), "params": text(fixed["params"]), "rule": rule,
                "file": text(rules[rule]?["file"]), "line": text(rules[rule]?["line"]),
                "because": text(r["because"]),
                "citations": text(fixed["citations"]),
                "awaits": text(
                    (r["awaits"] as? [Any] ?? []).map { a in
                        // The awaited rule must be listed as undetermined in the same line.
                        let (awaited, its) = declared(a)
                        return undetermined.contains { $0["rule"] as? String == awaited }
                            ? [awaited, text(its["kind"])] : []
                    }),
                "overriddenBy": text(r["overriddenBy"].map { declared($0).rule }),
            ]
        }
        return BatchView(
            caseID: line["case"] as? String,
            scores: (line["scores"] as? [String: [String: Any]] ?? [:]).mapValues { s in
                ["value": text(s["value"]), "min": text(s["min"]), "max": text(s["max"]), "band": text(s["band"])]
            },
            values: (line["values"] as? [String: Any] ?? [:]).mapValues { text($0) },
            recommendations: (line["recommendations"] as? [[String: Any]] ?? []).map(recommendation),
            suppressed: (line["suppressed"] as? [[String: Any]] ?? []).map(recommendation),
            undetermined: (line["undetermined"] as? [[String: Any]] ?? []).map { u in
                [
                    "rule": text(u["rule"]).trimmingCharacters(in: ["\""]), "needs": text(u["needs"]),
                    "because": text(u["because"]),
                ]
            },
            needs: line["needs"] as? [String] ?? [],
            assumptions: (line["assumptions"] as? [Any] ?? []).map { text($0) },
            errors: (line["errors"] as? [Any] ?? []).map { text($0) })
    }
}
