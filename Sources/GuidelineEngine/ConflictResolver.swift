import GuidelineCompiler

/// Resolves recommendations for the same action and marks what undetermined rules could still change.
enum ConflictResolver {
    struct Resolution {
        var standing: [RecommendationResult] = []
        var suppressed: [RecommendationResult] = []
    }

    /// Splits the issued recommendations into standing and suppressed (per the action's policy), and marks
    /// each standing one provisional while an undetermined rule could issue a more restrictive kind for it.
    static func resolve(outcomes: inout [RuleOutcome], ruleset: CompiledRuleset) -> Resolution {
        var strongest: [String: RecommendationResult] = [:]
        for outcome in outcomes {
            for issued in outcome.issued {
                if let current = strongest[issued.action], current.kind >= issued.kind { continue }
                strongest[issued.action] = issued
            }
        }
        var pending: [String: [RecommendationResult.Await]] = [:]
        for outcome in outcomes where outcome.value == nil {
            for recommendation in outcome.rule.recommendations {
                pending[recommendation.action.id, default: []].append(
                    .init(rule: outcome.reference, kind: recommendation.declaration.kind, needs: outcome.needs))
            }
        }
        var resolution = Resolution()
        for outcome in outcomes {
            for var issued in outcome.issued {
                if ruleset.conflictPolicy(for: issued.action) == .mostRestrictive, let winner = strongest[issued.action], winner.kind > issued.kind {
                    issued.overriddenBy = (winner.rule, winner.kind)
                    resolution.suppressed.append(issued)
                    continue
                }
                issued.awaits = (pending[issued.action] ?? []).filter { $0.kind > issued.kind }
                resolution.standing.append(issued)
            }
        }
        return resolution
    }
}
