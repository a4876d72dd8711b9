import GuidelineCompiler

/// The order of `ResultSummary` as numbers per flat recommendation, computed once per plan, so that a batch
/// line's summary is found by comparing integers.
struct SummaryOrder: Sendable {
    /// Smaller is stronger: more restrictive kind, then more urgent, then rule id.
    let strength: [Int]
    /// Smaller reads first: immediate and urgent, then by kind (contraindicated, caution, recommended, consider),
    /// then the rest of urgency, then action id.
    let reading: [Int]

    init(plan: EvaluationPlan) {
        let rules = plan.ruleset.rules
        let ruleRank = Self.ranks(rules.map(\.id))
        let actionIDs = plan.recommendations.map { rules[$0.rule].recommendations[$0.index].action.id }
        let actionRank = Self.ranks(actionIDs)
        var strength: [Int] = []
        var reading: [Int] = []
        for (flat, recommendation) in plan.recommendations.enumerated() {
            let urgency = ResultSummary.rank(
                rules[recommendation.rule].recommendations[recommendation.index].declaration.urgency)
            let kind: Int =
                switch recommendation.kind {
                case .contraindicated: 0
                case .caution: 1
                case .recommended: 2
                case .consider: 3
                }
            strength.append(
                ((3 - recommendation.kind.restrictiveness) * 8 + urgency) * (rules.count + 1)
                    + ruleRank[recommendation.rule])
            reading.append(
                (((urgency <= 1 ? urgency : 2) * 4 + kind) * 8 + urgency) * (actionIDs.count + 1) + actionRank[flat])
        }
        self.strength = strength
        self.reading = reading
    }

    /// Each string's position among the strings sorted.
    private static func ranks(_ strings: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: strings.count)
        for (position, index) in strings.indices.sorted(by: { strings[$0] < strings[$1] }).enumerated() {
            rank[index] = position
        }
        return rank
    }
}

extension BatchLineWriter {
    /// Appends `"summary": [...]`: per action, its strongest standing recommendation (`rule`, `index`, the
    /// header gives action, kind and urgency), with `unlessNotRecorded` and `provisional`, in the reading order
    /// of `ResultSummary` (after `writeRecommendations`, whose resolution it reads).
    func writeSummary(_ record: EvaluationRecord, into out: ByteBuffer, _ scratch: inout Scratch) {
        let resolution = scratch.resolution
        let standing = resolution.standing
        let actionCount = plan.policies.count
        if scratch.summaryLeads.count != actionCount {
            scratch.summaryLeads = [Int32](repeating: 0, count: actionCount)
        }
        scratch.summaryActions.removeAll(keepingCapacity: true)
        for entry in standing.indices {
            let flat = Int(standing[entry])
            let action = plan.recommendations[flat].action
            let lead = Int(scratch.summaryLeads[action])
            if lead == 0 {
                scratch.summaryActions.append(Int32(action))
            } else if summaryOrder.strength[Int(standing[lead - 1])] <= summaryOrder.strength[flat] {
                continue
            }
            scratch.summaryLeads[action] = Int32(entry + 1)
        }
        let order = summaryOrder
        // Reused from line to line: no allocation once it has grown.
        scratch.summaryOrder.removeAll(keepingCapacity: true)
        for action in scratch.summaryActions { scratch.summaryOrder.append(Int(scratch.summaryLeads[Int(action)]) - 1) }
        scratch.summaryOrder.sort { order.reading[Int(standing[$0])] < order.reading[Int(standing[$1])] }
        out.append(",\"summary\":[")
        for (position, entry) in scratch.summaryOrder.enumerated() {
            let flat = Int(standing[entry])
            out.append(pieces.bytes(pieces.recommendations[flat].opening, first: position == 0))
            let exception = plan.exceptionOfRule[plan.recommendations[flat].rule]
            out.append(
                exception >= 0 && record.exceptions[exception] == nil
                    ? ",\"unlessNotRecorded\":true" : ",\"unlessNotRecorded\":false")
            out.append(
                resolution.awaits(ofStanding: entry).isEmpty ? ",\"provisional\":false}" : ",\"provisional\":true}")
        }
        out.append(UInt8(ascii: "]"))
        for action in scratch.summaryActions { scratch.summaryLeads[Int(action)] = 0 }
    }
}
