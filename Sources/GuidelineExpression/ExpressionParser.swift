import GuidelineDiagnostics

/// A recursive-descent parser for the expression language (the EBNF in the README).
///
/// Precedence, lowest first: `or` < `and` < `not` < comparisons and `in` < `+ -` < `* /` < unary `-`.
/// Lexical errors are collected and recovered from; the first syntax error is reported precisely and ends parsing.
package struct ExpressionParser: Sendable {
    private struct Failure: Error {}

    private let text: String
    private let tokens: [Token]
    private let limits: ExpressionLimits
    private let sourceMap: any ExpressionSourceMap
    private let allowTopLevelRange: Bool
    private var index = 0
    private var nodes: [ExpressionNode] = []
    private var depths: [Int] = []
    /// Each node's height: the operations on the longest path down from it (what recursive walks go through).
    private var heights: [Int] = []
    /// Each node's span including any parentheses around it, for the spans of its parents.
    private var extents: [Range<Int>] = []
    private var nesting = 0
    private var diagnostics = DiagnosticBag()

    private init(
        text: String, tokens: [Token], limits: ExpressionLimits, sourceMap: any ExpressionSourceMap,
        allowTopLevelRange: Bool
    ) {
        self.text = text
        self.tokens = tokens
        self.limits = limits
        // At most about one node per token: no growing while parsing.
        nodes.reserveCapacity(tokens.count)
        depths.reserveCapacity(tokens.count)
        heights.reserveCapacity(tokens.count)
        extents.reserveCapacity(tokens.count)
        self.sourceMap = sourceMap
        self.allowTopLevelRange = allowTopLevelRange
    }

    /// Parses `text`; nil (with diagnostics) when it has any lexical or syntax error or exceeds a limit.
    package static func parse(
        _ text: String, limits: ExpressionLimits = .default,
        sourceMap: any ExpressionSourceMap = SingleLineSourceMap(), diagnostics: inout DiagnosticBag
    ) -> ParsedExpression? {
        parse(text, limits: limits, sourceMap: sourceMap, allowTopLevelRange: false, diagnostics: &diagnostics)
    }

    /// Parses `text`, optionally accepting a top-level range `lo..hi` (for constant literals).
    static func parse(
        _ text: String, limits: ExpressionLimits, sourceMap: any ExpressionSourceMap, allowTopLevelRange: Bool,
        diagnostics: inout DiagnosticBag
    ) -> ParsedExpression? {
        let length = ScalarText.count(of: text)
        if length > limits.maxLength {
            diagnostics.error(
                ExpressionDiagnosticCode.tooLong,
                "expression is \(length) characters long, over the limit of \(limits.maxLength)",
                at: sourceMap.range(of: limits.maxLength..<length))
            return nil
        }
        var lexDiagnostics = DiagnosticBag()
        let tokens = Lexer.tokenize(text, sourceMap: sourceMap, diagnostics: &lexDiagnostics)
        diagnostics.append(contentsOf: lexDiagnostics.all)
        var parser = ExpressionParser(
            text: text, tokens: tokens, limits: limits, sourceMap: sourceMap, allowTopLevelRange: allowTopLevelRange)
        let root = try? parser.parseTop()
        diagnostics.append(contentsOf: parser.diagnostics.all)
        guard let root, !lexDiagnostics.hasErrors, !parser.diagnostics.hasErrors else { return nil }
        return ParsedExpression(text: text, nodes: parser.nodes, root: root)
    }

    // MARK: tokens

    private var current: Token {
        tokens.indices.contains(index)
            ? tokens[index] : Token(.end, text.unicodeScalars.count..<text.unicodeScalars.count)
    }

    private func peek(_ offset: Int) -> Token? {
        tokens.indices.contains(index + offset) ? tokens[index + offset] : nil
    }

    // The checks below read the current token where it lies instead of copying it (and its text) out:
    // the grammar asks several of them per token.

    private func isSymbol(_ s: String, _ token: Token? = nil) -> Bool {
        if let token {
            if case .symbol(let t) = token.kind { return t == s }
            return false
        }
        guard index < tokens.count else { return false }
        if case .symbol(let t) = tokens[index].kind { return t == s }
        return false
    }

    private func isKeyword(_ k: String, _ token: Token? = nil) -> Bool {
        if let token {
            if case .keyword(let t) = token.kind { return t == k }
            return false
        }
        guard index < tokens.count else { return false }
        if case .keyword(let t) = tokens[index].kind { return t == k }
        return false
    }

    private mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private mutating func fail(_ message: String, _ span: Range<Int>, help: [String] = []) -> Failure {
        diagnostics.error(ExpressionDiagnosticCode.syntax, message, at: sourceMap.range(of: span), help: help)
        return Failure()
    }

    private mutating func add(_ kind: ExpressionNode.Kind, _ span: Range<Int>) throws(Failure) -> Int {
        let id = nodes.count
        let node = ExpressionNode(id: id, kind: kind, span: span)
        var deepest = 0
        var tallest = 0
        func visit(_ child: Int) {
            guard depths.indices.contains(child) else { return }
            deepest = max(deepest, depths[child])
            tallest = max(tallest, heights[child])
        }
        switch kind {
        case .literal, .name: break
        case .unary(_, let a): visit(a)
        case .binary(let op, let a, let b):
            // A flat chain (`a and b and c`, `x + y - z`) is one level however long: its left operand, the
            // chain so far, is at this node's level. Its length is bounded by `maxLength`.
            if nodes.indices.contains(a), case .binary(let inner, _, _) = nodes[a].kind, Self.chains(inner, op),
                extents[a] == nodes[a].span
            {
                deepest = max(deepest, depths[a] - 1)
                tallest = max(tallest, heights[a])
            } else {
                visit(a)
            }
            visit(b)
        case .range(let a, let b):
            visit(a)
            visit(b)
        case .list(let items), .call(_, let items): items.forEach(visit)
        }
        let depth = 1 + deepest
        if depth > limits.maxDepth { throw tooDeep(span) }
        let height = 1 + tallest
        if height > limits.maxChain { throw tooLong(span) }
        nodes.append(node)
        depths.append(depth)
        heights.append(height)
        extents.append(span)
        return id
    }

    /// Whether `a op b` with `a` an operation `inner` continues one chain: the same operator level of
    /// `and`, `or`, `+ -` or `* /`.
    private static func chains(_ inner: BinaryOperator, _ op: BinaryOperator) -> Bool {
        switch (inner, op) {
        case (.and, .and), (.or, .or): true
        case (.add, .add), (.add, .subtract), (.subtract, .add), (.subtract, .subtract): true
        case (.multiply, .multiply), (.multiply, .divide), (.divide, .multiply), (.divide, .divide): true
        default: false
        }
    }

    private mutating func tooDeep(_ span: Range<Int>) -> Failure {
        diagnostics.error(
            ExpressionDiagnosticCode.tooDeep, "expression nests deeper than the limit of \(limits.maxDepth) levels",
            at: sourceMap.range(of: span), help: ["split it into derived values"])
        return Failure()
    }

    private mutating func tooLong(_ span: Range<Int>) -> Failure {
        diagnostics.error(
            ExpressionDiagnosticCode.tooLong,
            "expression chains more than \(limits.maxChain) operations one after another",
            at: sourceMap.range(of: span), help: ["split it into derived values"])
        return Failure()
    }

    private mutating func enter() throws(Failure) {
        nesting += 1
        if nesting > limits.maxDepth { throw tooDeep(current.span) }
    }

    private func span(_ id: Int) -> Range<Int> { extents.indices.contains(id) ? extents[id] : 0..<0 }

    private func join(_ a: Int, _ b: Int) -> Range<Int> {
        let l = span(a), r = span(b)
        return min(l.lowerBound, r.lowerBound)..<max(l.upperBound, r.upperBound)
    }

    // MARK: grammar

    private mutating func parseTop() throws(Failure) -> Int {
        var root = try parseOr()
        if allowTopLevelRange, isSymbol("..") {
            _ = advance()
            let hi = try parseAdditive()
            root = try add(.range(root, hi), join(root, hi))
        }
        guard case .end = current.kind else {
            if isSymbol("..") {
                throw fail("a range is only allowed after 'in'", current.span, help: ["write 'x in lo..hi'"])
            }
            if isSymbol(")") { throw fail("unmatched ')'", current.span) }
            throw fail(
                "unexpected \(current.quoted) after the expression", current.span,
                help: ["join conditions with 'and' or 'or'"])
        }
        return root
    }

    private mutating func parseExpression() throws(Failure) -> Int { try parseOr() }

    private mutating func parseOr() throws(Failure) -> Int {
        var left = try parseAnd()
        while isKeyword("or") {
            _ = advance()
            let right = try parseAnd()
            left = try add(.binary(.or, left, right), join(left, right))
        }
        return left
    }

    private mutating func parseAnd() throws(Failure) -> Int {
        var left = try parseNot()
        while isKeyword("and") {
            _ = advance()
            let right = try parseNot()
            left = try add(.binary(.and, left, right), join(left, right))
        }
        return left
    }

    private mutating func parseNot() throws(Failure) -> Int {
        guard isKeyword("not") else { return try parseComparison() }
        let start = advance().span.lowerBound
        try enter()
        let operand = try parseNot()
        nesting -= 1
        return try add(.unary(.not, operand), start..<span(operand).upperBound)
    }

    private func comparisonOperator() -> BinaryOperator? {
        guard index < tokens.count, case .symbol(let s) = tokens[index].kind else { return nil }
        switch s {
        case "==": return .equal
        case "!=": return .notEqual
        case "<": return .less
        case "<=": return .lessOrEqual
        case ">": return .greater
        case ">=": return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func parseComparison() throws(Failure) -> Int {
        let left = try parseAdditive()
        var result = left
        if let op = comparisonOperator() {
            _ = advance()
            let right = try parseAdditive()
            result = try add(.binary(op, left, right), join(left, right))
        } else if isKeyword("in") || (isKeyword("not") && peek(1).map { isKeyword("in", $0) } == true) {
            let negated = isKeyword("not")
            _ = advance()
            if negated { _ = advance() }
            let collection = try parseCollection()
            result = try add(.binary(negated ? .notIn : .in, left, collection), join(left, collection))
        } else {
            return left
        }
        if comparisonOperator() != nil || isKeyword("in") {
            throw fail(
                "comparisons cannot be chained", current.span,
                help: ["use 'and' between comparisons, or parentheses"])
        }
        return result
    }

    private mutating func parseCollection() throws(Failure) -> Int {
        let lo = try parseAdditive()
        guard isSymbol("..") else { return lo }
        _ = advance()
        let hi = try parseAdditive()
        return try add(.range(lo, hi), join(lo, hi))
    }

    private mutating func parseAdditive() throws(Failure) -> Int {
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let op: BinaryOperator = isSymbol("+") ? .add : .subtract
            _ = advance()
            let right = try parseMultiplicative()
            left = try add(.binary(op, left, right), join(left, right))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(Failure) -> Int {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let op: BinaryOperator = isSymbol("*") ? .multiply : .divide
            _ = advance()
            let right = try parseUnary()
            left = try add(.binary(op, left, right), join(left, right))
        }
        return left
    }

    private mutating func parseUnary() throws(Failure) -> Int {
        guard isSymbol("-") else { return try parsePrimary() }
        let start = advance().span.lowerBound
        try enter()
        let operand = try parseUnary()
        nesting -= 1
        return try add(.unary(.negate, operand), start..<span(operand).upperBound)
    }

    private mutating func parsePrimary() throws(Failure) -> Int {
        let token = current
        switch token.kind {
        case .number(let n, let text):
            _ = advance()
            return try add(.literal(text.contains(".") ? .decimal(n) : .integer(n)), token.span)
        case .quantity(let n, let text, let unit):
            _ = advance()
            guard let q = try? Quantity(n, unit) else {
                diagnostics.error(
                    ExpressionDiagnosticCode.invalidNumber,
                    "quantity \(quoted: "\(text) \(unit.symbol)") is too large: in \(unit.dimension.baseUnit.map { "'\($0.symbol)'" } ?? "its base unit") it passes the limit of \(Number.largestWhole)",
                    at: sourceMap.range(of: token.span))
                throw Failure()
            }
            return try add(.literal(.quantity(q)), token.span)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return try add(.literal(.boolean(isKeyword("true", token))), token.span)
        case .name(let name):
            _ = advance()
            guard isSymbol("(") else { return try add(.name(name), token.span) }
            _ = advance()
            try enter()
            let (args, end) = try parseItems(closing: ")", what: "arguments")
            nesting -= 1
            return try add(.call(name, args), token.span.lowerBound..<end)
        case .symbol("("):
            _ = advance()
            try enter()
            let inner = try parseExpression()
            nesting -= 1
            guard isSymbol(")") else {
                throw fail(
                    "expected ')' to close '(', found \(current.quoted)", current.span,
                    help: ["the '(' is at offset \(token.span.lowerBound)"])
            }
            let close = advance().span.upperBound
            if extents.indices.contains(inner) { extents[inner] = token.span.lowerBound..<close }
            return inner
        case .symbol("["):
            _ = advance()
            try enter()
            let (items, end) = try parseItems(closing: "]", what: "list")
            nesting -= 1
            return try add(.list(items), token.span.lowerBound..<end)
        case .keyword(let k) where k == "and" || k == "or" || k == "in":
            throw fail("expected an expression before \(quoted: k), found \(quoted: k)", token.span)
        default:
            throw fail("expected an expression, found \(token.quoted)", token.span)
        }
    }

    /// Comma-separated expressions up to `closing`; returns them and the end offset of `closing`.
    private mutating func parseItems(closing: String, what: String) throws(Failure) -> ([Int], Int) {
        var items: [Int] = []
        if isSymbol(closing) { return (items, advance().span.upperBound) }
        while true {
            items.append(try parseExpression())
            if isSymbol(closing) { return (items, advance().span.upperBound) }
            guard isSymbol(",") else {
                throw fail("expected ',' or \(quoted: closing) in \(what), found \(current.quoted)", current.span)
            }
            _ = advance()
        }
    }
}
