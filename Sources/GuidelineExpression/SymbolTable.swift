/// A name the caller declares for expressions: a fact, score, derived value or table output.
package struct Symbol: Sendable, Hashable {
    /// The dotted name, for example `spine.level`.
    package var name: String
    /// Its type.
    package var type: ExpressionType
    /// The index of its value in the slot array given to the evaluator.
    package var slot: Int

    /// Creates a symbol.
    package init(name: String, type: ExpressionType, slot: Int) {
        self.name = name
        self.type = type
        self.slot = slot
    }
}

/// The environment of an expression: name → type and slot, supplied by the caller.
package struct SymbolTable: Sendable {
    private var byName: [String: Symbol] = [:]
    /// The declared names, in declaration order (for did-you-mean suggestions).
    package private(set) var names: [String] = []

    /// Creates an empty table.
    package init() {}

    /// Creates a table from symbols; a later symbol with an existing name replaces the earlier one.
    package init(_ symbols: [Symbol]) {
        for s in symbols { declare(s.name, type: s.type, slot: s.slot) }
    }

    /// Declares (or redeclares) a name.
    package mutating func declare(_ name: String, type: ExpressionType, slot: Int) {
        if byName[name] == nil { names.append(name) }
        byName[name] = Symbol(name: name, type: type, slot: slot)
    }

    /// The symbol called `name`, if declared.
    package func lookup(_ name: String) -> Symbol? { byName[name] }

    /// The symbol whose slot is `slot`, if any (a linear search, for explanations).
    package func symbol(forSlot slot: Int) -> Symbol? { byName.values.first { $0.slot == slot } }

    /// The number of declared names.
    package var count: Int { names.count }
}
