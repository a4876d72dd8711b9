import Foundation

/// The view of one evaluation, made from the JSON result (`POST /v1/rulesets/{id}/evaluate`, the same bytes as
/// `guideline evaluate --format json`): summary first, then the facts to record, the scores and the details.
///
/// The summary keeps the engine's order (immediate and urgent first, then contraindicated, caution, recommended,
/// consider); each line carries its action, kind, urgency and flags as `data-` attributes, which the browser tests
/// compare with the command line's JSON.
enum ResultView {
    /// The view of a JSON result, with the Markdown of the same result for "copy as Markdown".
    static func make(
        json: [UInt8], markdown: String?, recorded: [(name: String, json: String, text: String)]
    )
        -> [String: Any]
    {
        guard let result = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any]
        else { return ["problems": [["message": "the result could not be read"]]] }
        let summary = result["summary"] as? [String: Any] ?? [:]
        var view: [String: Any] = [:]
        view["actions"] = objects(summary["actions"]).map { action -> [String: Any] in
            let also = objects(action["also"]).map { "\(text($0["kind"]))\(urgency($0["urgency"]))" }
            return [
                "action": text(action["action"]), "title": text(action["actionTitle"]), "kind": text(action["kind"]),
                "urgency": text(action["urgency"]), "urgencyText": urgency(action["urgency"]),
                "unless": flag(action["unlessNotRecorded"]), "provisional": flag(action["provisional"]),
                "rule": text(action["rule"]), "also": also.joined(separator: ", "),
            ]
        }
        view["record"] = objects(summary["record"]).map { item -> [String: Any] in
            let fact = text(item["fact"])
            let decides = objects(item["decides"]).map { "\(text($0["action"])) (\(text($0["kind"])))" }
            return [
                "fact": fact, "target": FactForm.controlID(fact), "decides": unique(decides).joined(separator: ", "),
            ]
        }
        view["scores"] = scores(result["scores"])
        view["recommendations"] = objects(result["recommendations"]).map(recommendation)
        view["errors"] = objects(result["errors"]).map { ["message": text($0["message"])] }
        view["recorded"] = recorded.map { ["name": $0.name, "value": $0.text] }
        view["nothingRecorded"] = recorded.isEmpty
        view["markdown"] = markdown ?? ""
        return view
    }

    /// The view of diagnostics (an invalid case, a malformed body): each message with where it points.
    static func problems(_ diagnostics: [String], message: String) -> [String: Any] {
        let list = diagnostics.compactMap { text -> [String: Any]? in
            guard let data = text.data(using: .utf8),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            else { return nil }
            return ["message": Self.text(object["message"]), "code": Self.text(object["code"])]
        }
        return ["problems": list.isEmpty ? [["message": message, "code": ""]] : list]
    }

    private static func scores(_ value: Any?) -> [[String: Any]] {
        guard let scores = value as? [String: Any] else { return [] }
        return scores.keys.sorted().compactMap { id in
            guard let score = scores[id] as? [String: Any] else { return nil }
            let determined = !(score["value"] is NSNull) && score["value"] != nil
            let components = objects(score["components"]).map { component -> [String: Any] in
                let points = component["points"].flatMap { $0 is NSNull ? nil : "\($0)" }
                return [
                    "id": text(component["id"]), "fact": text(component["fact"]),
                    "value": component["value"] is NSNull ? "not recorded" : text(component["value"]),
                    "points": points ?? "\(text(component["min"]))-\(text(component["max"]))",
                ]
            }
            return [
                "id": id, "value": determined ? text(score["value"]) : "\(text(score["min"]))-\(text(score["max"]))",
                "band": text(score["band"]), "determined": determined, "components": components,
            ]
        }
    }

    private static func recommendation(_ item: [String: Any]) -> [String: Any] {
        let rule = item["rule"] as? [String: Any] ?? [:]
        let because = item["because"] as? [String: Any] ?? [:]
        let unless = item["unless"] as? [String: Any]
        let citations = objects(item["citations"]).map { citation -> [String: Any] in
            [
                "source": text(citation["source"]), "title": text(citation["title"]), "year": text(citation["year"]),
                "section": text(citation["section"]), "quote": text(citation["quote"]), "url": safeURL(citation["url"]),
            ]
        }
        return [
            "action": text(item["action"]), "title": text(item["actionTitle"]), "kind": text(item["kind"]),
            "urgencyText": urgency(item["urgency"]), "text": text(item["text"]), "rule": text(rule["id"]),
            "file": text(rule["file"]), "line": text(rule["line"]), "because": text(because["text"]),
            "provisional": flag(item["provisional"]), "citations": citations,
            "unless": unless.map { text($0["condition"]) } ?? "",
            "unlessNotRecorded": unless.map { !flag($0["recorded"]) } ?? false,
        ]
    }

    /// Only `https:` and `http:` links are made links (a `javascript:` URL in a source is shown as text).
    private static func safeURL(_ value: Any?) -> String {
        let url = text(value)
        return url.hasPrefix("https://") || url.hasPrefix("http://") ? url : ""
    }

    private static func objects(_ value: Any?) -> [[String: Any]] { value as? [[String: Any]] ?? [] }

    private static func text(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "" }
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        default: return "\(value)"
        }
    }

    private static func flag(_ value: Any?) -> Bool { (value as? Bool) ?? (value as? NSNumber)?.boolValue ?? false }

    private static func urgency(_ value: Any?) -> String {
        let urgency = text(value)
        return urgency.isEmpty ? "" : " (\(urgency))"
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
