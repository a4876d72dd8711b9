import GuidelineDiagnostics
import GuidelineExpression

/// A checked, compiled ruleset: immutable and safe to evaluate from many threads at once.
///
/// Every named value has a slot: facts first (slot `i` is `facts[i]`), then score totals and bands,
/// derived values and table outputs. `steps` computes the non-fact slots in dependency order.
public struct CompiledRuleset: Sendable {
    /// The manifest.
    public let manifest: Manifest
    /// `sha256:` of the canonical form of all files.
    public let fingerprint: String
    /// The facts, in slot order.
    public let facts: [FactDeclaration]
    /// Every slot, in order.
    public let slots: [Slot]
    /// The scores.
    public let scores: [CompiledScore]
    /// The derived values.
    public let derived: [CompiledDerived]
    /// The decision tables.
    public let tables: [CompiledTable]
    /// The non-fact slots' computations, in dependency order.
    public let steps: [Step]
    /// The rules, in file order.
    public let rules: [CompiledRule]
    /// The bibliography by id.
    public let sources: [String: SourceDeclaration]
    /// The action vocabulary by id.
    public let actions: [String: ActionDeclaration]
    /// The symbol table expressions were checked against.
    public let symbols: SymbolTable
    /// The directory the ruleset was loaded from.
    public let directory: String
    /// Warnings found while compiling (a ruleset with errors is never compiled).
    public let warnings: [Diagnostic]

    /// The slot of fact `name`, if declared.
    public func factSlot(_ name: String) -> Int? { factIndex[name] }

    /// The slot of any named value (fact, score, band, derived value, table output).
    public func slot(named name: String) -> Int? { symbols.lookup(name)?.slot }

    /// The conflict policy for `action`.
    public func conflictPolicy(for action: String) -> ConflictPolicy {
        actions[action]?.conflicts ?? manifest.conflicts
    }

    private let factIndex: [String: Int]

    init(
        manifest: Manifest, fingerprint: String, facts: [FactDeclaration], slots: [Slot], scores: [CompiledScore],
        derived: [CompiledDerived], tables: [CompiledTable], steps: [Step], rules: [CompiledRule],
        symbols: SymbolTable, directory: String, warnings: [Diagnostic]
    ) {
        self.manifest = manifest
        self.fingerprint = fingerprint
        self.facts = facts
        self.slots = slots
        self.scores = scores
        self.derived = derived
        self.tables = tables
        self.steps = steps
        self.rules = rules
        self.symbols = symbols
        self.directory = directory
        self.warnings = warnings
        self.sources = Dictionary(manifest.sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.actions = Dictionary(manifest.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.factIndex = Dictionary(facts.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One named value of a compiled ruleset.
public struct Slot: Sendable {
    /// What computes a slot.
    public enum Origin: Sendable, Hashable {
        /// Fact `index`, given by the case.
        case fact(Int)
        /// The total of score `index`.
        case scoreTotal(Int)
        /// The band of score `index`.
        case scoreBand(Int)
        /// Derived value `index`.
        case derived(Int)
        /// Output `output` of table `index`.
        case tableOutput(Int, output: Int)
    }

    /// The name expressions use.
    public var name: String
    /// Its type.
    public var type: ExpressionType
    /// What computes it.
    public var origin: Origin
    /// The slots it is computed from (empty for facts).
    public var dependencies: [Int]
}

/// One step of evaluation: computing a score, a derived value or a table.
public enum Step: Sendable, Hashable {
    /// Score `index` (its total and band slots).
    case score(Int)
    /// Derived value `index`.
    case derived(Int)
    /// Table `index` (all its output slots).
    case table(Int)
}

/// A compiled score: component facts as slots, points by ordinal.
public struct CompiledScore: Sendable {
    /// One component.
    public struct Component: Sendable {
        /// The component id.
        public var id: String
        /// The fact's slot.
        public var factSlot: Int
        /// Points for each ordinal of the fact (for booleans, 0 = false, 1 = true).
        public var points: [Int]
        /// The option label for each ordinal.
        public var labels: [String]
        /// The lowest points of any option.
        public var minimum: Int
        /// The highest points of any option.
        public var maximum: Int

        /// The option a fact value selects (its ordinal: enum position, or 0/1 for false/true), if it is one.
        public func option(for value: Value) -> Int? {
            let ordinal: Int
            switch value {
            case .symbol(_, let index): ordinal = index
            case .bool(let flag): ordinal = flag ? 1 : 0
            default: return nil
            }
            return points.indices.contains(ordinal) ? ordinal : nil
        }

        /// The points a fact value earns; nil when the value is unknown (or not one of the options).
        public func points(for value: Value) -> Int? { option(for: value).map { points[$0] } }
    }

    /// The declaration.
    public var declaration: ScoreDeclaration
    /// The components.
    public var components: [Component]
    /// The slot of the total.
    public var totalSlot: Int
    /// The slot of the band.
    public var bandSlot: Int
    /// The band enum (labels in order).
    public var bandType: EnumType
    /// The file it is declared in.
    public var file: String
}

/// A compiled derived value.
public struct CompiledDerived: Sendable {
    /// The declaration.
    public var declaration: DerivedDeclaration
    /// Its slot.
    public var slot: Int
    /// The checked expression.
    public var expression: CheckedExpression
}

/// A compiled decision table.
public struct CompiledTable: Sendable {
    /// One compiled row: per input, the alternatives (nil: any value); per output, its expression.
    public struct Row: Sendable {
        /// Per input: the conditions, any of which matches (nil: any value).
        public var cells: [[CheckedExpression]?]
        /// Per output: the value.
        public var outputs: [CheckedExpression]
        /// The row's declaration.
        public var declaration: TableDeclaration.Row

        /// Whether the row matches: true, false, or nil when undecided (three-valued: a cell matches when any
        /// alternative is true; the row when every cell does).
        ///
        /// `evaluate` gives each condition's value.
        public func matches(_ evaluate: (CheckedExpression) -> Value) -> Bool? {
            var result: Bool? = true
            for cell in cells {
                guard let alternatives = cell else { continue }
                var cellResult: Bool? = false
                for alternative in alternatives {
                    let value = evaluate(alternative)
                    if value == .bool(true) { cellResult = true; break }
                    if value != .bool(false) { cellResult = nil }
                }
                if cellResult == false { return false }
                if cellResult == nil { result = nil }
            }
            return result
        }
    }

    /// The declaration.
    public var declaration: TableDeclaration
    /// The rows.
    public var rows: [Row]
    /// The slots of the inputs.
    public var inputSlots: [Int]
    /// The slots of the outputs.
    public var outputSlots: [Int]
    /// The types of the outputs (element types for `collect`).
    public var outputTypes: [ExpressionType]
}
