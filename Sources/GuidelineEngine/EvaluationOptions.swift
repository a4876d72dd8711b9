/// What an evaluation explains besides the rules that fired: every rule (`explainAll`), or rules asked about
/// by id (`whyNot`: why it did not fire, or that it did and why).
public struct EvaluationOptions: Sendable, Hashable {
    /// Explain every rule that did not fire.
    public var explainAll: Bool
    /// Explain these rules, whether they fired or not.
    public var whyNot: Set<String>

    /// Creates options.
    public init(explainAll: Bool = false, whyNot: Set<String> = []) {
        self.explainAll = explainAll
        self.whyNot = whyNot
    }
}
