import GuidelineDiagnostics

/// Checks a score's tables: options cover every fact value once, totals fit the declared range, bands
/// cover the range with no gap and no overlap.
enum ScoreAnalysis {
    static func check(_ score: ScoreDeclaration, facts: [String: FactDeclaration], bag: inout DiagnosticBag) {
        for component in score.components { checkComponent(component, score: score, facts: facts, bag: &bag) }
        let minimum = score.components.reduce(0) { $0 &+ $1.minimum }
        let maximum = score.components.reduce(0) { $0 &+ $1.maximum }
        if !score.components.isEmpty, minimum < score.lower || maximum > score.upper {
            bag.error(
                "rules.score-range", "the totals of score \(quoted: score.id) run from \(minimum) to \(maximum), outside its declared range \(score.lower)..\(score.upper)",
                at: score.range, help: ["declare 'range: \(minimum)..\(maximum)' or correct the points"])
        } else if !score.components.isEmpty, minimum != score.lower || maximum != score.upper {
            bag.warning(
                "rules.score-range-slack", "the totals of score \(quoted: score.id) run from \(minimum) to \(maximum), narrower than its declared range \(score.lower)..\(score.upper)",
                at: score.range)
        }
        checkBands(score, bag: &bag)
    }

    private static func checkComponent(
        _ component: ScoreDeclaration.Component, score: ScoreDeclaration, facts: [String: FactDeclaration], bag: inout DiagnosticBag
    ) {
        guard let fact = facts[component.fact] else { return }
        let values: [String]
        switch fact.type {
        case .enumeration(let type): values = type.values
        case .boolean: values = ["false", "true"]
        default: return
        }
        var owner = [Int: ScoreDeclaration.Option]()
        for option in component.options {
            for ordinal in option.ordinals {
                if let first = owner[ordinal] {
                    bag.error(
                        "rules.option-overlap",
                        "\(quoted: values[ordinal]) is scored twice in component \(quoted: component.id) of score \(quoted: score.id), by \(quoted: first.label) and \(quoted: option.label)",
                        at: option.range, notes: [DiagnosticNote("first scored here", at: first.range)])
                } else {
                    owner[ordinal] = option
                }
            }
        }
        let missing = values.indices.filter { owner[$0] == nil }.map { values[$0] }
        if !missing.isEmpty {
            bag.error(
                "rules.option-gap",
                "component \(quoted: component.id) of score \(quoted: score.id) gives no points for \(missing.map { "\(quoted: $0)" }.joined(separator: ", "))",
                at: component.range, help: ["every value of \(quoted: component.fact) needs points; give 0 where the value scores nothing"])
        }
    }

    /// Reports totals of the declared range in no band or in several bands, naming the exact values.
    static func checkBands(_ score: ScoreDeclaration, bag: inout DiagnosticBag) {
        guard !score.bands.isEmpty, score.upper &- score.lower <= 100_000 else { return }
        var gaps: [Int] = []
        var overlaps: [Int: [String]] = [:]
        for total in score.lower...score.upper {
            let owners = score.bands.filter { $0.lower <= total && total <= $0.upper }.map(\.label)
            if owners.isEmpty { gaps.append(total) }
            if owners.count > 1 { overlaps[total] = owners }
        }
        if !gaps.isEmpty {
            bag.error(
                "rules.band-gap", "no band of score \(quoted: score.id) covers \(describe(gaps))", at: score.bands[0].range,
                help: ["the bands must cover the declared range \(score.lower)..\(score.upper) with no gap"])
        }
        for (labels, totals) in Dictionary(grouping: overlaps.keys.sorted(), by: { overlaps[$0]! }).sorted(by: { $0.value[0] < $1.value[0] }) {
            let second = score.bands.first { $0.label == labels[1] }
            bag.error(
                "rules.band-overlap", "\(describe(totals)) \(totals.count == 1 ? "falls" : "fall") in both band \(quoted: labels[0]) and band \(quoted: labels[1]) of score \(quoted: score.id)",
                at: second?.range ?? score.range)
        }
        for band in score.bands where band.lower < score.lower || band.upper > score.upper {
            bag.error(
                "rules.band-outside", "band \(quoted: band.label) (\(band.lower)..\(band.upper)) reaches outside the declared range \(score.lower)..\(score.upper) of score \(quoted: score.id)",
                at: band.range)
        }
    }

    /// `7`, `7 and 8`, `totals 7 to 9` style lists of integers.
    static func describe(_ values: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for value in values {
            if let last = runs.last, last.1 + 1 == value { runs[runs.count - 1].1 = value } else { runs.append((value, value)) }
        }
        let parts = runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)..\($0.1)" }
        return (values.count == 1 ? "total " : "totals ") + parts.joined(separator: ", ")
    }
}
