/// Prints a parsed expression as canonical text, with only the parentheses precedence needs.
///
/// `ExpressionParser.parse(ExpressionPrinter.print(e))` has the same tree as `e`.
package enum ExpressionPrinter: Sendable {
    /// The canonical text of the whole expression.
    package static func print(_ expression: ParsedExpression) -> String {
        print(expression, node: expression.root)
    }

    /// The canonical text of one node.
    package static func print(_ expression: ParsedExpression, node: Int) -> String {
        var out = ""
        write(expression, node, minLevel: 0, into: &out) { _, _ in nil }
        return out
    }

    /// Prints with `override` deciding the text of some nodes (returning nil prints the node normally).
    static func print(
        _ expression: ParsedExpression, override: (Int, ExpressionNode) -> String?
    ) -> String {
        var out = ""
        write(expression, expression.root, minLevel: 0, into: &out, override: override)
        return out
    }

    /// The canonical text of a literal.
    package static func text(of literal: Literal) -> String {
        switch literal {
        case .integer(let n): n.description
        case .decimal(let n): n.isInteger ? "\(n).0" : n.description
        case .quantity(let q): q.description
        case .boolean(let b): b ? "true" : "false"
        }
    }

    /// The binding level of a node: or 1, and 2, not 3, comparison 4, additive 5, multiplicative 6,
    /// unary minus 7, primary 8.
    static func level(_ node: ExpressionNode) -> Int {
        switch node.kind {
        case .binary(let op, _, _): op.precedence
        case .unary(.not, _): 3
        case .unary(.negate, _): 7
        case .range: 4
        case .literal, .name, .list, .call: 8
        }
    }

    private static func write(
        _ e: ParsedExpression, _ id: Int, minLevel: Int, into out: inout String,
        override: (Int, ExpressionNode) -> String?
    ) {
        guard let node = e.node(id) else { return }
        let parenthesize = level(node) < minLevel
        if parenthesize { out += "(" }
        defer { if parenthesize { out += ")" } }
        if let text = override(id, node) {
            out += text
            return
        }
        switch node.kind {
        case .literal(let literal):
            out += text(of: literal)
        case .name(let name):
            out += name
        case .unary(.not, let operand):
            out += "not "
            write(e, operand, minLevel: 3, into: &out, override: override)
        case .unary(.negate, let operand):
            var inner = ""
            write(e, operand, minLevel: 7, into: &inner, override: override)
            out += inner.hasPrefix("-") ? "- " + inner : "-" + inner
        case .binary(let op, let l, let r):
            let p = op.precedence
            let leftLevel = p == 4 ? 5 : p
            let rightLevel = p == 4 ? 5 : p + 1
            write(e, l, minLevel: leftLevel, into: &out, override: override)
            out += " \(op.rawValue) "
            if (op == .in || op == .notIn), case .range = e.node(r)?.kind {
                writeRange(e, r, into: &out, override: override)
            } else {
                write(e, r, minLevel: rightLevel, into: &out, override: override)
            }
        case .range:
            writeRange(e, id, into: &out, override: override)
        case .list(let items):
            out += "["
            writeItems(e, items, into: &out, override: override)
            out += "]"
        case .call(let name, let args):
            out += name + "("
            writeItems(e, args, into: &out, override: override)
            out += ")"
        }
    }

    private static func writeRange(
        _ e: ParsedExpression, _ id: Int, into out: inout String, override: (Int, ExpressionNode) -> String?
    ) {
        guard let node = e.node(id), case .range(let lo, let hi) = node.kind else { return }
        if let text = override(id, node) {
            out += text
            return
        }
        write(e, lo, minLevel: 5, into: &out, override: override)
        out += ".."
        write(e, hi, minLevel: 5, into: &out, override: override)
    }

    private static func writeItems(
        _ e: ParsedExpression, _ items: [Int], into out: inout String, override: (Int, ExpressionNode) -> String?
    ) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            write(e, item, minLevel: 1, into: &out, override: override)
        }
    }
}
