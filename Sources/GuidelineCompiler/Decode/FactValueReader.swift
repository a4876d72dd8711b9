import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Reads a value for a declared fact from YAML or JSON: the one place where case values, defaults and
/// ranges are typed, strictly by the fact's declared type (never by YAML 1.1 implicit typing).
package enum FactValueReader {
    /// A failure, with a message and optional help lines.
    package struct Problem: Error, Sendable {
        /// The stable diagnostic code.
        package var code: String
        /// The message, lowercase, no final period.
        package var message: String
        /// Suggestions.
        package var help: [String]
    }

    /// Reads `node` as a value of `fact`, reporting a diagnostic on failure.
    package static func value(of node: YAMLNode, for fact: FactDeclaration, bag: inout DiagnosticBag) -> Value? {
        switch read(node, for: fact) {
        case .success(let value): return value
        case .failure(let problem):
            bag.append(.error(problem.code, problem.message, at: node.range, help: problem.help))
            return nil
        }
    }

    /// Reads `node` (a scalar, or `{value, unit}` for quantities) as a value of `fact`, and checks its range.
    package static func read(_ node: YAMLNode, for fact: FactDeclaration) -> Result<Value, Problem> {
        let result: Result<Value, Problem>
        if case .quantity = fact.type, let pairs = node.mapping {
            result = readQuantityMapping(pairs, for: fact)
        } else if let scalar = node.scalar {
            // A tag (`!!str 5`) says how to read the text, as quotes do: it is not a plain number or boolean.
            result = parseText(scalar.value, plain: scalar.isPlain && node.tag == nil, for: fact)
        } else {
            result = .failure(
                Problem(
                    code: CaseDiagnosticCode.wrongType,
                    message: "fact \(quoted: fact.name) expects \(expectation(fact)), found \(node.kindName)", help: [])
            )
        }
        return result.flatMap { checkRange($0, for: fact) }
    }

    /// Reads `text` as a plain scalar of a case would be read (`T12`, `6 mo`, `true`, `45000`) as a value of
    /// `fact`, and checks its range: values given from Swift pass the same validation as case files.
    package static func read(text: String, for fact: FactDeclaration) -> Result<Value, Problem> {
        parseText(text, plain: true, for: fact).flatMap { checkRange($0, for: fact) }
    }

    /// Parses `text` as a value of `fact` with no range check: for the bounds of the range itself.
    static func parseBound(_ text: String, for fact: FactDeclaration) -> Result<Value, Problem> {
        parseText(text, plain: true, for: fact)
    }

    /// Orders two numbers or two quantities of one dimension: negative, zero or positive; nil otherwise.
    package static func order(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): a < b ? -1 : (a == b ? 0 : 1)
        case let (.quantity(a), .quantity(b)) where a.dimension == b.dimension:
            a.baseValue < b.baseValue ? -1 : (a.baseValue == b.baseValue ? 0 : 1)
        default: nil
        }
    }

    /// What a fact's values look like, for messages (`a quantity of time such as '6 mo'`).
    package static func expectation(_ fact: FactDeclaration) -> String {
        switch fact.type {
        case .boolean: "true or false"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .quantity(let unit): "a quantity of \(unit.dimension) such as '6 \(unit.symbol)'"
        case .enumeration(let type):
            "one of \(type.values.prefix(8).map { "\(quoted: $0)" }.joined(separator: ", "))\(type.values.count > 8 ? ", ..." : "")"
        }
    }

    private static func parseText(_ text: String, plain: Bool, for fact: FactDeclaration) -> Result<Value, Problem> {
        var wrong = Problem(
            code: CaseDiagnosticCode.wrongType,
            message: "fact \(quoted: fact.name) expects \(expectation(fact)), found \(quoted: text)", help: [])
        if !plain, text == "true" || text == "false" || Number(text) != nil {
            wrong.help.append("remove the quotes or the tag: a quoted \(quoted: text) is text")
        }
        switch fact.type {
        case .boolean:
            guard plain, text == "true" || text == "false" else { return .failure(wrong) }
            return .success(.bool(text == "true"))
        case .integer:
            guard plain, isStrictNumber(text) else { return .failure(notANumber(text, wrong)) }
            let number = parseNumber(text, for: fact)
            if case .success(let n) = number, !n.isInteger { return .failure(wrong) }
            return number.map(Value.number)
        case .decimal:
            guard plain, isStrictNumber(text) else { return .failure(notANumber(text, wrong)) }
            return parseNumber(text, for: fact).map(Value.number)
        case .quantity(let declared):
            let trimmed = text.trimmingSpaces()
            guard let space = trimmed.firstIndex(of: " ") else {
                var problem = wrong
                problem.help = [
                    "write a value and a unit, e.g. \(quoted: "\(trimmed.isEmpty ? "1" : trimmed) \(declared.symbol)")"
                ]
                return .failure(problem)
            }
            let valueText = String(trimmed[..<space])
            let unitText = String(trimmed[space...]).trimmingSpaces()
            guard isStrictNumber(valueText) else { return .failure(notANumber(valueText, wrong)) }
            return parseNumber(valueText, for: fact).flatMap {
                makeQuantity($0, unitText, declared: declared, for: fact)
            }
        case .enumeration(let type):
            if let index = type.values.firstIndex(of: text) { return .success(.symbol(type, index)) }
            var help: [String] = []
            if let near = Suggestions.closest(to: text, in: type.values) {
                help.append("did you mean \(quoted: near)?")
            }
            help.append("the values of \(quoted: fact.name) are: \(type.values.joined(separator: ", "))")
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.unknownEnumValue,
                    message: "\(quoted: text) is not a value of \(quoted: fact.name)", help: help))
        }
    }

    /// Parses a number written in strict form; a number too large or too precise is `case.invalid-number`,
    /// anything else not a number is `case.wrong-type`.
    private static func parseNumber(_ text: String, for fact: FactDeclaration) -> Result<Number, Problem> {
        switch Number.parse(text) {
        case .success(let number): return .success(number)
        case .failure(.overflow):
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.invalidNumber,
                    message:
                        "number \(quoted: text) for fact \(quoted: fact.name) is too large: the limit is \(Number.largestWhole)",
                    help: ["numbers have at most \(String(Number.largestWhole).count) digits before the decimal point"])
            )
        case .failure(.tooManyDecimalPlaces):
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.invalidNumber,
                    message:
                        "number \(quoted: text) for fact \(quoted: fact.name) has more than \(Number.decimalPlaces) decimal places",
                    help: ["round it to \(Number.decimalPlaces) decimal places"]))
        case .failure:
            return .failure(
                notANumber(
                    text,
                    Problem(
                        code: CaseDiagnosticCode.wrongType,
                        message: "fact \(quoted: fact.name) expects \(expectation(fact)), found \(quoted: text)",
                        help: [])))
        }
    }

    /// `wrong`, with a help line when `text` is a NaN or an infinity (`.nan`, `NaN`, `.inf`, `-Infinity`).
    private static func notANumber(_ text: String, _ wrong: Problem) -> Problem {
        let word = text.lowercased().drop { $0 == "+" || $0 == "-" || $0 == "." }
        guard ["nan", "inf", "infinity"].contains(word) else { return wrong }
        var problem = wrong
        problem.help.append("not-a-number and infinity are not values; leave the fact out when it is not known")
        return problem
    }

    /// Whether `text` is a number in strict decimal form: the whole part `0` or digits not starting with `0`
    /// (`08` is never silently the number 8).
    private static func isStrictNumber(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let whole = unsigned.prefix { $0 != "." }
        return !(whole.count > 1 && whole.hasPrefix("0"))
    }

    private static func readQuantityMapping(_ pairs: [YAMLPair], for fact: FactDeclaration) -> Result<Value, Problem> {
        guard case .quantity(let declared) = fact.type else {
            return .failure(Problem(code: CaseDiagnosticCode.wrongType, message: "", help: []))
        }
        var valueText: String?
        var unitText: String?
        for pair in pairs {
            switch pair.key.scalar?.value {
            case "value": valueText = pair.value.scalar.flatMap { $0.isPlain ? $0.value : nil }
            case "unit": unitText = pair.value.scalar?.value
            default:
                return .failure(
                    Problem(
                        code: CaseDiagnosticCode.wrongType,
                        message:
                            "a quantity for \(quoted: fact.name) has only 'value' and 'unit', found \(quoted: pair.key.scalar?.value ?? "?")",
                        help: []))
            }
        }
        guard let valueText, let number = Number(valueText) else {
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.wrongType,
                    message: "a quantity for \(quoted: fact.name) needs a numeric 'value'", help: []))
        }
        guard let unitText else {
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.wrongType, message: "a quantity for \(quoted: fact.name) needs a 'unit'",
                    help: ["for example {value: \(valueText), unit: \(declared.symbol)}"]))
        }
        return makeQuantity(number, unitText, declared: declared, for: fact)
    }

    private static func makeQuantity(
        _ number: Number, _ unitText: String, declared: Unit, for fact: FactDeclaration
    ) -> Result<Value, Problem> {
        guard let unit = Unit.lookup(unitText) else {
            var help: [String] = []
            // Units of the fact's dimension first: `months` for a time is `mo`.
            if let near = Unit.suggestion(for: unitText, among: declared.dimension.units)
                ?? Unit.suggestion(for: unitText)
            {
                help.append("did you mean \(quoted: near.symbol)?")
            }
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.unknownUnit,
                    message: "unknown unit \(quoted: unitText) for fact \(quoted: fact.name)", help: help))
        }
        guard unit.dimension == declared.dimension else {
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.unitMismatch,
                    message:
                        "fact \(quoted: fact.name) is a quantity of \(declared.dimension), but \(quoted: unitText) is a unit of \(unit.dimension)",
                    help: ["use a unit of \(declared.dimension) such as \(quoted: declared.symbol)"]))
        }
        guard let quantity = try? Quantity(number, unit) else {
            return .failure(
                Problem(
                    code: CaseDiagnosticCode.outOfRange, message: "the value for \(quoted: fact.name) is too large",
                    help: []))
        }
        return .success(.quantity(quantity))
    }

    private static func checkRange(_ value: Value, for fact: FactDeclaration) -> Result<Value, Problem> {
        if let low = fact.minimum, let order = order(value, low), order < 0 {
            return .failure(outOfRange(value, fact))
        }
        if let high = fact.maximum, let order = order(value, high), order > 0 {
            return .failure(outOfRange(value, fact))
        }
        return .success(value)
    }

    private static func outOfRange(_ value: Value, _ fact: FactDeclaration) -> Problem {
        let low = fact.minimum.map(\.description) ?? "…"
        let high = fact.maximum.map(\.description) ?? "…"
        return Problem(
            code: CaseDiagnosticCode.outOfRange,
            message: "\(value) is outside the allowed range \(low)..\(high) of \(quoted: fact.name)", help: [])
    }
}
