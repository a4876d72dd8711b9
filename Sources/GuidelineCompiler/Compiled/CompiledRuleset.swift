import GuidelineDiagnostics
import GuidelineExpression

/// A checked, compiled ruleset: immutable and safe to evaluate from many threads at once.
///
/// Every named value has a slot: facts first (slot `i` is `facts[i]`), then score totals and bands,
/// derived values and table outputs. `steps` computes the non-fact slots in dependency order.
package struct CompiledRuleset: Sendable {
    /// The manifest.
    package let manifest: Manifest
    /// `sha256:` of the canonical form of all files.
    package let fingerprint: String
    /// The facts, in slot order.
    package let facts: [FactDeclaration]
    /// Every slot, in order.
    package let slots: [Slot]
    /// The scores.
    package let scores: [CompiledScore]
    /// The derived values.
    package let derived: [CompiledDerived]
    /// The decision tables.
    package let tables: [CompiledTable]
    /// The non-fact slots' computations, in dependency order.
    package let steps: [Step]
    /// The rules, in file order.
    package let rules: [CompiledRule]
    /// The bibliography by id.
    package let sources: [String: SourceDeclaration]
    /// The action vocabulary by id.
    package let actions: [String: ActionDeclaration]
    /// The symbol table expressions were checked against.
    package let symbols: SymbolTable
    /// The directory the ruleset was loaded from.
    package let directory: String
    /// Warnings found while compiling (a ruleset with errors is never compiled).
    package let warnings: [Diagnostic]

    /// The slot of fact `name`, if declared.
    package func factSlot(_ name: String) -> Int? { factIndex[name] }

    /// The slot of any named value (fact, score, band, derived value, table output).
    package func slot(named name: String) -> Int? { symbols.lookup(name)?.slot }

    /// The conflict policy for `action`.
    package func conflictPolicy(for action: String) -> ConflictPolicy {
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
        self.factIndex = Dictionary(
            facts.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
}

/// One named value of a compiled ruleset.
package struct Slot: Sendable {
    /// What computes a slot.
    package enum Origin: Sendable, Hashable {
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
    package var name: String
    /// Its type.
    package var type: ExpressionType
    /// What computes it.
    package var origin: Origin
    /// The slots it is computed from (empty for facts).
    package var dependencies: [Int]
}

/// One step of evaluation: computing a score, a derived value or a table.
package enum Step: Sendable, Hashable {
    /// Score `index` (its total and band slots).
    case score(Int)
    /// Derived value `index`.
    case derived(Int)
    /// Table `index` (all its output slots).
    case table(Int)
}

/// A compiled score: component facts as slots, points by ordinal.
package struct CompiledScore: Sendable {
    /// One component.
    package struct Component: Sendable {
        /// The component id.
        package var id: String
        /// The fact's slot.
        package var factSlot: Int
        /// Points for each ordinal of the fact (for booleans, 0 = false, 1 = true).
        package var points: [Int]
        /// The option label for each ordinal.
        package var labels: [String]
        /// The lowest points of any option.
        package var minimum: Int
        /// The highest points of any option.
        package var maximum: Int

        /// The option a fact value selects (its ordinal: enum position, or 0/1 for false/true), if it is one.
        package func option(for value: Value) -> Int? {
            let ordinal: Int
            switch value {
            case .symbol(_, let index): ordinal = index
            case .bool(let flag): ordinal = flag ? 1 : 0
            default: return nil
            }
            return points.indices.contains(ordinal) ? ordinal : nil
        }

        /// The points a fact value earns; nil when the value is unknown (or not one of the options).
        package func points(for value: Value) -> Int? { option(for: value).map { points[$0] } }
    }

    /// The declaration.
    package var declaration: ScoreDeclaration
    /// The components.
    package var components: [Component]
    /// The slot of the total.
    package var totalSlot: Int
    /// The slot of the band.
    package var bandSlot: Int
    /// The band enum (labels in order).
    package var bandType: EnumType
    /// The file it is declared in.
    package var file: String
}

/// A compiled derived value.
package struct CompiledDerived: Sendable {
    /// The declaration.
    package var declaration: DerivedDeclaration
    /// Its slot.
    package var slot: Int
    /// The checked expression.
    package var expression: CheckedExpression
}

/// A compiled decision table.
package struct CompiledTable: Sendable {
    /// One compiled row: per input, the alternatives (nil: any value); per output, its expression.
    package struct Row: Sendable {
        /// Per input: the conditions, any of which matches (nil: any value).
        package var cells: [[CheckedExpression]?]
        /// Per output: the value.
        package var outputs: [CheckedExpression]
        /// The row's declaration.
        package var declaration: TableDeclaration.Row

        /// Whether the row matches: true, false, or nil when undecided (three-valued: a cell matches when any
        /// alternative is true; the row when every cell does).
        ///
        /// `evaluate` gives each condition's value.
        package func matches(_ evaluate: (CheckedExpression) -> Value) -> Bool? {
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
    package var declaration: TableDeclaration
    /// The rows.
    package var rows: [Row]
    /// The slots of the inputs.
    package var inputSlots: [Int]
    /// The slots of the outputs.
    package var outputSlots: [Int]
    /// The types of the outputs (element types for `collect`).
    package var outputTypes: [ExpressionType]
}
