/// The rule file of one synthetic unit: scores, derived values, a decision table and the rules.
extension SyntheticRuleset {
    /// One unit's rule file.
    mutating func rules(_ unit: Int) -> String {
        let p = "g\(unit)"
        var out = "# Synthetic scores, derived values, table and rules of unit \(unit).\nscores:\n"
        out += score("\(p).score_a", unit: unit, enums: [0, 1, 2])
        out += score("\(p).score_b", unit: unit, enums: [3, 4, 5, 6])
        out += """
            derived:
              \(p).flag_a:
                description: synthetic derived flag a
                value: \(atom(unit, fact: 7)) or \(p).fracture
              \(p).flag_b:
                description: synthetic derived flag b
                value: \(p).score_a.band == high and not \(p).stabilized
              \(p).flag_c:
                description: synthetic derived flag c
                value: \(p).life_expectancy >= 3 mo and \(p).ambulatory
              \(p).dose_per_count:
                description: synthetic derived quantity
                value: \(p).dose / (\(p).count + 1)
              \(p).flag_d:
                description: synthetic derived flag d, from two others
                value: \(p).flag_a and (\(p).flag_b or \(p).dose_per_count > 2 Gy)
            tables:
              \(p).urgency:
                description: synthetic decision table
                hit: unique
                complete: true
                inputs: [\(p).\(Self.enumNames[1])]
                outputs: [within]
                rows:

            """
        for (value, within) in zip(Self.values(1), ["2 wk", "1 wk", "48 h", "24 h"]) {
            out += "      - when: {\(p).\(Self.enumNames[1]): \(value)}\n        then: {within: \(within)}\n"
        }
        out += "rules:\n"
        for index in 0..<Self.rulesPerUnit { out += rule(unit, index: index) }
        return out
    }

    /// A score over enums `enums` of the unit: each option scores 0 to 3 points (shuffled), ordered enums
    /// by pairs of levels; the range is exactly the possible totals, cut into three bands.
    private mutating func score(_ id: String, unit: Int, enums: [Int]) -> String {
        var components = ""
        var maximum = 0
        for index in enums {
            let values = Self.values(index)
            let ordered = index % 4 == 3
            // Options: single values, or for an ordered enum pairs of neighbouring levels.
            let options =
                ordered
                ? stride(from: 0, to: values.count, by: 2).map {
                    "\(values[$0])..\(values[min($0 + 1, values.count - 1)])"
                }
                : values
            var points = options.indices.map { min($0, 3) }
            for i in stride(from: points.count - 1, to: 0, by: -1) { points.swapAt(i, random.below(i + 1)) }
            maximum += points.max() ?? 0
            let name = Self.enumNames[index]
            let pairs = zip(options, points).map { "\($0): \($1)" }.joined(separator: ", ")
            components += "      \(name):\n        fact: g\(unit).\(name)\n        points: {\(pairs)}\n"
        }
        let third = max(1, maximum / 3)
        var out =
            "  \(id):\n    title: Synthetic score \(id)\n    range: 0..\(maximum)\n    cite: [g\(unit)-source-0]\n"
        out += "    components:\n" + components
        out += "    bands:\n      low: 0..\(third - 1)\n      intermediate: \(third)..\(2 * third - 1)\n"
        out += "      high: \(2 * third)..\(maximum)\n"
        return out
    }

    /// A random condition on fact `fact` of the unit (0-13 enums, 14-36 booleans, 37 the count, 38-40
    /// the quantities).
    mutating func atom(_ unit: Int, fact: Int) -> String {
        let p = "g\(unit)"
        switch fact {
        case 0..<Self.enumNames.count:
            let name = "\(p).\(Self.enumNames[fact])"
            let values = Self.values(fact)
            let pick = random.below(values.count)
            let value = values[pick]
            if fact % 4 == 3, random.below(2) == 0 {
                let low = random.below(values.count - 1)
                return random.below(2) == 0
                    ? "\(name) in \(values[low])..\(values[low + 1])" : "\(name) >= \(values[low])"
            }
            switch random.below(4) {
            case 0: return "\(name) == \(value)"
            case 1: return "\(name) != \(value)"
            case 2: return "\(name) in [\(value), \(values[(pick + 1) % values.count])]"
            default: return "not known(\(name)) or \(name) == \(value)"
            }
        case Self.enumNames.count..<(Self.enumNames.count + Self.booleanNames.count):
            let name = "\(p).\(Self.booleanNames[fact - Self.enumNames.count])"
            return random.below(3) == 0 ? "not \(name)" : name
        case Self.enumNames.count + Self.booleanNames.count:
            let k = random.below(30)
            return random.below(2) == 0 ? "\(p).count >= \(k)" : "\(p).count in \(k)..\(k + 8)"
        default:
            let quantity = Self.quantities[
                (fact - Self.enumNames.count - Self.booleanNames.count - 1) % Self.quantities.count]
            let threshold = quantity.thresholds[random.below(quantity.thresholds.count)]
            let op = random.below(2) == 0 ? "<" : ">="
            return "\(p).\(quantity.name) \(op) \(threshold) \(quantity.unit)"
        }
    }

    /// A random condition on a score, band, derived value or the table output of the unit.
    private mutating func computedAtom(_ unit: Int) -> String {
        let p = "g\(unit)"
        switch random.below(7) {
        case 0: return "\(p).score_a >= \(1 + random.below(4))"
        case 1: return "\(p).score_b.band == \(["low", "intermediate", "high"][random.below(3)])"
        case 2: return "\(p).flag_a"
        case 3: return "not \(p).flag_c"
        case 4: return "\(p).flag_d"
        case 5: return "\(p).urgency.within <= \(["48 h", "1 wk"][random.below(2)])"
        default: return "\(p).dose_per_count > \(1 + random.below(5)) Gy"
        }
    }

    private mutating func condition(_ unit: Int, index: Int) -> String {
        let factCount = Self.enumNames.count + Self.booleanNames.count + 1 + Self.quantities.count
        var atoms = [atom(unit, fact: index % factCount)]
        for _ in 0..<random.below(4) {
            atoms.append(random.below(3) == 0 ? computedAtom(unit) : atom(unit, fact: random.below(factCount)))
        }
        var text = atoms[0].contains(" or ") ? "(\(atoms[0]))" : atoms[0]
        for next in atoms.dropFirst() {
            let wrapped = next.contains(" or ") ? "(\(next))" : next
            text = random.below(4) == 0 ? "(\(text) or \(wrapped))" : "\(text) and \(wrapped)"
        }
        return text
    }

    private mutating func rule(_ unit: Int, index: Int) -> String {
        let p = "g\(unit)"
        var out = """
              - id: g\(unit)-rule-\(index)
                title: Synthetic rule \(index) of unit \(unit)
                when: \(condition(unit, index: index))
                recommend:

            """
        for recommendation in 0..<(random.below(4) == 0 ? 2 : 1) {
            let action = (index + recommendation * 3) % 6
            out += "      - action: g\(unit)-action-\(action)\n"
            out += "        kind: \(Self.kinds[random.below(Self.kinds.count)])\n"
            if random.below(2) == 0 {
                out += "        urgency: \(Self.urgencies[random.below(Self.urgencies.count)])\n"
            }
            switch random.below(3) {
            case 0:
                out +=
                    "        text: Synthetic recommendation \(index) with score {\(p).score_a} ({\(p).score_a.band})\n"
            case 1: out += "        text: Synthetic recommendation \(index), within {\(p).urgency.within}\n"
            default: out += "        text: Synthetic recommendation \(index) of unit \(unit)\n"
            }
            if random.below(2) == 0 {
                out += "        params:\n          within: \(1 + random.below(48)) h\n"
                out += "          avoid: [axial loading, rotation]\n          note: synthetic parameter\n"
            }
        }
        out += "    cite:\n      - source: g\(unit)-source-\(index % 3)\n        section: Section \(index)\n"
        out += "        quote: Synthetic quotation \(index) of unit \(unit)\n"
        if random.below(2) == 0 { out += "      - g\(unit)-source-\((index + 1) % 3)\n" }
        return out + "\n"
    }
}
