/// Limits that keep hostile or runaway expressions from exhausting memory or the stack.
public struct ExpressionLimits: Sendable, Hashable {
    /// The longest expression text accepted, in Unicode scalars.
    public var maxLength: Int
    /// The deepest syntax tree accepted (each operator, call, list or parenthesis adds a level).
    public var maxDepth: Int

    /// Creates limits.
    public init(maxLength: Int = 4096, maxDepth: Int = 64) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
    }

    /// 4096 scalars, 64 levels.
    public static let `default` = ExpressionLimits()
}
