import GuidelineCompiler

/// The pathway of a ruleset as a graph: facts, the values computed from them (scores, derived values, tables),
/// the rules that read them, and the actions the rules recommend; as Graphviz DOT or Mermaid text.
///
/// Node ids are made from kinds and positions (`f3`, `s0`, `r12`, `a4`), never from names, so no name needs
/// quoting in an id; every label is escaped for its format.
struct PathwayGraph: Sendable, Equatable {
    /// What a node stands for.
    enum Kind: String, Sendable {
        /// A fact of the case.
        case fact
        /// A score, derived value or decision table.
        case computed
        /// A rule.
        case rule
        /// An action.
        case action
    }

    /// One node.
    struct Node: Sendable, Equatable {
        /// The id, safe in DOT and Mermaid.
        var id: String
        /// The label.
        var label: String
        /// What it stands for.
        var kind: Kind
    }

    /// One edge.
    struct Edge: Sendable, Equatable {
        /// The source node's id.
        var from: String
        /// The target node's id.
        var to: String
        /// A label (a recommendation's kind), if any.
        var label: String?
        /// Drawn dashed: the rule reads the value only in its `unless:`.
        var dashed = false
    }

    /// The nodes: facts, computed values, rules, actions.
    var nodes: [Node] = []
    /// The edges, without duplicates.
    var edges: [Edge] = []

    /// The graph of `ruleset`: only facts and values some rule reads, directly or through computed values.
    init(_ ruleset: CompiledRuleset) {
        var used = Set<String>()
        var edges: [Edge] = []
        func add(_ edge: Edge) {
            guard used.insert("\(edge.from)>\(edge.to)").inserted else { return }
            edges.append(edge)
        }
        // The node a slot belongs to: a score's total and band are one node, so are a table's outputs.
        func nodeID(_ slot: Int) -> String? {
            guard ruleset.slots.indices.contains(slot) else { return nil }
            switch ruleset.slots[slot].origin {
            case .fact(let index): return "f\(index)"
            case .scoreTotal(let index), .scoreBand(let index): return "s\(index)"
            case .derived(let index): return "d\(index)"
            case .tableOutput(let index, _): return "t\(index)"
            }
        }
        for (index, rule) in ruleset.rules.enumerated() {
            let condition = Set(rule.condition.dependencies.compactMap(nodeID))
            for node in rule.condition.dependencies.compactMap(nodeID) { add(Edge(from: node, to: "r\(index)")) }
            for node in (rule.exception?.dependencies ?? []).compactMap(nodeID) where !condition.contains(node) {
                add(Edge(from: node, to: "r\(index)", dashed: true))
            }
        }
        let actionIndex = Dictionary(
            ruleset.manifest.actions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (index, rule) in ruleset.rules.enumerated() {
            for recommendation in rule.recommendations {
                guard let action = actionIndex[recommendation.action.id] else { continue }
                add(Edge(from: "r\(index)", to: "a\(action)", label: recommendation.declaration.kind.rawValue))
            }
        }
        // What computed values read, followed back from the rules until only facts remain.
        var pending = Set(edges.map(\.from).filter { !$0.hasPrefix("f") && !$0.hasPrefix("r") })
        var done = Set<String>()
        while let node = pending.popFirst() {
            done.insert(node)
            for slot in ruleset.slots.indices where nodeID(slot) == node {
                for dependency in ruleset.slots[slot].dependencies {
                    guard let from = nodeID(dependency), from != node else { continue }
                    add(Edge(from: from, to: node))
                    if !from.hasPrefix("f"), !done.contains(from) { pending.insert(from) }
                }
            }
        }
        let present = Set(edges.flatMap { [$0.from, $0.to] })
        var nodes: [Node] = []
        for (index, fact) in ruleset.facts.enumerated() where present.contains("f\(index)") {
            nodes.append(Node(id: "f\(index)", label: fact.label ?? fact.name, kind: .fact))
        }
        for (index, score) in ruleset.scores.enumerated() where present.contains("s\(index)") {
            nodes.append(Node(id: "s\(index)", label: score.declaration.title, kind: .computed))
        }
        for (index, derived) in ruleset.derived.enumerated() where present.contains("d\(index)") {
            nodes.append(Node(id: "d\(index)", label: derived.declaration.name, kind: .computed))
        }
        for (index, table) in ruleset.tables.enumerated() where present.contains("t\(index)") {
            nodes.append(Node(id: "t\(index)", label: table.declaration.id, kind: .computed))
        }
        for (index, rule) in ruleset.rules.enumerated() where present.contains("r\(index)") {
            nodes.append(Node(id: "r\(index)", label: rule.id, kind: .rule))
        }
        for (index, action) in ruleset.manifest.actions.enumerated() where present.contains("a\(index)") {
            nodes.append(Node(id: "a\(index)", label: action.title, kind: .action))
        }
        self.nodes = nodes
        self.edges = edges
    }

    /// The graph as Graphviz DOT, left to right.
    var dot: String {
        var out = "digraph pathway {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=8];\n"
        for node in nodes {
            let style: String
            switch node.kind {
            case .fact: style = "shape=ellipse"
            case .computed: style = "shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\""
            case .rule: style = "shape=box"
            case .action: style = "shape=box, style=\"bold,filled\", fillcolor=\"#f4f4f4\""
            }
            out += "  \(node.id) [label=\(Escaping.dot(node.label)), \(style)];\n"
        }
        for edge in edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(Escaping.dot(label))") }
            if edge.dashed { attributes.append("style=dashed") }
            out +=
                "  \(edge.from) -> \(edge.to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]")
            out += ";\n"
        }
        return out + "}\n"
    }

    /// The graph as a Mermaid flowchart, left to right.
    var mermaid: String {
        var out = "flowchart LR\n"
        for node in nodes {
            let label = Escaping.mermaid(node.label)
            switch node.kind {
            case .fact: out += "  \(node.id)([\(label)])\n"
            case .computed: out += "  \(node.id)[[\(label)]]\n"
            case .rule: out += "  \(node.id)[\(label)]\n"
            case .action: out += "  \(node.id){{\(label)}}\n"
            }
        }
        for edge in edges {
            let arrow = edge.dashed ? "-.->" : "-->"
            if let label = edge.label {
                out += "  \(edge.from) \(arrow)|\(Escaping.mermaid(label))| \(edge.to)\n"
            } else {
                out += "  \(edge.from) \(arrow) \(edge.to)\n"
            }
        }
        return out
    }
}
