import GuidelineDiagnostics

/// Resolves names and checks the types of a parsed expression against a symbol table.
///
/// Checking is bidirectional: a bare word that is not a declared name is an enum value of the enum expected
/// from the other side of `==`, `!=`, `<`, `in`, a range or a list. A word with no dots that is a value of the
/// expected enum is that value even when a symbol has the same name.
package struct TypeChecker: Sendable {
    /// The names the expression may use.
    package let symbols: SymbolTable
    /// Maps expression offsets to file positions for diagnostics.
    package let sourceMap: any ExpressionSourceMap

    /// The built-in functions.
    package static let functions = ["min", "max", "abs", "known"]

    /// Creates a checker.
    package init(symbols: SymbolTable, sourceMap: any ExpressionSourceMap = SingleLineSourceMap()) {
        self.symbols = symbols
        self.sourceMap = sourceMap
    }

    /// Checks `parsed`; when `expected` is `.boolean`, a non-boolean result is "condition must be boolean".
    ///
    /// Returns nil (with diagnostics) when there is any error.
    package func check(
        _ parsed: ParsedExpression, expecting expected: ExpressionType? = nil, diagnostics: inout DiagnosticBag
    ) -> CheckedExpression? {
        var state = TypeCheckerState(checker: self, parsed: parsed)
        let type = state.infer(parsed.root, expected: expected)
        if let expected, !type.containsError, !TypeCheckerState.accepts(expected, type) {
            let span = parsed.node(parsed.root)?.span ?? 0..<0
            if expected == .boolean {
                state.error(ExpressionDiagnosticCode.notBoolean, "condition must be boolean, found \(type)", span)
            } else {
                state.error(ExpressionDiagnosticCode.typeMismatch, "expected \(expected), found \(type)", span)
            }
        }
        diagnostics.append(contentsOf: state.diagnostics.all)
        guard !state.diagnostics.hasErrors else { return nil }
        return CheckedExpression(parsed: parsed, types: state.types, operations: state.operations)
    }
}

/// The mutable state of one check.
struct TypeCheckerState {
    let checker: TypeChecker
    let parsed: ParsedExpression
    var types: [ExpressionType]
    var operations: [CheckedExpression.Operation]
    var diagnostics = DiagnosticBag()

    init(checker: TypeChecker, parsed: ParsedExpression) {
        self.checker = checker
        self.parsed = parsed
        self.types = Array(repeating: .error, count: parsed.nodes.count)
        self.operations = Array(repeating: .invalid, count: parsed.nodes.count)
    }

    mutating func error(_ code: ExpressionDiagnosticCode, _ message: String, _ span: Range<Int>, help: [String] = []) {
        diagnostics.error(code, message, at: checker.sourceMap.range(of: span), help: help)
    }

    func span(_ id: Int) -> Range<Int> { parsed.node(id)?.span ?? 0..<0 }

    mutating func set(_ id: Int, _ type: ExpressionType, _ op: CheckedExpression.Operation) -> ExpressionType {
        if types.indices.contains(id) {
            types[id] = type
            operations[id] = op
        }
        return type
    }

    /// True when `actual` can be used where `expected` is wanted (integers widen to decimals).
    static func accepts(_ expected: ExpressionType, _ actual: ExpressionType) -> Bool {
        if expected == actual || expected.containsError || actual.containsError { return true }
        switch (expected, actual) {
        case (.decimal, .integer): return true
        case (.list(let e), .list(let a)), (.range(let e), .range(let a)): return accepts(e, a)
        default: return false
        }
    }

    /// True when node `id` is a name that is not declared: a candidate enum value.
    func isBare(_ id: Int) -> Bool {
        guard case .name(let name) = parsed.node(id)?.kind else { return false }
        return checker.symbols.lookup(name) == nil
    }

    /// Infers the type of node `id`; `expected` guides bare enum values and list elements.
    mutating func infer(_ id: Int, expected: ExpressionType?) -> ExpressionType {
        guard let node = parsed.node(id) else { return .error }
        switch node.kind {
        case .literal(let literal):
            switch literal {
            case .integer(let n): return set(id, .integer, .constant(.number(n)))
            case .decimal(let n): return set(id, .decimal, .constant(.number(n)))
            case .quantity(let q): return set(id, .quantity(q.dimension), .constant(.quantity(q)))
            case .boolean(let b): return set(id, .boolean, .constant(.bool(b)))
            }
        case .name(let name):
            return resolveName(id, name, expected: expected)
        case .unary(.not, let operand):
            let t = infer(operand, expected: .boolean)
            requireBoolean(operand, t, "'not' needs a boolean operand")
            return set(id, .boolean, .not(operand))
        case .unary(.negate, let operand):
            let t = infer(operand, expected: nil)
            guard t.isNumeric || t.containsError || isQuantity(t) else {
                error(ExpressionDiagnosticCode.typeMismatch, "'-' needs a number or quantity, found \(t)", node.span)
                return set(id, .error, .invalid)
            }
            return set(id, t, .negate(operand))
        case .binary(let op, let l, let r):
            switch op {
            case .and, .or:
                let lt = infer(l, expected: .boolean)
                let rt = infer(r, expected: .boolean)
                requireBoolean(l, lt, "\(quoted: op.rawValue) needs boolean operands")
                requireBoolean(r, rt, "\(quoted: op.rawValue) needs boolean operands")
                return set(id, .boolean, op == .and ? .and(l, r) : .or(l, r))
            case .in, .notIn:
                return inferMembership(id, op, l, r)
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                return inferComparison(id, op, l, r)
            case .add, .subtract, .multiply, .divide:
                return inferArithmetic(id, op, l, r)
            }
        case .list(let items):
            var element: ExpressionType?
            if case .list(let e) = expected { element = e }
            return inferList(id, items, element: element)
        case .range(let lo, let hi):
            var element: ExpressionType?
            if case .range(let e) = expected { element = e }
            return inferRange(id, lo, hi, element: element)
        case .call(let name, let args):
            return inferCall(id, name, args)
        }
    }

    mutating func requireBoolean(_ id: Int, _ type: ExpressionType, _ message: String) {
        guard type != .boolean, !type.containsError else { return }
        error(ExpressionDiagnosticCode.notBoolean, "\(message), found \(type)", span(id))
    }

    func isQuantity(_ t: ExpressionType) -> Bool {
        if case .quantity = t { return true }
        return false
    }

    mutating func resolveName(_ id: Int, _ name: String, expected: ExpressionType?) -> ExpressionType {
        var expectedEnum: EnumType?
        if case .enumeration(let e) = expected { expectedEnum = e }
        let isWord = !name.contains(".")
        if let e = expectedEnum, isWord, let ordinal = e.ordinal(of: name) {
            return set(id, .enumeration(e), .constant(.symbol(e, ordinal)))
        }
        if let symbol = checker.symbols.lookup(name) {
            return set(id, symbol.type, .slot(symbol.slot))
        }
        if expected == .error, isWord {
            // The other side already has an error: do not report this word too.
            return set(id, .error, .invalid)
        }
        if let e = expectedEnum, isWord {
            let help =
                Suggestions.closest(to: name, in: e.values).map { ["did you mean \(quoted: $0)?"] }
                ?? ["the values are: " + e.values.joined(separator: ", ")]
            error(
                ExpressionDiagnosticCode.unknownEnumValue, "\(quoted: name) is not a value of \(quoted: e.name)",
                span(id),
                help: help)
            return set(id, .error, .invalid)
        }
        let help =
            Suggestions.closest(to: name, in: checker.symbols.names).map { ["did you mean \(quoted: $0)?"] } ?? []
        error(ExpressionDiagnosticCode.undeclaredName, "undeclared name \(quoted: name)", span(id), help: help)
        return set(id, .error, .invalid)
    }

    mutating func inferList(_ id: Int, _ items: [Int], element: ExpressionType?) -> ExpressionType {
        var element = element
        if element == nil, let first = items.first(where: { !isBare($0) }) {
            element = infer(first, expected: nil)
        }
        var result = element
        for item in items {
            let t = infer(item, expected: element)
            if let r = result, !r.containsError, !t.containsError {
                if r.isNumeric, t.isNumeric {
                    result = r == .integer && t == .integer ? .integer : .decimal
                } else if !comparable(r, t) {
                    error(
                        ExpressionDiagnosticCode.typeMismatch,
                        "list items must have one type: found \(r) and \(t)", span(item))
                    result = .error
                }
            } else if result == nil {
                result = t
            }
        }
        return set(id, .list(result ?? .error), .list(items))
    }

    mutating func inferRange(_ id: Int, _ lo: Int, _ hi: Int, element: ExpressionType?) -> ExpressionType {
        var element = element
        if element == nil {
            if !isBare(lo) {
                element = infer(lo, expected: nil)
            } else if !isBare(hi) {
                element = infer(hi, expected: nil)
            }
        }
        let lt = infer(lo, expected: element)
        let ht = infer(hi, expected: element ?? lt)
        let bound = element ?? lt
        for (t, node) in [(lt, lo), (ht, hi)] where !checkOrderable(bound, t, span(node), what: "a range") {
            return set(id, .range(.error), .range(lo, hi))
        }
        let result: ExpressionType = bound.isNumeric && (lt == .decimal || ht == .decimal) ? .decimal : bound
        return set(id, .range(result), .range(lo, hi))
    }

    /// Checks that `a` and `b` can be ordered against each other; reports and returns false if not.
    mutating func checkOrderable(_ a: ExpressionType, _ b: ExpressionType, _ span: Range<Int>, what: String) -> Bool {
        if a.containsError || b.containsError { return true }
        if !checkComparable(a, b, span) { return false }
        switch a {
        case .integer, .decimal, .quantity: return true
        case .enumeration(let e):
            if e.ordered { return true }
            error(
                ExpressionDiagnosticCode.unorderedEnum,
                "\(quoted: e.name) is not an ordered enum, so \(what) is not meaningful",
                span, help: ["declare it with 'ordered: true', or list the values: 'in [a, b]'"])
            return false
        default:
            error(
                ExpressionDiagnosticCode.typeMismatch,
                "\(what) needs numbers, quantities or an ordered enum, found \(a)",
                span)
            return false
        }
    }

    /// True when values of the two types can be compared for equality (no report).
    func comparable(_ a: ExpressionType, _ b: ExpressionType) -> Bool {
        if a.containsError || b.containsError || a == b { return true }
        if a.isNumeric && b.isNumeric { return true }
        switch (a, b) {
        case (.list(let x), .list(let y)), (.range(let x), .range(let y)): return comparable(x, y)
        default: return false
        }
    }

    /// Checks that values of the two types can be compared; reports a unit or type mismatch if not.
    mutating func checkComparable(_ a: ExpressionType, _ b: ExpressionType, _ span: Range<Int>) -> Bool {
        if comparable(a, b) { return true }
        switch (a, b) {
        case (.quantity(let d1), .quantity(let d2)):
            error(ExpressionDiagnosticCode.unitMismatch, "unit mismatch: cannot compare \(d1) with \(d2)", span)
        case (.quantity(let d), let n) where n.isNumeric, (let n, .quantity(let d)) where n.isNumeric:
            error(
                ExpressionDiagnosticCode.unitMismatch, "cannot compare a quantity of \(d) with a plain number", span,
                help: [TypeCheckerState.unitHelp(d)])
        default:
            error(ExpressionDiagnosticCode.typeMismatch, "cannot compare \(a) with \(b)", span)
        }
        return false
    }

    /// "write the number with a unit of time: s, min, h, d, wk, mo, a".
    static func unitHelp(_ d: Dimension) -> String {
        "write the number with a unit of \(d): " + d.units.map(\.symbol).joined(separator: ", ")
    }
}
