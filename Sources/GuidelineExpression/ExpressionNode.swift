/// A unary operator.
package enum UnaryOperator: String, Sendable, Hashable {
    /// Logical negation, `not`.
    case not
    /// Arithmetic negation, `-`.
    case negate = "-"
}

/// A binary operator, from lowest to highest precedence group.
package enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `or`
    case or
    /// `and`
    case and
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `in`
    case `in`
    /// `not in`
    case notIn = "not in"
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"

    /// Binding strength: or 1, and 2, comparisons and `in` 4, additive 5, multiplicative 6.
    package var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn: 4
        case .add, .subtract: 5
        case .multiply, .divide: 6
        }
    }

    /// True for `==`, `!=`, `<`, `<=`, `>`, `>=`.
    package var isComparison: Bool { precedence == 4 && self != .in && self != .notIn }

    /// True for `<`, `<=`, `>`, `>=`.
    package var isOrdering: Bool {
        self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual
    }
}

/// A literal constant written in an expression.
package enum Literal: Sendable, Hashable {
    /// A number written without a decimal point.
    case integer(Number)
    /// A number written with a decimal point.
    case decimal(Number)
    /// A number with a unit.
    case quantity(Quantity)
    /// `true` or `false`.
    case boolean(Bool)
}

/// One node of a parsed expression; children are referred to by node id (an index into the node table).
package struct ExpressionNode: Sendable, Hashable {
    /// What the node is.
    package enum Kind: Sendable, Hashable {
        /// A literal.
        case literal(Literal)
        /// A name: a declared symbol or a bare enum value, resolved by the type checker.
        case name(String)
        /// A unary operation.
        case unary(UnaryOperator, Int)
        /// A binary operation (including `in` and `not in`, whose right side is a collection).
        case binary(BinaryOperator, Int, Int)
        /// A list `[a, b]`.
        case list([Int])
        /// A range `lo..hi` (the right side of `in`, or a constant literal).
        case range(Int, Int)
        /// A function call `f(a, b)`.
        case call(String, [Int])
    }

    /// The node id, equal to its index in `ParsedExpression.nodes`.
    package var id: Int
    /// The kind, with child ids.
    package var kind: Kind
    /// The scalar offsets of the node's source text (without enclosing parentheses).
    package var span: Range<Int>

    /// Creates a node.
    package init(id: Int, kind: Kind, span: Range<Int>) {
        self.id = id
        self.kind = kind
        self.span = span
    }

    /// The ids of the children, left to right.
    package var children: [Int] {
        switch kind {
        case .literal, .name: []
        case .unary(_, let a): [a]
        case .binary(_, let a, let b), .range(let a, let b): [a, b]
        case .list(let items), .call(_, let items): items
        }
    }
}

/// A parsed expression: its text and a flat node table in which children come before their parents.
package struct ParsedExpression: Sendable, Hashable {
    /// The source text.
    package let text: String
    /// The nodes; `nodes[i].id == i`.
    package let nodes: [ExpressionNode]
    /// The id of the root node.
    package let root: Int

    /// Creates a parsed expression (normally made by `ExpressionParser`).
    package init(text: String, nodes: [ExpressionNode], root: Int) {
        self.text = text
        self.nodes = nodes
        self.root = root
    }

    /// The node with `id`, if any.
    package func node(_ id: Int) -> ExpressionNode? { nodes.indices.contains(id) ? nodes[id] : nil }

    /// The source text of a node (its span of `text`).
    package func source(of id: Int) -> String {
        guard let node = node(id) else { return "" }
        let scalars = text.unicodeScalars
        let count = scalars.count
        let lo = min(max(0, node.span.lowerBound), count)
        let hi = min(max(lo, node.span.upperBound), count)
        let start = scalars.index(scalars.startIndex, offsetBy: lo)
        let end = scalars.index(start, offsetBy: hi - lo)
        return String(scalars[start..<end])
    }

    /// True when both have the same tree shape and contents, ignoring spans and text.
    package func sameTree(as other: ParsedExpression) -> Bool {
        func same(_ a: Int, _ b: Int) -> Bool {
            guard let x = node(a), let y = other.node(b) else { return false }
            switch (x.kind, y.kind) {
            case (.literal(let l), .literal(let r)): return l == r && sameUnit(l, r)
            case (.name(let l), .name(let r)): return l == r
            case (.unary(let o1, let c1), .unary(let o2, let c2)): return o1 == o2 && same(c1, c2)
            case (.binary(let o1, let a1, let b1), .binary(let o2, let a2, let b2)):
                return o1 == o2 && same(a1, a2) && same(b1, b2)
            case (.range(let a1, let b1), .range(let a2, let b2)): return same(a1, a2) && same(b1, b2)
            case (.list(let l), .list(let r)): return l.count == r.count && zip(l, r).allSatisfy(same)
            case (.call(let f, let l), .call(let g, let r)):
                return f == g && l.count == r.count && zip(l, r).allSatisfy(same)
            default: return false
            }
        }
        return same(root, other.root)
    }

    private func sameUnit(_ l: Literal, _ r: Literal) -> Bool {
        if case .quantity(let a) = l, case .quantity(let b) = r { return a.unit == b.unit }
        return true
    }
}
