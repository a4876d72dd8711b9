import Foundation
import GuidelineCompiler
import GuidelineExpression

/// Translates a checked condition into plain words, with the ruleset's own names: a fact's `label:` (or its
/// description when that is short), a score's title, a derived value's description.
///
/// Only what the expression says is put in words: `and`, `or`, `not`, comparisons, membership in a list or a
/// range, `known(...)`. Anything else (arithmetic, `min`, `max`, `abs`, a name without a readable phrase) is shown
/// as the expression text, in code style, rather than given a meaning it does not have.
struct ConditionPhraser {
    /// The ruleset whose names are used.
    let ruleset: CompiledRuleset

    /// The longest description used as a name in place of a label: longer ones are explanations, not names.
    static let descriptionLimit = 60

    /// The condition in plain words.
    func phrase(_ expression: CheckedExpression) -> Phrase {
        phrase(expression, expression.root, grouped: false)
    }

    /// What a reader sees for a name: its label, and whether that is a readable phrase (else the name in code).
    func term(named name: String) -> Phrase.Piece {
        guard let slot = ruleset.slot(named: name), ruleset.slots.indices.contains(slot) else { return .code(name) }
        switch ruleset.slots[slot].origin {
        case .fact(let index):
            let fact = ruleset.facts[index]
            if let label = fact.label { return .term(label, name: name) }
            return Self.shortName(fact.description).map { .term($0, name: name) } ?? .code(name)
        case .scoreTotal(let index):
            return .term(ruleset.scores[index].declaration.title, name: name)
        case .scoreBand(let index):
            return .term("\(ruleset.scores[index].declaration.title) band", name: name)
        case .derived(let index):
            return Self.shortName(ruleset.derived[index].declaration.description).map { .term($0, name: name) }
                ?? .code(name)
        case .tableOutput:
            return .code(name)
        }
    }

    /// A description short enough to stand for a name: one line, one sentence, at most ``descriptionLimit``.
    static func shortName(_ description: String) -> String? {
        let trimmed = description.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= descriptionLimit, !trimmed.contains("\n"),
            !trimmed.dropLast().contains(". ")
        else { return nil }
        return trimmed
    }

    private func phrase(_ e: CheckedExpression, _ id: Int, grouped: Bool) -> Phrase {
        guard let node = e.parsed.node(id) else { return Phrase() }
        switch node.kind {
        case .binary(let op, let left, let right) where op == .and || op == .or:
            // A nested `or` inside `and` (and the reverse) keeps its parentheses: the grouping is the meaning.
            var out = Phrase()
            if grouped { out.append("(") }
            out.append(operand(e, left, of: op))
            out.append(op == .and ? " and " : " or ")
            out.append(operand(e, right, of: op))
            if grouped { out.append(")") }
            return out
        case .unary(.not, let operand):
            if case .call("known", let args) = e.parsed.node(operand)?.kind, args.count == 1 {
                var out = value(e, args[0])
                out.append(" is not recorded")
                return out
            }
            if let name = reference(e, operand), e.type(of: operand) == .boolean {
                var out = Phrase("not: ")
                out.pieces.append(term(named: name))
                return out
            }
            var out = Phrase("not (")
            out.append(phrase(e, operand, grouped: false))
            out.append(")")
            return out
        case .call("known", let args) where args.count == 1:
            var out = value(e, args[0])
            out.append(" is recorded")
            return out
        case .binary(let op, let left, let right):
            var out = value(e, left)
            if case .range(let lo, let hi) = e.parsed.node(right)?.kind, op == .in || op == .notIn {
                out.append(op == .in ? " is from " : " is not from ")
                out.append(value(e, lo))
                out.append(" to ")
                out.append(value(e, hi))
                return out
            }
            if case .list(let items) = e.parsed.node(right)?.kind, op == .in || op == .notIn {
                out.append(op == .in ? " is one of " : " is none of ")
                for (index, item) in items.enumerated() {
                    if index > 0 { out.append(index == items.count - 1 ? " or " : ", ") }
                    out.append(value(e, item))
                }
                return out
            }
            guard let words = Self.words(op) else { return verbatim(e, id) }
            out.append(" \(words) ")
            out.append(value(e, right))
            return out
        case .literal(.boolean(true)) where id == e.root:
            return Phrase("always (the condition is true)")
        case .name:
            if reference(e, id) != nil, e.type(of: id) == .boolean { return value(e, id) }
            return verbatim(e, id)
        default:
            return verbatim(e, id)
        }
    }

    /// One side of `and` or `or`: grouped when it is the other connective.
    private func operand(_ e: CheckedExpression, _ id: Int, of op: BinaryOperator) -> Phrase {
        if case .binary(let inner, _, _) = e.parsed.node(id)?.kind, inner == .and || inner == .or, inner != op {
            return phrase(e, id, grouped: true)
        }
        return phrase(e, id, grouped: false)
    }

    /// A value: a name as its term, a constant as written, anything else verbatim.
    private func value(_ e: CheckedExpression, _ id: Int) -> Phrase {
        guard let node = e.parsed.node(id) else { return Phrase() }
        if let constant = e.constant(of: id) {
            if case .literal = node.kind { return Phrase(piece: .value(e.parsed.source(of: id))) }
            return Phrase(piece: .value(constant.description))
        }
        if let name = reference(e, id) { return Phrase(piece: term(named: name)) }
        return verbatim(e, id)
    }

    /// The declared name node `id` reads, if it is one.
    private func reference(_ e: CheckedExpression, _ id: Int) -> String? {
        guard case .name(let name) = e.parsed.node(id)?.kind, e.slot(of: id) != nil else { return nil }
        return name
    }

    private func verbatim(_ e: CheckedExpression, _ id: Int) -> Phrase {
        Phrase(piece: .code(ExpressionPrinter.print(e.parsed, node: id)))
    }

    /// The words of a comparison.
    private static func words(_ op: BinaryOperator) -> String? {
        switch op {
        case .equal: "is"
        case .notEqual: "is not"
        case .less: "is below"
        case .lessOrEqual: "is at most"
        case .greater: "is above"
        case .greaterOrEqual: "is at least"
        default: nil
        }
    }
}
