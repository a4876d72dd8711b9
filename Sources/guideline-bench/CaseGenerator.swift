import GuidelineCompiler
import GuidelineExpression

/// Generates realistic random cases in a ruleset's vocabulary, reproducibly from a seed.
struct CaseGenerator {
    /// SplitMix64: small, fast and good enough for test data.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    let ruleset: CompiledRuleset
    /// The share of facts given in each case, in percent (the rest are unknown).
    let knownPercent: Int
    var random: Random

    init(ruleset: CompiledRuleset, seed: UInt64, knownPercent: Int = 85) {
        self.ruleset = ruleset
        self.knownPercent = knownPercent
        random = Random(state: seed)
    }

    /// One case as a JSON line.
    mutating func jsonLine(id: Int) -> String {
        var fields: [String] = []
        for fact in ruleset.facts where random.below(100) < knownPercent {
            guard let value = value(for: fact) else { continue }
            fields.append("\"\(fact.name)\":\(value)")
        }
        return "{\"case\":\"c\(id)\",\"facts\":{" + fields.joined(separator: ",") + "}}"
    }

    private mutating func value(for fact: FactDeclaration) -> String? {
        switch fact.type {
        case .boolean: return random.below(2) == 0 ? "false" : "true"
        case .enumeration(let type): return "\"\(type.values[random.below(type.values.count)])\""
        case .integer, .decimal:
            let (low, high) = bounds(fact, fallback: (0, 10))
            return String(low + random.below(high - low + 1))
        case .quantity(let unit):
            let (low, high) = bounds(fact, fallback: (0, 100))
            return "\"\(low + random.below(min(high - low, 1_000_000) + 1)) \(unit.symbol)\""
        }
    }

    private func bounds(_ fact: FactDeclaration, fallback: (Int, Int)) -> (Int, Int) {
        func integer(_ value: Value?) -> Int? {
            switch value {
            case .number(let n)?: Int(exactly: n.integerPart)
            case .quantity(let q)?: Int(exactly: q.value.integerPart)
            default: nil
            }
        }
        guard let low = integer(fact.minimum), let high = integer(fact.maximum), high >= low else { return fallback }
        return (low, high)
    }
}
