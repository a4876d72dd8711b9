import GuidelineDiagnostics

/// A type-checked expression, ready to evaluate: the syntax tree with a type per node, names resolved to slots
/// and enum values and literals resolved to constants.
///
/// Immutable and `Sendable`.
package struct CheckedExpression: Sendable {
    /// What evaluating a node does, resolved by the checker so the evaluator does no lookups.
    enum Operation: Sendable {
        case constant(Value)
        case slot(Int)
        case not(Int)
        case negate(Int)
        case and(Int, Int)
        case or(Int, Int)
        case compare(BinaryOperator, Int, Int)
        case member(Int, Int, negated: Bool)
        case arithmetic(BinaryOperator, Int, Int)
        case range(Int, Int)
        case list([Int])
        case min([Int])
        case max([Int])
        case abs(Int)
        case known(Int)
        case invalid
    }

    /// The parts, shared by every copy: a checked expression is copied (into rules, tables, evaluators) far
    /// more often than it is built, and one reference keeps those copies cheap.
    final class Storage: Sendable {
        let parsed: ParsedExpression
        let types: [ExpressionType]
        let operations: [Operation]
        let program: Program
        let dependencies: [Int]

        init(parsed: ParsedExpression, types: [ExpressionType], operations: [Operation]) {
            self.parsed = parsed
            self.types = types
            self.operations = operations
            self.program = Program(operations, root: parsed.root)
            var slots = Set<Int>()
            for op in operations { if case .slot(let s) = op { slots.insert(s) } }
            self.dependencies = slots.sorted()
        }
    }

    let storage: Storage

    init(parsed: ParsedExpression, types: [ExpressionType], operations: [Operation]) {
        storage = Storage(parsed: parsed, types: types, operations: operations)
    }

    /// The syntax tree.
    package var parsed: ParsedExpression { storage.parsed }
    /// The type of each node, indexed by node id.
    package var types: [ExpressionType] { storage.types }
    var operations: [Operation] { storage.operations }
    /// The operations in the evaluator's compact form, indexed by node id.
    var program: Program { storage.program }
    /// The slots the expression reads, sorted, without duplicates.
    package var dependencies: [Int] { storage.dependencies }

    /// The source text.
    package var text: String { parsed.text }

    /// The id of the root node.
    package var root: Int { parsed.root }

    /// The type of the whole expression.
    package var type: ExpressionType { type(of: parsed.root) }

    /// The number of nodes (the size of an evaluation trace).
    package var nodeCount: Int { parsed.nodes.count }

    /// The type of node `id` (`.error` for an unknown id).
    package func type(of id: Int) -> ExpressionType { types.indices.contains(id) ? types[id] : .error }

    /// The slot a name node reads, if `id` is a reference to a declared name.
    package func slot(of id: Int) -> Int? {
        guard operations.indices.contains(id), case .slot(let s) = operations[id] else { return nil }
        return s
    }

    /// The constant value of a literal or enum-value node, if `id` is one.
    package func constant(of id: Int) -> Value? {
        guard operations.indices.contains(id), case .constant(let v) = operations[id] else { return nil }
        return v
    }

    /// The name-reference nodes, in source order: node id, name and slot.
    package var references: [(node: Int, name: String, slot: Int)] {
        parsed.nodes.compactMap { node in
            guard case .name(let name) = node.kind, let slot = slot(of: node.id) else { return nil }
            return (node.id, name, slot)
        }
    }

    /// Parses and type-checks `text` in one step; nil (with diagnostics) when it has errors.
    package static func compile(
        _ text: String, symbols: SymbolTable, expecting expected: ExpressionType? = nil,
        limits: ExpressionLimits = .default, sourceMap: any ExpressionSourceMap = SingleLineSourceMap(),
        diagnostics: inout DiagnosticBag
    ) -> CheckedExpression? {
        guard let parsed = ExpressionParser.parse(text, limits: limits, sourceMap: sourceMap, diagnostics: &diagnostics)
        else { return nil }
        let checker = TypeChecker(symbols: symbols, sourceMap: sourceMap)
        return checker.check(parsed, expecting: expected, diagnostics: &diagnostics)
    }
}
