/// Limits that keep hostile or runaway expressions from exhausting memory or the stack.
package struct ExpressionLimits: Sendable, Hashable {
    /// The longest expression text accepted, in Unicode scalars.
    package var maxLength: Int
    /// The deepest nesting accepted: each parenthesis, `not`, unary minus, call, list or operator of another
    /// level adds one; a flat chain of one operator level (`a and b and c`, `x + y - z`) is one level.
    package var maxDepth: Int
    /// The most operations one after another (in a chain, and through the operands of operands): each
    /// `and` of a flat chain counts.
    ///
    /// Bounds the recursion of every walk over the tree.
    package var maxChain: Int

    /// Creates limits.
    package init(maxLength: Int = 4096, maxDepth: Int = 64, maxChain: Int = 128) {
        self.maxLength = maxLength
        self.maxDepth = maxDepth
        self.maxChain = maxChain
    }

    /// 4096 scalars, 64 levels, 128 operations in a chain.
    package static let `default` = ExpressionLimits()
}
