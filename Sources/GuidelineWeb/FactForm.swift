import Foundation

/// The case form, generated from a ruleset's fact declarations (the `facts[]` of `GET /v1/rulesets/{id}`): no form is
/// written by hand for a guideline.
///
/// Each fact gets one control named by the fact's name, and every control has an explicit "not recorded" state that
/// sends the fact as unknown (it is left out of the case): an enum of at most ``radioLimit`` values is a group of
/// radio buttons (in declared order) with a "not recorded" button, a longer one a select whose first option is "not
/// recorded"; a boolean is yes / no / not recorded; a quantity is a number with a select of the units of its
/// dimension, an integer or decimal a number, each with its declared range and a "not recorded" box. An empty number
/// is not recorded too: nothing is ever sent as false or zero because it was left empty.
///
/// Facts are grouped by their declared `group:` (without one, by the rule file they are declared in), groups in the
/// order of their first fact, facts in declaration order; a control's label is the fact's declared `label:`, else its
/// name after the first dot with spaces for underscores.
struct FactForm {
    /// One declared fact, as the description gives it.
    struct Fact {
        var name: String
        var type: String
        var unit: String?
        var units: [String]
        var values: [String]
        var minimum: Any?
        var maximum: Any?
        var description: String
        /// The declared label, if any.
        var label: String?
        /// The group (declared, or the rule file's name).
        var group: String
    }

    /// The most values an enum shows as radio buttons; more make a select.
    static let radioLimit = 6
    /// The prefix of a quantity's unit field (`unit:patient.life_expectancy`).
    static let unitPrefix = "unit:"
    /// The prefix of a number's "not recorded" box (`unknown:rt.proposed_fractions`).
    static let unknownPrefix = "unknown:"

    /// The facts in declaration order.
    let facts: [Fact]

    /// The facts of a description (`GET /v1/rulesets/{id}` parsed).
    init(description: [String: Any]) {
        let list = description["facts"] as? [[String: Any]] ?? []
        facts = list.map { item in
            Fact(
                name: item["name"] as? String ?? "", type: item["type"] as? String ?? "",
                unit: item["unit"] as? String, units: item["units"] as? [String] ?? [],
                values: item["values"] as? [String] ?? [], minimum: Self.known(item["minimum"]),
                maximum: Self.known(item["maximum"]), description: item["description"] as? String ?? "",
                label: item["label"] as? String, group: item["group"] as? String ?? "facts")
        }
    }

    private static func known(_ value: Any?) -> Any? { value is NSNull ? nil : value }

    /// The HTML id of a fact's first control (`f-spine.level`); the "to record" links point at it.
    static func controlID(_ name: String) -> String { "f-" + name }

    /// The label of a fact: its declared one, else one made from its name.
    static func label(_ fact: Fact) -> String { fact.label ?? label(fact.name) }

    /// A label from the name: the part after the first dot, underscores as spaces (`life expectancy`).
    static func label(_ name: String) -> String {
        let parts = name.split(separator: ".", maxSplits: 1)
        return String(parts.count == 2 ? parts[1] : parts[0]).replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: ".", with: " ")
    }

    /// The form's view: groups of controls, each set to what `submitted` holds (the fields of a posted form).
    func view(submitted: FormFields) -> [[String: Any]] {
        var groups: [(String, [[String: Any]])] = []
        for fact in facts {
            let control = self.control(fact, submitted: submitted)
            let group = fact.group
            if let index = groups.firstIndex(where: { $0.0 == group }) {
                groups[index].1.append(control)
            } else {
                groups.append((group, [control]))
            }
        }
        return groups.map { ["title": $0.0, "facts": $0.1] }
    }

    private func control(_ fact: Fact, submitted: FormFields) -> [String: Any] {
        let value = submitted.value(fact.name) ?? ""
        let id = Self.controlID(fact.name)
        var view: [String: Any] = [
            "name": fact.name, "id": id, "label": Self.label(fact), "description": fact.description,
            "type": fact.type,
        ]
        func options(_ values: [(value: String, label: String)]) -> [[String: Any]] {
            // The first control (the one a "to record" link focuses) carries the fact's id.
            values.enumerated().map { index, option in
                [
                    "value": option.value, "label": option.label, "checked": option.value == value,
                    "id": index == 0 ? id : "\(id)-\(index)",
                ]
            }
        }
        switch fact.type {
        case "enum" where fact.values.count <= Self.radioLimit:
            view["radios"] = options(fact.values.map { ($0, $0) } + [("", "not recorded")])
        case "enum":
            view["select"] = options([("", "not recorded")] + fact.values.map { ($0, $0) })
        case "boolean":
            view["radios"] = options([("true", "yes"), ("false", "no"), ("", "not recorded")])
        default:
            view["number"] = true
            view["value"] = value
            view["unknownName"] = Self.unknownPrefix + fact.name
            view["unknownChecked"] = submitted.value(Self.unknownPrefix + fact.name) != nil
            let (minimum, minimumUnit) = Self.number(fact.minimum)
            let (maximum, _) = Self.number(fact.maximum)
            view["min"] = minimum ?? ""
            view["max"] = maximum ?? ""
            view["step"] = fact.type == "integer" ? "1" : "any"
            if let unit = fact.unit {
                let chosen = submitted.value(Self.unitPrefix + fact.name) ?? unit
                view["unitName"] = Self.unitPrefix + fact.name
                view["units"] = fact.units.map { ["symbol": $0, "selected": $0 == chosen] }
                // The declared range is in the declared unit: only then can the browser check it.
                if chosen != (minimumUnit ?? unit) {
                    view["min"] = ""
                    view["max"] = ""
                }
            }
            let range = [minimum, maximum].compactMap { $0 }
            if range.count == 2 {
                view["range"] = "\(minimum ?? "")..\(maximum ?? "")" + (fact.unit.map { " \($0)" } ?? "")
            }
        }
        return view
    }

    /// A declared bound as text and its unit (`{"value": 0, "unit": "mo"}` is `0`, `mo`).
    static func number(_ value: Any?) -> (String?, String?) {
        if let object = value as? [String: Any] {
            return (object["value"].map { "\($0)" }, object["unit"] as? String)
        }
        if let number = value as? NSNumber { return (number.stringValue, nil) }
        return (nil, nil)
    }
}
