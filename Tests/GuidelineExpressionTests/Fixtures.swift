import GuidelineDiagnostics

@testable import GuidelineExpression

/// Shared symbols for the tests: a small slice of the spine ruleset.
enum Fixtures {
    static let level = EnumType(
        name: "spine.level", values: ["occiput", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "T1", "T12"], ordered: true)
    static let pain = EnumType(name: "spine.pain", values: ["mechanical", "occasional", "none"], ordered: false)
    static let presentation = EnumType(
        name: "neuro.presentation",
        values: ["local-back-pain", "suspected-mescc", "deficit-within-7-days", "radicular-pain"],
        ordered: false)
    static let band = EnumType(
        name: "sins.band", values: ["stable", "potentially-unstable", "unstable"], ordered: true)

    static let symbols = SymbolTable([
        Symbol(name: "sins", type: .integer, slot: 0),
        Symbol(name: "sins.band", type: .enumeration(band), slot: 1),
        Symbol(name: "spine.level", type: .enumeration(level), slot: 2),
        Symbol(name: "spine.pain", type: .enumeration(pain), slot: 3),
        Symbol(name: "neuro.presentation", type: .enumeration(presentation), slot: 4),
        Symbol(name: "patient.life_expectancy", type: .quantity(.time), slot: 5),
        Symbol(name: "rt.dose", type: .quantity(.dose), slot: 6),
        Symbol(name: "spine.stabilized", type: .boolean, slot: 7),
        Symbol(name: "neuro.cord_compression", type: .boolean, slot: 8),
        Symbol(name: "labs.platelets", type: .quantity(.countPerVolume), slot: 9),
        Symbol(name: "ratio", type: .decimal, slot: 10),
        Symbol(name: "mri.urgency.within", type: .quantity(.time), slot: 11),
        Symbol(name: "levels", type: .list(.enumeration(level)), slot: 12),
    ])

    static let slotCount = 13

    /// Compiles or records an issue-friendly failure (nil) with the diagnostics.
    static func compile(_ text: String, expecting: ExpressionType? = nil) -> (CheckedExpression?, [Diagnostic]) {
        var bag = DiagnosticBag()
        let checked = CheckedExpression.compile(text, symbols: symbols, expecting: expecting, diagnostics: &bag)
        return (checked, bag.all)
    }

    static func q(_ text: String) -> Value {
        Quantity(text).map(Value.quantity) ?? .unknown
    }

    static func n(_ text: String) -> Value { Number(text).map(Value.number) ?? .unknown }

    /// Slots with the given values set by name; the rest unknown.
    static func slots(_ values: [String: Value]) -> [Value] {
        var slots = Array(repeating: Value.unknown, count: slotCount)
        for (name, v) in values {
            if let s = symbols.lookup(name)?.slot { slots[s] = v }
        }
        return slots
    }

    /// `file:line:col-col` shorthand of a diagnostic's range, columns 1-based.
    static func columns(_ d: Diagnostic) -> String {
        guard let r = d.range else { return "-" }
        return "\(r.start.column)-\(r.end.column)"
    }
}
