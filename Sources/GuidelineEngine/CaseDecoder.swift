import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Validates case files (YAML or JSON, both read through libyaml) against a ruleset's fact declarations.
///
/// Every problem is reported with its file, line and column (and, for JSON, its JSON path); a case with
/// any error yields no `CaseInput`, so nothing is evaluated from half-read input.
package struct CaseDecoder: Sendable {
    /// The outcome of decoding one case.
    package struct Outcome: Sendable {
        /// The case, when valid.
        package var input: CaseInput?
        /// Every problem found.
        package var diagnostics: [Diagnostic]

        /// Creates an outcome (for example for a case another reader decoded).
        package init(input: CaseInput?, diagnostics: [Diagnostic]) {
            self.input = input
            self.diagnostics = diagnostics
        }
    }

    /// The ruleset whose facts cases are checked against.
    package let ruleset: CompiledRuleset
    /// Limits for reading case text.
    package var limits: YAMLLimits

    /// Creates a decoder for `ruleset`.
    package init(ruleset: CompiledRuleset, limits: YAMLLimits = .default) {
        self.ruleset = ruleset
        self.limits = limits
    }

    /// Decodes a case from text (YAML or JSON); `file` names it in messages.
    package func decode(text: String, file: String) -> Outcome {
        decode(bytes: Array(text.utf8), file: file)
    }

    /// Decodes a case from bytes (YAML or JSON).
    package func decode(bytes: [UInt8], file: String) -> Outcome {
        let document = YAMLLoader(limits: limits).load(bytes: bytes, file: file)
        if document.diagnostics.contains(where: { $0.severity == .error }) {
            return Outcome(input: nil, diagnostics: document.diagnostics)
        }
        guard let root = document.root else {
            let start = SourceRange(start: SourceLocation(file: file, line: 1, column: 1))
            return Outcome(
                input: nil,
                diagnostics: [
                    .error(
                        CaseDiagnosticCode.empty, "the case is empty", at: start,
                        help: ["a case is a mapping with 'facts:'"])
                ])
        }
        let json = bytes.first { ![9, 10, 13, 32].contains($0) } == UInt8(ascii: "{")
        return decode(root: root, file: file, json: json)
    }

    /// Decodes a case from a parsed node.
    package func decode(root: YAMLNode, file: String, json: Bool = false) -> Outcome {
        var bag = DiagnosticBag()
        guard let pairs = root.mapping else {
            bag.error(
                CaseDiagnosticCode.expectedMapping, "a case must be a mapping with 'facts:', found \(root.kindName)",
                at: root.range)
            return Outcome(input: nil, diagnostics: bag.all)
        }
        var id: String?
        var factsNode: YAMLNode?
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            switch key {
            case "case":
                if let scalar = pair.value.scalar, !scalar.isNull {
                    id = scalar.value
                } else {
                    bag.error(CaseDiagnosticCode.badId, "'case' must be a text id", at: pair.value.range)
                }
            case "facts": factsNode = pair.value
            default:
                bag.append(
                    Diagnostic.error(
                        CaseDiagnosticCode.unknownKey, "unknown key \(quoted: key) in a case", at: pair.key.range,
                        help: ["a case has 'case' and 'facts'"]
                    )
                    .suggesting(Suggestions.closest(to: key, in: ["case", "facts"])))
            }
        }
        if factsNode == nil {
            bag.error(CaseDiagnosticCode.missingFacts, "a case needs 'facts'", at: root.range)
        }
        let outcome = decode(facts: factsNode, id: id, file: file, json: json)
        bag.append(contentsOf: outcome.diagnostics)
        if bag.hasErrors { return Outcome(input: nil, diagnostics: bag.sorted) }
        return Outcome(input: outcome.input, diagnostics: bag.sorted)
    }

    /// Decodes a `facts:` mapping (nil or null: no facts) into a case with the given id.
    ///
    /// With `json`, messages also give the JSON path of each bad value.
    package func decode(facts factsNode: YAMLNode?, id: String?, file: String, json: Bool = false) -> Outcome {
        var bag = DiagnosticBag()
        var values = Array(repeating: Value.unknown, count: ruleset.facts.count)
        if let factsNode {
            if let factPairs = factsNode.mapping {
                for pair in factPairs {
                    decodeFact(pair, values: &values, json: json, bag: &bag)
                }
            } else if !(factsNode.scalar?.isNull ?? false) {
                bag.error(
                    CaseDiagnosticCode.expectedMapping,
                    "'facts' must be a mapping of fact names to values, found \(factsNode.kindName)",
                    at: factsNode.range)
            }
        }
        if bag.hasErrors { return Outcome(input: nil, diagnostics: bag.sorted) }
        return Outcome(input: CaseInput(id: id, facts: values, origin: file), diagnostics: bag.sorted)
    }

    /// Decodes facts given from Swift (`["spine.level": "T12", "patient.life_expectancy": "6 mo"]`), validated as a
    /// case file's are.
    ///
    /// The diagnostics have no source range: there is no file; each names its fact.
    package func decode(values: [String: CaseValue], id: String? = nil, origin: String = "facts") -> Outcome {
        var bag = DiagnosticBag()
        var slots = Array(repeating: Value.unknown, count: ruleset.facts.count)
        for (name, given) in values.sorted(by: { $0.key < $1.key }) {
            guard let slot = ruleset.factSlot(name) else {
                bag.append(undeclared(name, at: nil))
                continue
            }
            guard let text = given.text else { continue }
            switch FactValueReader.read(text: text, for: ruleset.facts[slot]) {
            case .success(let value): slots[slot] = value
            case .failure(let problem):
                bag.append(.error(problem.code, problem.message, at: nil, help: problem.help))
            }
        }
        if bag.hasErrors { return Outcome(input: nil, diagnostics: bag.all) }
        return Outcome(input: CaseInput(id: id, facts: slots, origin: origin), diagnostics: bag.all)
    }

    private func decodeFact(_ pair: YAMLPair, values: inout [Value], json: Bool, bag: inout DiagnosticBag) {
        let name = pair.key.scalar?.value ?? ""
        let path = json ? ["JSON path $.facts[\(DiagnosticJSON.quote(name))]"] : []
        guard let slot = ruleset.factSlot(name) else {
            bag.append(undeclared(name, at: pair.key.range, help: path))
            return
        }
        if let scalar = pair.value.scalar, scalar.isNull { return }  // explicit null: unknown
        switch FactValueReader.read(pair.value, for: ruleset.facts[slot]) {
        case .success(let value): values[slot] = value
        case .failure(let problem):
            bag.append(.error(problem.code, problem.message, at: pair.value.range, help: problem.help + path))
        }
    }

    /// `undeclared fact 'name'`, with the nearest declared fact and, for a computed value, that a case gives
    /// facts only.
    private func undeclared(_ name: String, at range: SourceRange?, help: [String] = []) -> Diagnostic {
        var diagnostic = Diagnostic.error(
            CaseDiagnosticCode.undeclaredFact, "undeclared fact \(quoted: name)", at: range, help: help
        )
        .suggesting(Suggestions.closest(to: name, in: ruleset.facts.map(\.name)))
        if ruleset.slot(named: name) != nil {
            diagnostic.help.append("\(quoted: name) is computed by the ruleset; a case gives facts only")
        }
        return diagnostic
    }
}
