import Foundation

/// Turns the fields of the posted form into a JSON case for `POST /v1/rulesets/{id}/evaluate`.
///
/// A fact is in the case only when its control holds a value: "not recorded", an empty number, or a number whose "not
/// recorded" box is ticked leave it out, so that it is unknown (never false or zero). Booleans are sent as JSON
/// booleans, numbers as JSON numbers, a quantity as `"6 mo"` in the unit chosen, an enum as its value. A number that is
/// not one is sent as text, so that the engine reports it as it reports a case file's mistake.
struct CaseBuilder {
    /// The form's facts.
    let form: FactForm

    /// The case id the page sends.
    static let caseID = "clinician-page"

    /// The facts recorded, in declaration order: name and the value as sent (a JSON literal).
    func recorded(_ fields: FormFields) -> [(name: String, json: String, text: String)] {
        form.facts.compactMap { fact in
            guard let raw = fields.value(fact.name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
                return nil
            }
            switch fact.type {
            case "boolean":
                guard raw == "true" || raw == "false" else { return (fact.name, Self.string(raw), raw) }
                return (fact.name, raw, raw == "true" ? "yes" : "no")
            case "enum":
                return (fact.name, Self.string(raw), raw)
            default:
                if fields.value(FactForm.unknownPrefix + fact.name) != nil { return nil }
                let number = Self.isNumber(raw)
                if let unit = fact.unit {
                    let chosen = fields.value(FactForm.unitPrefix + fact.name) ?? unit
                    let text = "\(raw) \(chosen)"
                    return (fact.name, Self.string(text), text)
                }
                return (fact.name, number ? raw : Self.string(raw), raw)
            }
        }
    }

    /// The JSON case of the posted fields.
    func caseJSON(_ fields: FormFields) -> String {
        let facts = recorded(fields).map { "\(Self.string($0.name)):\($0.json)" }.joined(separator: ",")
        return "{\"case\":\(Self.string(Self.caseID)),\"facts\":{\(facts)}}"
    }

    /// A JSON string literal.
    static func string(_ text: String) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed]) else {
            return "\"\""
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether `text` is a JSON number (`-12`, `3.5`, `1e3`).
    static func isNumber(_ text: String) -> Bool {
        text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil
    }
}
