import GuidelineDiagnostics

/// Comparisons, membership, arithmetic and calls for the type checker.
extension TypeCheckerState {
    mutating func inferComparison(_ id: Int, _ op: BinaryOperator, _ l: Int, _ r: Int) -> ExpressionType {
        let lt: ExpressionType, rt: ExpressionType
        if isBare(l), !isBare(r) {
            rt = infer(r, expected: nil)
            lt = infer(l, expected: rt)
        } else {
            lt = infer(l, expected: nil)
            rt = infer(r, expected: lt)
        }
        if op.isOrdering {
            _ = checkOrderable(lt, rt, span(id), what: "\(quoted: op.rawValue)")
        } else {
            _ = checkComparable(lt, rt, span(id))
        }
        return set(id, .boolean, .compare(op, l, r))
    }

    mutating func inferMembership(_ id: Int, _ op: BinaryOperator, _ l: Int, _ r: Int) -> ExpressionType {
        let negated = op == .notIn
        guard let collection = parsed.node(r) else { return .error }
        var element: ExpressionType?
        // Decide the element type from whichever side is not a bare word.
        if isBare(l) {
            switch collection.kind {
            case .range(let lo, let hi):
                if let known = [lo, hi].first(where: { !isBare($0) }) { element = infer(known, expected: nil) }
            case .list(let items):
                if let known = items.first(where: { !isBare($0) }) { element = infer(known, expected: nil) }
            default:
                if !isBare(r) {
                    switch infer(r, expected: nil) {
                    case .list(let e), .range(let e): element = e
                    case .error: element = .error
                    default: break
                    }
                }
            }
        }
        let lt = infer(l, expected: element)
        let elementType = element ?? lt
        let ct: ExpressionType
        switch collection.kind {
        case .range(let lo, let hi):
            ct = inferRange(r, lo, hi, element: elementType)
            if case .range(let bound) = ct {
                _ = checkOrderable(lt, bound, span(id), what: "\(quoted: op.rawValue) a range")
            }
        case .list(let items):
            ct = inferList(r, items, element: elementType)
            if case .list(let e) = ct { _ = checkComparable(lt, e, span(id)) }
        default:
            ct = infer(r, expected: .list(elementType))
            switch ct {
            case .list(let e): _ = checkComparable(lt, e, span(id))
            case .range(let e): _ = checkOrderable(lt, e, span(id), what: "\(quoted: op.rawValue) a range")
            case .error: break
            default:
                error(
                    ExpressionDiagnosticCode.typeMismatch,
                    "\(quoted: op.rawValue) needs a list or a range, found \(ct)", span(r))
            }
        }
        return set(id, .boolean, .member(l, r, negated: negated))
    }

    mutating func inferArithmetic(_ id: Int, _ op: BinaryOperator, _ l: Int, _ r: Int) -> ExpressionType {
        let lt = infer(l, expected: nil)
        let rt = infer(r, expected: nil)
        let operation = CheckedExpression.Operation.arithmetic(op, l, r)
        if lt.containsError || rt.containsError { return set(id, .error, operation) }
        let verb: String =
            switch op {
            case .add: "add"
            case .subtract: "subtract"
            case .multiply: "multiply"
            default: "divide"
            }
        switch (lt, rt) {
        case _ where lt.isNumeric && rt.isNumeric:
            let bothInteger = lt == .integer && rt == .integer && op != .divide
            return set(id, bothInteger ? .integer : .decimal, operation)
        case (.quantity(let d1), .quantity(let d2)):
            if d1 != d2 {
                let pair = op == .subtract ? "\(d2) from \(d1)" : op == .divide ? "\(d1) by \(d2)" : "\(d1) and \(d2)"
                error(ExpressionDiagnosticCode.unitMismatch, "unit mismatch: cannot \(verb) \(pair)", span(id))
                return set(id, .error, operation)
            }
            switch op {
            case .add, .subtract: return set(id, .quantity(d1), operation)
            case .divide: return set(id, .decimal, operation)
            default:
                error(ExpressionDiagnosticCode.typeMismatch, "cannot multiply two quantities", span(id))
                return set(id, .error, operation)
            }
        case (.quantity(let d), let n) where n.isNumeric, (let n, .quantity(let d)) where n.isNumeric:
            let quantityFirst = isQuantity(lt)
            if op == .multiply || (op == .divide && quantityFirst) { return set(id, .quantity(d), operation) }
            if op == .divide {
                error(
                    ExpressionDiagnosticCode.typeMismatch, "cannot divide a plain number by a quantity of \(d)",
                    span(id))
            } else {
                error(
                    ExpressionDiagnosticCode.unitMismatch, "cannot \(verb) a quantity of \(d) and a plain number",
                    span(id), help: [TypeCheckerState.unitHelp(d)])
            }
            return set(id, .error, operation)
        default:
            let bad = lt.isNumeric || isQuantity(lt) ? rt : lt
            error(
                ExpressionDiagnosticCode.typeMismatch,
                "\(quoted: op.rawValue) needs numbers or quantities, found \(bad)",
                span(id))
            return set(id, .error, operation)
        }
    }

    mutating func inferCall(_ id: Int, _ name: String, _ args: [Int]) -> ExpressionType {
        guard TypeChecker.functions.contains(name) else {
            for arg in args { _ = infer(arg, expected: nil) }
            let help =
                Suggestions.closest(to: name, in: TypeChecker.functions).map { ["did you mean \(quoted: $0)?"] }
                ?? ["the functions are: " + TypeChecker.functions.joined(separator: ", ")]
            let nameSpan = span(id).lowerBound..<(span(id).lowerBound + name.unicodeScalars.count)
            error(ExpressionDiagnosticCode.unknownFunction, "unknown function \(quoted: name)", nameSpan, help: help)
            return set(id, .error, .invalid)
        }
        let types = args.map { infer($0, expected: nil) }
        let exactlyOne = name == "abs" || name == "known"
        if exactlyOne ? args.count != 1 : args.isEmpty {
            let needed = exactlyOne ? "1 argument" : "at least 1 argument"
            error(ExpressionDiagnosticCode.arity, "\(quoted: name) takes \(needed), found \(args.count)", span(id))
            return set(id, name == "known" ? .boolean : .error, .invalid)
        }
        if name == "known", let arg = args.first { return set(id, .boolean, .known(arg)) }
        if types.contains(where: \.containsError) { return set(id, .error, .invalid) }
        var result: ExpressionType?
        for (arg, t) in zip(args, types) {
            guard t.isNumeric || isQuantity(t) else {
                error(
                    ExpressionDiagnosticCode.typeMismatch, "\(quoted: name) needs numbers or quantities, found \(t)",
                    span(arg))
                return set(id, .error, .invalid)
            }
            guard let r = result else {
                result = t
                continue
            }
            if r.isNumeric, t.isNumeric {
                result = r == .integer && t == .integer ? .integer : .decimal
            } else if !checkComparable(r, t, span(arg)) {
                return set(id, .error, .invalid)
            }
        }
        let type = result ?? .error
        switch name {
        case "abs":
            guard let arg = args.first else { return set(id, .error, .invalid) }
            return set(id, type, .abs(arg))
        case "min": return set(id, type, .min(args))
        default: return set(id, type, .max(args))
        }
    }
}
