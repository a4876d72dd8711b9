import GuidelineDiagnostics
import GuidelineExpression

/// Orders derived values and tables so that each is computed after everything it reads; reports cycles.
struct DependencyOrder {
    private enum Node: Hashable {
        case derived(Int)
        case table(Int)
    }

    private let derived: [DerivedDeclaration]
    private let tables: [TableDeclaration]
    private let parsedDerived: [ParsedText]
    private let parsedTables: [ParsedTable]

    /// `parsedDerived` and `parsedTables` are the expressions of `derived` and `tables`, parsed, in order.
    init(
        derived: [DerivedDeclaration], tables: [TableDeclaration], parsedDerived: [ParsedText],
        parsedTables: [ParsedTable]
    ) {
        self.derived = derived
        self.tables = tables
        self.parsedDerived = parsedDerived
        self.parsedTables = parsedTables
    }

    /// The steps in a valid order (derived and table steps only); nodes in a cycle are left out and reported.
    mutating func sort(known: Set<String>, bag: inout DiagnosticBag) -> [Step] {
        var provider: [String: Node] = [:]
        for (index, value) in derived.enumerated() { provider[value.name] = .derived(index) }
        for (index, table) in tables.enumerated() {
            for output in table.outputs { provider["\(table.id).\(output)"] = .table(index) }
        }
        var edges: [Node: [Node]] = [:]
        for (index, value) in parsedDerived.enumerated() {
            edges[.derived(index)] = value.names.compactMap { provider[$0] }
        }
        for (index, table) in tables.enumerated() {
            var mentioned = table.inputs
            for row in parsedTables[index].rows {
                mentioned += row.outputs.flatMap(\.names)
                mentioned += row.cells.compactMap { $0 }.flatMap { $0.flatMap(\.names) }
            }
            edges[.table(index)] = mentioned.compactMap { provider[$0] }.filter { $0 != .table(index) }
        }
        var state: [Node: Int] = [:]  // 1 visiting, 2 done
        var order: [Step] = []
        var stack: [Node] = []
        var inCycle = Set<Node>()
        func visit(_ node: Node) {
            if state[node] == 2 { return }
            if state[node] == 1 {
                let cycle = (stack.drop { $0 != node } + [node]).map(name)
                bag.error(
                    RulesDiagnosticCode.cycle,
                    "\(quoted: name(node)) depends on itself: \(cycle.joined(separator: " -> "))", at: range(node))
                inCycle.formUnion(stack.drop { $0 != node })
                return
            }
            state[node] = 1
            stack.append(node)
            for next in edges[node] ?? [] { visit(next) }
            stack.removeLast()
            state[node] = 2
            if inCycle.contains(node) { return }
            switch node {
            case .derived(let index): order.append(.derived(index))
            case .table(let index): order.append(.table(index))
            }
        }
        for index in derived.indices { visit(.derived(index)) }
        for index in tables.indices { visit(.table(index)) }
        return order
    }

    private func name(_ node: Node) -> String {
        switch node {
        case .derived(let index): derived[index].name
        case .table(let index): tables[index].id
        }
    }

    private func range(_ node: Node) -> SourceRange {
        switch node {
        case .derived(let index): derived[index].range
        case .table(let index): tables[index].range
        }
    }
}
