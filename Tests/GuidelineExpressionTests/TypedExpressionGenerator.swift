@testable import GuidelineExpression

/// Builds random well-typed expressions as text, directed by the type wanted, over a small symbol table with
/// every kind of value: integers, decimals, quantities of two dimensions, an ordered and an unordered enum,
/// booleans. Every compound operand is parenthesised, so the text means what the generator meant.
struct TypedExpressionGenerator {
    var rng: SeededGenerator

    static let ordered = EnumType(name: "p.level", values: ["l1", "l2", "l3", "l4"], ordered: true)
    static let unordered = EnumType(name: "p.kind", values: ["red", "green", "blue"], ordered: false)

    /// The types the generator makes expressions of.
    static let types: [ExpressionType] = [
        .boolean, .integer, .decimal, .quantity(.time), .quantity(.dose), .enumeration(ordered),
        .enumeration(unordered),
    ]

    static let symbols = SymbolTable([
        Symbol(name: "p.count", type: .integer, slot: 0),
        Symbol(name: "p.score", type: .integer, slot: 1),
        Symbol(name: "p.ratio", type: .decimal, slot: 2),
        Symbol(name: "p.life", type: .quantity(.time), slot: 3),
        Symbol(name: "p.wait", type: .quantity(.time), slot: 4),
        Symbol(name: "p.dose", type: .quantity(.dose), slot: 5),
        Symbol(name: "p.flag", type: .boolean, slot: 6),
        Symbol(name: "p.other", type: .boolean, slot: 7),
        Symbol(name: "p.level", type: .enumeration(ordered), slot: 8),
        Symbol(name: "p.kind", type: .enumeration(unordered), slot: 9),
    ])

    /// The names of each type, for slots.
    static func names(of type: ExpressionType) -> [String] {
        symbols.names.filter { symbols.lookup($0)?.type == type }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &rng) == 0 }

    /// An expression of `type`, at most `depth` operators deep.
    mutating func expression(_ type: ExpressionType, depth: Int) -> String {
        if depth <= 0 || chance(4) { return leaf(type) }
        let d = depth - 1
        switch type {
        case .boolean: return boolean(depth: d)
        case .integer:
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return "-(\(expression(.integer, depth: d)))"
            case 1: return "abs(\(expression(.integer, depth: d)))"
            case 2:
                return "\(pick(["min", "max"]))(\(expression(.integer, depth: d)), \(expression(.integer, depth: d)))"
            default:
                return
                    "(\(expression(.integer, depth: d))) \(pick(["+", "-", "*"])) (\(expression(.integer, depth: d)))"
            }
        case .decimal:
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return "(\(numeric(depth: d))) / (\(numeric(depth: d)))"
            case 1:
                let q = pick([ExpressionType.quantity(.time), .quantity(.dose)])
                return "(\(expression(q, depth: d))) / (\(expression(q, depth: d)))"
            default: return "(\(expression(.decimal, depth: d))) \(pick(["+", "-", "*"])) (\(numeric(depth: d)))"
            }
        case .quantity:
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return "(\(expression(type, depth: d))) \(pick(["+", "-"])) (\(expression(type, depth: d)))"
            case 1: return "(\(expression(type, depth: d))) \(pick(["*", "/"])) (\(numeric(depth: d)))"
            case 2: return "(\(numeric(depth: d))) * (\(expression(type, depth: d)))"
            case 3: return "\(pick(["min", "max"]))(\(expression(type, depth: d)), \(expression(type, depth: d)))"
            default: return "-(\(expression(type, depth: d)))"
            }
        default:
            return leaf(type)
        }
    }

    /// An integer or a decimal expression.
    mutating func numeric(depth: Int) -> String { expression(pick([.integer, .decimal]), depth: depth) }

    mutating func boolean(depth d: Int) -> String {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return "not (\(expression(.boolean, depth: d)))"
        case 1, 2:
            return "(\(expression(.boolean, depth: d))) \(pick(["and", "or"])) (\(expression(.boolean, depth: d)))"
        case 3:
            let t = pick([
                ExpressionType.integer, .decimal, .quantity(.time), .quantity(.dose), .enumeration(Self.ordered),
            ])
            let op = pick(["==", "!=", "<", "<=", ">", ">="])
            return "(\(expression(t, depth: d))) \(op) (\(expression(t, depth: d)))"
        case 4:
            let t = pick([ExpressionType.enumeration(Self.unordered), .boolean])
            return "(\(expression(t, depth: d))) \(pick(["==", "!="])) (\(expression(t, depth: d)))"
        case 5:
            let t = pick([ExpressionType.integer, .decimal, .quantity(.time), .enumeration(Self.ordered)])
            return
                "(\(expression(t, depth: d))) \(pick(["in", "not in"])) (\(expression(t, depth: d)))..(\(expression(t, depth: d)))"
        case 6:
            let t = pick([ExpressionType.integer, .quantity(.dose), .enumeration(Self.unordered), .boolean])
            let items = (0..<Int.random(in: 1...3, using: &rng)).map { _ in expression(t, depth: d) }
            return
                "(\(expression(t, depth: d))) \(pick(["in", "not in"])) [\(items.map { "(\($0))" }.joined(separator: ", "))]"
        case 7: return "known(\(expression(pick(Self.types), depth: d)))"
        default:
            let t = pick([ExpressionType.enumeration(Self.ordered), .enumeration(Self.unordered)])
            guard case .enumeration(let e) = t else { return "true" }
            // A bare enum value is typed by the other side of the comparison.
            return "\(pick(Self.names(of: t))) == \(pick(e.values))"
        }
    }

    /// A slot or a literal of `type`, numbers from tiny to the largest the language has.
    mutating func leaf(_ type: ExpressionType) -> String {
        let names = Self.names(of: type)
        if !names.isEmpty, chance(2) { return pick(names) }
        switch type {
        case .boolean: return pick(["true", "false"])
        case .integer: return pick(["0", "1", "7", "13", "1000000", "9223372036854", "4611686018427"])
        case .decimal: return pick(["0.5", "2.25", "0.000001", "9223372036854.775807", "3.0"])
        case .quantity(.time): return pick(["3 mo", "24 h", "2 wk", "0 s", "9223372036854 s", "1 a"])
        case .quantity: return pick(["8 Gy", "800 cGy", "0 Gy", "92233720368 Gy"])
        case .enumeration: return names.first ?? "true"
        default: return "true"
        }
    }

    /// A random value of `type` for a slot: unknown, ordinary, or at the edges of what numbers hold.
    mutating func value(_ type: ExpressionType) -> Value {
        if chance(4) { return .unknown }
        let extremes: [Int64] = [
            0, 1, -1, Int64.max, -Int64.max, Int64.max / 2, Number.largestWhole * Number.scale, Number.scale,
        ]
        func number() -> Number {
            chance(2)
                ? Number(scaled: pick(extremes)) : Number(scaled: Int64.random(in: Int64.min...Int64.max, using: &rng))
        }
        switch type {
        case .boolean: return .bool(Bool.random(using: &rng))
        case .integer:
            let whole =
                chance(2)
                ? pick([0, 1, -1, Number.largestWhole, -Number.largestWhole])
                : Int64.random(in: -1000...1000, using: &rng)
            let n = Number(scaled: whole * Number.scale)
            return chance(3) ? .between(n, Number(scaled: pick(extremes) / Number.scale * Number.scale)) : .number(n)
        case .decimal: return chance(4) ? .between(number(), number()) : .number(number())
        case .quantity(let d): return .quantity(Quantity(baseValue: number(), unit: pick(d.units)))
        case .enumeration(let e): return .symbol(e, Int.random(in: 0..<e.values.count, using: &rng))
        default: return .unknown
        }
    }

    /// Values for every slot of `symbols`.
    mutating func slots() -> [Value] {
        Self.symbols.names.compactMap(Self.symbols.lookup).sorted { $0.slot < $1.slot }.map { value($0.type) }
    }
}
