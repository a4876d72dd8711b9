import GuidelineDiagnostics

/// Checks a score's tables: options cover every fact value once, totals fit the declared range, bands
/// cover the range with no gap and no overlap.
enum ScoreAnalysis {
    static func check(_ score: ScoreDeclaration, facts: [String: FactDeclaration], bag: inout DiagnosticBag) {
        for component in score.components { checkComponent(component, score: score, facts: facts, bag: &bag) }
        guard let minimum = total(score.components.map(\.minimum)), let maximum = total(score.components.map(\.maximum))
        else {
            bag.error(
                RulesDiagnosticCode.scoreOverflow,
                "the totals of score \(quoted: score.id) overflow: points must add up to at most \(Int.max) in magnitude",
                at: score.range, help: ["use smaller points"])
            checkBands(score, bag: &bag)
            return
        }
        if !score.components.isEmpty, minimum < score.lower || maximum > score.upper {
            bag.error(
                RulesDiagnosticCode.scoreRange,
                "the totals of score \(quoted: score.id) run from \(minimum) to \(maximum), outside its declared range \(score.lower)..\(score.upper)",
                at: score.range, help: ["declare 'range: \(minimum)..\(maximum)' or correct the points"])
        } else if !score.components.isEmpty, minimum != score.lower || maximum != score.upper {
            bag.warning(
                RulesDiagnosticCode.scoreRangeSlack,
                "the totals of score \(quoted: score.id) run from \(minimum) to \(maximum), narrower than its declared range \(score.lower)..\(score.upper)",
                at: score.range)
        }
        checkBands(score, bag: &bag)
    }

    private static func checkComponent(
        _ component: ScoreDeclaration.Component, score: ScoreDeclaration, facts: [String: FactDeclaration],
        bag: inout DiagnosticBag
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
                        RulesDiagnosticCode.optionOverlap,
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
                RulesDiagnosticCode.optionGap,
                "component \(quoted: component.id) of score \(quoted: score.id) gives no points for \(missing.map { "\(quoted: $0)" }.joined(separator: ", "))",
                at: component.range,
                help: ["every value of \(quoted: component.fact) needs points; give 0 where the value scores nothing"])
        }
    }

    /// The sum of `points` added in order (as the engine adds a score's components), or nil when a partial
    /// sum overflows.
    ///
    /// When the sums of the components' minima and of their maxima both fit, so does every partial total the engine
    /// computes.
    static func total(_ points: [Int]) -> Int? {
        var sum = 0
        for value in points {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow { return nil }
            sum = next
        }
        return sum
    }

    /// Reports totals of the declared range in no band or in several bands, naming the exact values.
    ///
    /// Works on the bands as intervals (sorted, swept once), so a range of any width is checked in time that
    /// depends only on the number of bands.
    static func checkBands(_ score: ScoreDeclaration, bag: inout DiagnosticBag) {
        guard !score.bands.isEmpty else { return }
        let order = score.bands.indices.sorted { (score.bands[$0].lower, $0) < (score.bands[$1].lower, $1) }
        var gaps: [(Int, Int)] = []
        var next = score.lower  // the lowest total not yet covered
        var reach: Int?  // the band reaching highest so far
        var overlaps: [(first: Int, second: Int, lower: Int, upper: Int)] = []
        for index in order {
            let band = score.bands[index]
            if band.lower > next, next <= score.upper { gaps.append((next, min(band.lower - 1, score.upper))) }
            if band.upper >= next { next = band.upper + 1 }
            if let r = reach, band.lower <= score.bands[r].upper {
                let lower = max(band.lower, score.lower)
                let upper = min(band.upper, score.bands[r].upper, score.upper)
                if lower <= upper { overlaps.append((min(r, index), max(r, index), lower, upper)) }
            }
            if reach.map({ band.upper > score.bands[$0].upper }) ?? true { reach = index }
        }
        if next <= score.upper { gaps.append((next, score.upper)) }
        if !gaps.isEmpty {
            bag.error(
                RulesDiagnosticCode.bandGap, "no band of score \(quoted: score.id) covers \(describe(runs: gaps))",
                at: score.bands[0].range,
                help: ["the bands must cover the declared range \(score.lower)..\(score.upper) with no gap"])
        }
        for overlap in overlaps.sorted(by: { ($0.lower, $0.first) < ($1.lower, $1.first) }) {
            let totals = describe(runs: [(overlap.lower, overlap.upper)])
            bag.error(
                RulesDiagnosticCode.bandOverlap,
                "\(totals) \(overlap.lower == overlap.upper ? "falls" : "fall") in both band \(quoted: score.bands[overlap.first].label) and band \(quoted: score.bands[overlap.second].label) of score \(quoted: score.id)",
                at: score.bands[overlap.second].range)
        }
        for band in score.bands where band.lower < score.lower || band.upper > score.upper {
            bag.error(
                RulesDiagnosticCode.bandOutside,
                "band \(quoted: band.label) (\(band.lower)..\(band.upper)) reaches outside the declared range \(score.lower)..\(score.upper) of score \(quoted: score.id)",
                at: band.range)
        }
    }

    /// `total 7`, `totals 7..9, 12` for runs of consecutive totals.
    static func describe(runs: [(Int, Int)]) -> String {
        let parts = runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)..\($0.1)" }
        return (runs.count == 1 && runs[0].0 == runs[0].1 ? "total " : "totals ") + parts.joined(separator: ", ")
    }
}
