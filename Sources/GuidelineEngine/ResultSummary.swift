import GuidelineCompiler

/// What a clinician reads first, computed once from a result: one line per action (its resolved kind and
/// urgency, the strongest statement first and the others folded under it), ordered so that what is urgent and
/// what is contraindicated comes first; and the facts to record to decide more, each once, with what it would
/// decide.
///
/// Text, Markdown and the JSON `summary` all render this one model.
package struct ResultSummary: Sendable {
    /// One action, once.
    package struct Line: Sendable {
        /// The action id.
        package var action: String
        /// The action's title.
        package var actionTitle: String
        /// The strongest standing kind.
        package var kind: RecommendationKind
        /// The most urgent urgency among the recommendations of that kind.
        package var urgency: Urgency?
        /// The lead recommendation holds only because what would lift its rule is not recorded.
        package var unlessNotRecorded: Bool
        /// The lead recommendation is provisional: an undetermined rule could still override it.
        package var provisional: Bool
        /// The lead recommendation, by position in the result's `recommendations`.
        package var lead: Int
        /// The other standing recommendations for the action, by position, strongest first.
        package var also: [Int]
    }

    /// What recording a fact would decide: an undetermined rule's recommendation, or an exception not
    /// recorded (which would lift a recommendation that stands).
    package struct Decision: Sendable, Hashable {
        /// The action.
        package var action: String
        /// The kind at stake.
        package var kind: RecommendationKind
        /// The rule.
        package var rule: String
        /// True when the fact decides an exception (`unless:`) of a rule that fired; false for a rule that is
        /// undetermined.
        package var exception: Bool
    }

    /// A fact to record.
    package struct FactToRecord: Sendable {
        /// The fact.
        package var fact: String
        /// What it would decide, most restrictive first.
        package var decides: [Decision]
    }

    /// One line per action, in reading order.
    package var lines: [Line]
    /// The facts to record, the one deciding the most restrictive recommendation first.
    package var record: [FactToRecord]

    /// The summary of `result`.
    package init(_ result: EvaluationResult) {
        let recommendations = result.recommendations
        var byAction: [String: [Int]] = [:]
        var order: [String] = []
        for (index, recommendation) in recommendations.enumerated() {
            if byAction[recommendation.action] == nil { order.append(recommendation.action) }
            byAction[recommendation.action, default: []].append(index)
        }
        // Orders that do not depend on the order of rule files: by kind, urgency, then rule id.
        func strength(_ index: Int) -> (Int, Int, String) {
            (
                -recommendations[index].kind.restrictiveness, Self.rank(recommendations[index].urgency),
                recommendations[index].rule.id
            )
        }
        var lines: [Line] = order.map { action in
            let items = byAction[action, default: []].sorted { strength($0) < strength($1) }
            let lead = recommendations[items[0]]
            return Line(
                action: action, actionTitle: lead.actionTitle, kind: lead.kind, urgency: lead.urgency,
                unlessNotRecorded: lead.holdsUnlessNotRecorded, provisional: lead.provisional, lead: items[0],
                also: Array(items.dropFirst()))
        }
        lines.sort {
            let (a, b) = (Self.readingOrder($0), Self.readingOrder($1))
            return (a.0, a.1, a.2, $0.action) < (b.0, b.1, b.2, $1.action)
        }
        self.lines = lines

        var decides: [String: [Decision]] = [:]
        for rule in result.undetermined {
            for fact in rule.needs {
                for would in rule.would {
                    decides[fact, default: []].append(
                        Decision(action: would.action, kind: would.kind, rule: rule.rule.id, exception: false))
                }
            }
        }
        for recommendation in [recommendations, result.suppressed].joined() {
            guard let unless = recommendation.unless, !unless.recorded else { continue }
            for fact in unless.needs {
                decides[fact, default: []].append(
                    Decision(
                        action: recommendation.action, kind: recommendation.kind, rule: recommendation.rule.id,
                        exception: true))
            }
        }
        var record: [FactToRecord] = []
        for fact in result.needs {
            let list = Self.distinct(decides[fact] ?? []).sorted {
                ($0.kind.restrictiveness, $1.action, $1.rule, $1.exception ? 1 : 0) > (
                    $1.kind.restrictiveness, $0.action, $0.rule, $0.exception ? 1 : 0
                )
            }
            record.append(FactToRecord(fact: fact, decides: list))
        }
        self.record = record.enumerated().sorted {
            let a = $0.element.decides.first?.kind.restrictiveness ?? -1
            let b = $1.element.decides.first?.kind.restrictiveness ?? -1
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// 0 immediate, 1 urgent, 2 soon, 3 routine, 4 none.
    static func rank(_ urgency: Urgency?) -> Int {
        switch urgency {
        case .immediate: 0
        case .urgent: 1
        case .soon: 2
        case .routine: 3
        case nil: 4
        }
    }

    /// The decisions without repeats, each where it first occurs (a short list is scanned: hashing the strings
    /// of every decision cost more).
    private static func distinct(_ decisions: [Decision]) -> [Decision] {
        guard decisions.count > 1 else { return decisions }
        guard decisions.count <= 16 else {
            var seen = Set<Decision>()
            return decisions.filter { seen.insert($0).inserted }
        }
        var kept: [Decision] = []
        kept.reserveCapacity(decisions.count)
        for decision in decisions where !kept.contains(decision) { kept.append(decision) }
        return kept
    }

    /// What is immediate or urgent first, then by kind (contraindicated, caution, recommended, consider), then by
    /// the rest of urgency (then, for a stable order whatever the order of rule files, by action id).
    private static func readingOrder(_ line: Line) -> (Int, Int, Int) {
        let urgency = rank(line.urgency)
        let kind: Int =
            switch line.kind {
            case .contraindicated: 0
            case .caution: 1
            case .recommended: 2
            case .consider: 3
            }
        return (urgency <= 1 ? urgency : 2, kind, urgency)
    }
}
