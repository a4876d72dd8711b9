import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine

/// What a cohort's actions taken and the engine's recommendations agree and disagree on, per action of the ruleset
/// (`guideline concordance`).
///
/// For every case counted and every action the ruleset declares, the engine's statement on the action (the
/// summary's strongest standing kind, or `undetermined` when nothing stands but an undetermined rule would issue
/// something on it, or `nothing`) meets whether the action was done; each action's counts are that table, and the
/// cases contraindicated but done are listed.
package struct ConcordanceReport: Sendable {
    /// What the engine said about one action for one case.
    package enum Statement: String, Sendable, CaseIterable {
        /// The strongest standing recommendation on the action is `recommended` (provisional or not).
        case recommended
        /// The strongest standing one is `consider`.
        case consider
        /// The strongest standing one is `caution`.
        case caution
        /// The strongest standing one is `contraindicated` (also while what lifts it is not recorded).
        case contraindicated
        /// Nothing stands on the action, but a rule that could not be decided (facts not recorded) would issue
        /// something on it.
        case undetermined
        /// Nothing stands on the action and no undetermined rule would issue anything on it.
        case nothing

        /// The words a report shows.
        package var label: String { self == .nothing ? "nothing issued" : rawValue }
    }

    /// A case, by its line in the cohort and its id when it has one.
    package struct CaseReference: Sendable, Hashable {
        /// The line number in the cohort file.
        package var line: Int
        /// The case id (`case`), nil when the line has none.
        package var id: String?

        /// `'case-7' (line 8)`, or `line 12` without an id.
        package var description: String { id.map { "\(quoted: $0) (line \(line))" } ?? "line \(line)" }
    }

    /// One action's table.
    package struct Tally: Sendable {
        /// The action id.
        package var action: String
        /// Its title.
        package var title: String
        /// Cases done, by statement (indexed like `Statement.allCases`).
        package var done: [Int] = Array(repeating: 0, count: Statement.allCases.count)
        /// Cases not done, by statement.
        package var notDone: [Int] = Array(repeating: 0, count: Statement.allCases.count)
        /// The cases where the action was contraindicated and done, in cohort order.
        package var contraindicatedButDone: [CaseReference] = []

        /// Cases with `statement`, done or not.
        package func count(_ statement: Statement, done isDone: Bool) -> Int {
            let index = Statement.allCases.firstIndex(of: statement) ?? 0
            return isDone ? done[index] : notDone[index]
        }

        /// Done although nothing was issued on it and nothing was pending: not addressed by the guideline.
        package var notAddressed: Int { count(.nothing, done: true) }
    }

    /// The cohort's name in messages and reports.
    package var cohort: String
    /// The ruleset's id.
    package var rulesetID: String
    /// The ruleset's version.
    package var version: String
    /// The ruleset's fingerprint (`sha256:...`).
    package var fingerprint: String
    /// The ruleset's title.
    package var title: String
    /// One tally per action, in the manifest's order.
    package var tallies: [Tally]
    /// The cases counted.
    package var cases = 0
    /// The lines not counted (each with an error among the diagnostics).
    package var linesNotCounted = 0
    /// The problems of the cohort's lines, in line order.
    package var diagnostics: [Diagnostic] = []

    /// An empty report over `ruleset`'s actions.
    package init(cohort: String, ruleset: CompiledRuleset) {
        self.cohort = cohort
        rulesetID = ruleset.manifest.id
        version = ruleset.manifest.version
        fingerprint = ruleset.fingerprint
        title = ruleset.manifest.title
        tallies = ruleset.manifest.actions.map { Tally(action: $0.id, title: $0.title) }
    }

    /// Counts one case: its result and the actions done.
    package mutating func add(_ result: EvaluationResult, done: Set<String>, case reference: CaseReference) {
        cases += 1
        let summary = ResultSummary(result)
        var standing: [String: RecommendationKind] = [:]
        for line in summary.lines { standing[line.action] = line.kind }
        let pending = Set(result.undetermined.flatMap { $0.would.map(\.action) })
        for index in tallies.indices {
            let action = tallies[index].action
            let statement = Self.statement(standing[action], pending: pending.contains(action))
            let column = Statement.allCases.firstIndex(of: statement) ?? 0
            if done.contains(action) {
                tallies[index].done[column] += 1
                if statement == .contraindicated { tallies[index].contraindicatedButDone.append(reference) }
            } else {
                tallies[index].notDone[column] += 1
            }
        }
    }

    /// The statement for an action whose strongest standing kind is `kind` (nil: none stands).
    static func statement(_ kind: RecommendationKind?, pending: Bool) -> Statement {
        switch kind {
        case .recommended: .recommended
        case .consider: .consider
        case .caution: .caution
        case .contraindicated: .contraindicated
        case nil: pending ? .undetermined : .nothing
        }
    }
}
