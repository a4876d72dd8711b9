import GuidelineCompiler
import GuidelineExpression

/// The answer for one case: scores, recommendations with their reasons and citations, what was
/// suppressed, what could not be decided and what is missing.
///
/// Deterministically ordered.
public struct EvaluationResult: Sendable, Hashable {
    /// The case id, if the case gave one.
    public var caseID: String?
    /// The ruleset id, version and fingerprint, and the engine version.
    public var ruleset: RulesetIdentity
    /// Every score, in declaration order.
    public var scores: [ScoreResult]
    /// Derived values and table outputs by name, in slot order.
    public var values: [NamedValue]
    /// The recommendations that stand, in rule order.
    public var recommendations: [RecommendationResult]
    /// Recommendations overridden by a more restrictive one for the same action.
    public var suppressed: [RecommendationResult]
    /// Rules whose condition could not be decided.
    public var undetermined: [UndeterminedRule]
    /// Every fact that would decide an undetermined rule, sorted.
    public var needs: [String]
    /// Facts whose declared default was used.
    public var assumptions: [Assumption]
    /// Explanations of rules that did not fire, when asked for.
    public var whyNot: [WhyNot]
    /// Evaluation errors (overflow, division by zero), each tied to a rule or value.
    public var errors: [EvaluationIssue]
}

/// A derived value or table output by name.
public struct NamedValue: Sendable, Hashable {
    /// The value's name.
    public var name: String
    /// The value.
    public var value: Value

    /// A named value.
    package init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

/// The rule and kind that overrode a suppressed recommendation.
public struct Override: Sendable, Hashable {
    /// The overriding rule.
    public var rule: RuleReference
    /// The kind it issued.
    public var kind: RecommendationKind
}

/// An action and the kind of recommendation about it.
public struct ActionKind: Sendable, Hashable, Codable {
    /// The action code.
    public var action: String
    /// The kind.
    public var kind: RecommendationKind
}

/// Which ruleset and engine produced a result.
public struct RulesetIdentity: Sendable, Hashable, Codable {
    /// The ruleset id.
    public var id: String
    /// The ruleset version.
    public var version: String
    /// `sha256:` content fingerprint.
    public var fingerprint: String
    /// The engine version.
    public var engine: String
}

/// A score's value (or interval), band and components.
public struct ScoreResult: Sendable, Hashable {
    /// One component's contribution.
    public struct Component: Sendable, Hashable {
        /// The component id.
        public var id: String
        /// The fact read.
        public var fact: String
        /// The fact's value (unknown when missing).
        public var value: Value
        /// The option taken, if known.
        public var option: String?
        /// The points, if known.
        public var points: Int?
        /// The lowest possible points.
        public var minimum: Int
        /// The highest possible points.
        public var maximum: Int
    }

    /// The score id.
    public var id: String
    /// The score title.
    public var title: String
    /// The total, when every component is known.
    public var value: Int?
    /// The lowest total still possible.
    public var minimum: Int
    /// The highest total still possible.
    public var maximum: Int
    /// The band, when the whole interval lies in one band.
    public var band: String?
    /// The bands the interval touches (one when the band is known).
    public var possibleBands: [String]
    /// The components.
    public var components: [Component]
}

/// Where a rule is declared.
public struct RuleReference: Sendable, Hashable, Codable {
    /// The rule id.
    public var id: String
    /// The file.
    public var file: String
    /// The 1-based line of its id.
    public var line: Int
}

/// Why a condition came out as it did: one readable line and a tree.
public struct Reason: Sendable, Hashable, Codable {
    /// `sins (14) >= 13 and patient.life_expectancy (6 mo) >= 3 mo`.
    public var text: String
    /// Each sub-expression with its value.
    public var tree: ExplanationNode
}

/// A recommendation issued by a rule that fired.
public struct RecommendationResult: Sendable, Hashable {
    /// A rule that could still override a provisional recommendation.
    public struct Await: Sendable, Hashable, Codable {
        /// The undetermined rule.
        public var rule: RuleReference
        /// The kind it would issue.
        public var kind: RecommendationKind
        /// The facts that would decide it.
        public var needs: [String]
    }

    /// The action code.
    public var action: String
    /// The action title.
    public var actionTitle: String
    /// The kind.
    public var kind: RecommendationKind
    /// The urgency, if any.
    public var urgency: Urgency?
    /// The text with values interpolated.
    public var text: String
    /// Structured parameters.
    public var params: [ParamValue.Entry]
    /// The rule that issued it.
    public var rule: RuleReference
    /// Why the rule fired.
    public var because: Reason
    /// Citations with their sources.
    public var citations: [ResolvedCitation]
    /// Undetermined rules that could still override it with a more restrictive kind.
    public var awaits: [Await]
    /// For suppressed recommendations: the rule and kind that overrode it.
    public var overriddenBy: Override?
    /// The rule's exception (`unless:`), when it has one: known not to hold, or not recorded.
    public var unless: ExceptionResult?
    /// The rule's author's note (ambiguities, decisions), if it has one.
    public var note: String?

    /// True while an undetermined rule could still override it.
    public var provisional: Bool { !awaits.isEmpty }

    /// True when it holds only because its rule's exception is not recorded (shown as `unless ... (not recorded)`).
    package var holdsUnlessNotRecorded: Bool { unless?.recorded == false }
}

/// A rule's exception (`unless:`) as it stood for one case in which the rule fired: it did not hold, either
/// known not to (recorded) or because what would lift the rule is not recorded.
///
/// A rule whose exception holds does not fire.
public struct ExceptionResult: Sendable, Hashable, Codable {
    /// The exception as written.
    public var condition: String
    /// True when it is known not to hold; false when it is not recorded, and the recommendation stands
    /// regardless (a contraindication stays in force until what lifts it is recorded).
    public var recorded: Bool
    /// The facts to record to decide it (empty when recorded).
    public var needs: [String]

    /// An exception's standing.
    package init(condition: String, recorded: Bool, needs: [String]) {
        self.condition = condition
        self.recorded = recorded
        self.needs = needs
    }
}

/// A rule whose condition is unknown.
public struct UndeterminedRule: Sendable, Hashable, Codable {
    /// The rule.
    public var rule: RuleReference
    /// The facts that would decide it.
    public var needs: [String]
    /// The condition with the values known so far.
    public var because: Reason
    /// The actions and kinds it would issue.
    public var would: [ActionKind]
}

/// A default value used for a missing fact.
public struct Assumption: Sendable, Hashable, Codable {
    /// The fact.
    public var fact: String
    /// The value assumed.
    public var value: Value
}

/// Why a rule did not fire (or, for a rule asked about by name, that it did and why).
public struct WhyNot: Sendable, Hashable {
    /// The rule.
    public var rule: RuleReference
    /// `false`, nil when unknown, `true` for a rule asked about by name that fired.
    public var value: Bool?
    /// The condition with its values.
    public var because: Reason
    /// The rule's exception (`unless:`) when it held and so lifted the rule, whatever its condition.
    public var liftedBy: String?
}

/// An evaluation error: arithmetic overflow, division by zero.
public struct EvaluationIssue: Sendable, Hashable, Codable {
    /// A stable code.
    public var code: String
    /// The message.
    public var message: String
    /// The rule or value it occurred in.
    public var place: String
}
