import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Resolves, type-checks, analyses and compiles the decoded files of one ruleset.
///
/// The phases, in order: facts (all files) → names and slots → dependency order of scores, derived values
/// and tables → type-check in that order → rules → analyses (score bands, tables) → usage warnings.
struct RulesetCompiler {
    let manifest: Manifest
    let directory: String
    let fingerprint: String
    /// Whether tables are checked for gaps and overlaps (`TableAnalysis`).
    let analysesTables: Bool

    private var facts: [FactDeclaration] = []
    private var factsByName: [String: FactDeclaration] = [:]
    private var slots: [Slot] = []
    private var symbols = SymbolTable()
    private var declaredAt: [String: SourceRange] = [:]
    private var used = Set<String>()
    private var cited = Set<String>()
    /// The manifest's actions and sources by id (the first declared, when an id is declared twice).
    private let actionsByID: [String: ActionDeclaration]
    private let sourcesByID: [String: SourceDeclaration]

    init(manifest: Manifest, directory: String, fingerprint: String, analysesTables: Bool = true) {
        self.manifest = manifest
        self.analysesTables = analysesTables
        self.directory = directory
        self.fingerprint = fingerprint
        actionsByID = Dictionary(manifest.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sourcesByID = Dictionary(manifest.sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Compiles the files (path, root node); nil when anything is in error (the diagnostics say what).
    mutating func compile(files: [(String, YAMLNode)], bag: inout DiagnosticBag) -> CompiledRuleset? {
        checkManifestIDs(bag: &bag)
        for (path, root) in files {
            for fact in RuleFileDecoder.decodeFacts(root, file: path, bag: &bag) { declareFact(fact, bag: &bag) }
        }
        let decoded = files.map { RuleFileDecoder.decode($0.1, file: $0.0, facts: factsByName, bag: &bag) }
        var scores: [(ScoreDeclaration, String)] = []
        var derived: [DerivedDeclaration] = []
        var tables: [TableDeclaration] = []
        var rules: [(RuleDeclaration, String)] = []
        for file in decoded {
            scores += file.scores.map { ($0, file.path) }
            derived += file.derived
            tables += file.tables
            rules += file.rules.map { ($0, file.path) }
        }
        // Scores: their slots and analyses.
        var compiledScores: [CompiledScore] = []
        for (score, file) in scores {
            ScoreAnalysis.check(score, facts: factsByName, bag: &bag)
            score.citations.forEach { resolve($0, bag: &bag) }
            if let compiled = compileScore(score, index: compiledScores.count, file: file, bag: &bag) {
                compiledScores.append(compiled)
            }
        }
        // Derived values and tables, in dependency order.
        // Parsed once: the order reads their names, the compiler checks the same trees.
        let parsedDerived = derived.map { ParsedText($0.value) }
        let parsedTables = tables.map(ParsedTable.init)
        var order = DependencyOrder(
            derived: derived, tables: tables, parsedDerived: parsedDerived, parsedTables: parsedTables)
        let steps = order.sort(known: Set(symbols.names), bag: &bag)
        var compiledDerived: [CompiledDerived] = []
        var compiledTables: [CompiledTable] = []
        var finalSteps: [Step] = compiledScores.indices.map { Step.score($0) }
        // A value in a cycle or with an error is still declared (with the error type), so what reads it gets no
        // second, misleading "undeclared name" error.
        let sorted = Set(steps.compactMap { step -> Int? in if case .derived(let index) = step { index } else { nil } })
        for (index, value) in derived.enumerated() where !sorted.contains(index) {
            declareFailed(value.name, origin: .derived(index), at: value.range)
        }
        for step in steps {
            switch step {
            case .derived(let index):
                if let compiled = compileDerived(
                    derived[index], parsed: parsedDerived[index], index: compiledDerived.count, bag: &bag)
                {
                    finalSteps.append(.derived(compiledDerived.count))
                    compiledDerived.append(compiled)
                } else {
                    declareFailed(derived[index].name, origin: .derived(index), at: derived[index].range)
                }
            case .table(let index):
                if let compiled = compileTable(
                    tables[index], parsed: parsedTables[index], index: compiledTables.count, bag: &bag)
                {
                    finalSteps.append(.table(compiledTables.count))
                    compiledTables.append(compiled)
                } else {
                    for (position, output) in tables[index].outputs.enumerated() {
                        declareFailed(
                            "\(tables[index].id).\(output)", origin: .tableOutput(index, output: position),
                            at: tables[index].range)
                    }
                }
            case .score: break
            }
        }
        var compiledRules: [CompiledRule] = []
        var ruleIDs: [String: SourceRange] = [:]
        for (rule, file) in rules {
            if let first = ruleIDs[rule.id] {
                bag.error(
                    RulesDiagnosticCode.duplicateId, "rule id \(quoted: rule.id) is already used", at: rule.range,
                    notes: [DiagnosticNote("first used here", at: first)])
            }
            ruleIDs[rule.id] = ruleIDs[rule.id] ?? rule.range
            if let compiled = compileRule(rule, file: file, bag: &bag) { compiledRules.append(compiled) }
        }
        for table in compiledTables where analysesTables {
            TableAnalysis.check(table, slots: slots, facts: facts, scores: compiledScores, bag: &bag)
        }
        // What is used is known only once every declaration decoded and compiled: with errors, a fact named only in
        // a misspelled key or a declaration that failed would be reported as never used, on top of the error.
        if !bag.hasErrors { warnUnused(scores: scores.map(\.0), bag: &bag) }
        if bag.hasErrors { return nil }
        return CompiledRuleset(
            manifest: manifest, fingerprint: fingerprint, facts: facts, slots: slots, scores: compiledScores,
            derived: compiledDerived, tables: compiledTables, steps: finalSteps, rules: compiledRules, symbols: symbols,
            directory: directory, warnings: bag.all.filter { $0.severity == .warning })
    }

    // MARK: names and slots

    private mutating func declare(
        _ name: String, type: ExpressionType, origin: Slot.Origin, dependencies: [Int], at range: SourceRange,
        bag: inout DiagnosticBag
    ) -> Int? {
        if let first = declaredAt[name] {
            bag.error(
                RulesDiagnosticCode.duplicateName, "\(quoted: name) is already declared", at: range,
                notes: [DiagnosticNote("first declared here", at: first)])
            return nil
        }
        declaredAt[name] = range
        let slot = slots.count
        slots.append(Slot(name: name, type: type, origin: origin, dependencies: dependencies))
        symbols.declare(name, type: type, slot: slot)
        return slot
    }

    /// Declares a value that failed to compile (an error is reported already) with the error type, unless
    /// its name is taken; the ruleset is not returned, so the slot is never evaluated.
    private mutating func declareFailed(_ name: String, origin: Slot.Origin, at range: SourceRange) {
        guard declaredAt[name] == nil else { return }
        var ignored = DiagnosticBag()
        _ = declare(name, type: .error, origin: origin, dependencies: [], at: range, bag: &ignored)
    }

    private mutating func declareFact(_ fact: FactDeclaration, bag: inout DiagnosticBag) {
        guard
            declare(
                fact.name, type: fact.type.expressionType, origin: .fact(facts.count), dependencies: [], at: fact.range,
                bag: &bag) != nil
        else { return }
        facts.append(fact)
        factsByName[fact.name] = fact
    }

    private func checkManifestIDs(bag: inout DiagnosticBag) {
        for (kind, ids) in [
            ("action", manifest.actions.map { ($0.id, $0.range) }),
            ("source", manifest.sources.map { ($0.id, $0.range) }),
        ] {
            var seen: [String: SourceRange] = [:]
            for (id, range) in ids {
                if let first = seen[id] {
                    bag.error(
                        RulesDiagnosticCode.duplicateId, "\(kind) \(quoted: id) is already declared", at: range,
                        notes: [DiagnosticNote("first declared here", at: first)])
                }
                seen[id] = seen[id] ?? range
            }
        }
    }

    // MARK: scores, derived values, tables

    private mutating func compileScore(
        _ score: ScoreDeclaration, index: Int, file: String, bag: inout DiagnosticBag
    ) -> CompiledScore? {
        var components: [CompiledScore.Component] = []
        for component in score.components {
            guard let fact = factsByName[component.fact], let slot = symbols.lookup(component.fact)?.slot else {
                continue
            }
            used.insert(component.fact)
            let count: Int
            switch fact.type {
            case .enumeration(let type): count = type.values.count
            case .boolean: count = 2
            default: continue
            }
            var points = Array(repeating: 0, count: count)
            var labels = Array(repeating: "", count: count)
            for option in component.options {
                for ordinal in option.ordinals where ordinal < count {
                    points[ordinal] = option.points
                    labels[ordinal] = option.label
                }
            }
            components.append(
                .init(
                    id: component.id, factSlot: slot, points: points, labels: labels, minimum: points.min() ?? 0,
                    maximum: points.max() ?? 0))
        }
        let bandType = EnumType(name: "\(score.id).band", values: score.bands.map(\.label), ordered: true)
        let factSlots = components.map(\.factSlot)
        guard
            let total = declare(
                score.id, type: .integer, origin: .scoreTotal(index), dependencies: factSlots, at: score.range,
                bag: &bag),
            let band = declare(
                "\(score.id).band", type: .enumeration(bandType), origin: .scoreBand(index), dependencies: [total],
                at: score.range, bag: &bag)
        else { return nil }
        return CompiledScore(
            declaration: score, components: components, totalSlot: total, bandSlot: band, bandType: bandType, file: file
        )
    }

    private mutating func compileDerived(
        _ derived: DerivedDeclaration, parsed: ParsedText, index: Int, bag: inout DiagnosticBag
    ) -> CompiledDerived? {
        guard let checked = check(parsed, expecting: nil, bag: &bag) else { return nil }
        guard
            let slot = declare(
                derived.name, type: checked.type, origin: .derived(index), dependencies: checked.dependencies,
                at: derived.range, bag: &bag)
        else { return nil }
        return CompiledDerived(declaration: derived, slot: slot, expression: checked)
    }

    private mutating func compileTable(
        _ table: TableDeclaration, parsed: ParsedTable, index: Int, bag: inout DiagnosticBag
    ) -> CompiledTable? {
        var inputSlots: [Int] = []
        for (input, range) in zip(table.inputs, table.inputRanges) {
            guard let symbol = symbols.lookup(input) else {
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.undeclaredName,
                        "undeclared input \(quoted: input) of table \(quoted: table.id)", at: range
                    )
                    .suggesting(Suggestions.closest(to: input, in: symbols.names)))
                continue
            }
            used.insert(input)
            inputSlots.append(symbol.slot)
        }
        var rows: [CompiledTable.Row] = []
        var outputTypes: [ExpressionType?] = Array(repeating: nil, count: table.outputs.count)
        var failed = inputSlots.count != table.inputs.count
        for (row, parsedRow) in zip(table.rows, parsed.rows) {
            var cells: [[CheckedExpression]?] = []
            for cell in parsedRow.cells {
                guard let cell else { cells.append(nil); continue }
                let checked = cell.compactMap { check($0, expecting: .boolean, bag: &bag) }
                if checked.count != cell.count { failed = true }
                cells.append(checked)
            }
            var outputs: [CheckedExpression] = []
            for (position, output) in parsedRow.outputs.enumerated() {
                let text = output.text
                guard let checked = check(output, expecting: outputTypes[position], bag: &bag) else {
                    failed = true
                    continue
                }
                if let expected = outputTypes[position], !Self.compatible(expected, checked.type) {
                    bag.error(
                        RulesDiagnosticCode.outputType,
                        "output \(quoted: table.outputs[position]) of table \(quoted: table.id) is \(expected) in earlier rows but \(checked.type) here",
                        at: text.range)
                    failed = true
                }
                outputTypes[position] = outputTypes[position] ?? checked.type
                outputs.append(checked)
            }
            row.citations.forEach { resolve($0, bag: &bag) }
            rows.append(CompiledTable.Row(cells: cells, outputs: outputs, declaration: row))
        }
        if failed { return nil }
        let types = outputTypes.map { $0 ?? .boolean }
        var outputSlots: [Int] = []
        for (position, output) in table.outputs.enumerated() {
            let type: ExpressionType = table.hit == .collect ? .list(types[position]) : types[position]
            guard
                let slot = declare(
                    "\(table.id).\(output)", type: type, origin: .tableOutput(index, output: position),
                    dependencies: inputSlots, at: table.range, bag: &bag)
            else { return nil }
            outputSlots.append(slot)
        }
        return CompiledTable(
            declaration: table, rows: rows, inputSlots: inputSlots, outputSlots: outputSlots, outputTypes: types)
    }

    // MARK: rules

    private mutating func compileRule(_ rule: RuleDeclaration, file: String, bag: inout DiagnosticBag) -> CompiledRule?
    {
        let condition = check(ParsedText(rule.when), expecting: .boolean, bag: &bag)
        let exception = rule.unless.flatMap { check(ParsedText($0), expecting: .boolean, bag: &bag) }
        let ruleCitations = rule.citations.compactMap { resolve($0, bag: &bag) }
        var recommendations: [CompiledRecommendation] = []
        for recommendation in rule.recommendations {
            let own = recommendation.citations.compactMap { resolve($0, bag: &bag) }
            if rule.citations.isEmpty && recommendation.citations.isEmpty {
                bag.error(
                    RulesDiagnosticCode.uncited,
                    "recommendation \(quoted: recommendation.action) of rule \(quoted: rule.id) cites no source",
                    at: recommendation.actionRange,
                    help: ["add 'cite:' to the rule or the recommendation, naming a source of the manifest"])
            }
            guard let action = actionsByID[recommendation.action] else {
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.unknownAction,
                        "unknown action \(quoted: recommendation.action) in rule \(quoted: rule.id)",
                        at: recommendation.actionRange,
                        help: ["actions are declared under 'actions:' in \(manifest.file)"]
                    )
                    .suggesting(Suggestions.closest(to: recommendation.action, in: manifest.actions.map(\.id))))
                continue
            }
            CardSummary.check(recommendation, action: action, rule: rule.id, bag: &bag)
            guard let text = ExpressionBridge.template(recommendation.text, symbols: symbols, bag: &bag) else {
                continue
            }
            for slot in text.dependencies { used.insert(slots[slot].name) }
            recommendations.append(
                CompiledRecommendation(
                    declaration: recommendation, action: action, text: text,
                    params: recommendation.params.map { ParamValue.Entry(key: $0.0, value: param($0.1)) },
                    citations: ruleCitations + own))
        }
        guard let condition, recommendations.count == rule.recommendations.count, rule.unless == nil || exception != nil
        else { return nil }
        return CompiledRule(
            declaration: rule, file: file, condition: condition, exception: exception, recommendations: recommendations)
    }

    private func param(_ declaration: ParamDeclaration) -> ParamValue {
        switch declaration {
        case .scalar(let text): ExpressionBridge.literal(text.text).map(ParamValue.value) ?? .text(text.text)
        case .list(let items): .list(items.map(param))
        case .mapping(let entries): .mapping(entries.map { ParamValue.Entry(key: $0.0, value: param($0.1)) })
        }
    }

    @discardableResult
    private mutating func resolve(_ citation: Citation, bag: inout DiagnosticBag) -> ResolvedCitation? {
        guard let source = sourcesByID[citation.source] else {
            bag.append(
                Diagnostic.error(
                    RulesDiagnosticCode.unknownSource, "unknown source \(quoted: citation.source)", at: citation.range,
                    help: ["sources are declared under 'sources:' in \(manifest.file)"]
                )
                .suggesting(Suggestions.closest(to: citation.source, in: manifest.sources.map(\.id))))
            return nil
        }
        cited.insert(source.id)
        return ResolvedCitation(citation: citation, source: source)
    }

    /// Whether values of types `a` and `b` can stand in one table column (integers and decimals mix).
    static func compatible(_ a: ExpressionType, _ b: ExpressionType) -> Bool {
        a == b || (a.isNumeric && b.isNumeric)
    }

    // MARK: usage

    /// Type-checks an expression; the names it mentions count as used even when it does not check, so that an
    /// error in an expression does not also report the facts it reads as never used.
    private mutating func check(
        _ parsed: ParsedText, expecting: ExpressionType?, bag: inout DiagnosticBag
    ) -> CheckedExpression? {
        used.formUnion(parsed.names)
        return ExpressionBridge.check(parsed, symbols: symbols, expecting: expecting, bag: &bag)
    }

    private func warnUnused(scores: [ScoreDeclaration], bag: inout DiagnosticBag) {
        for fact in facts where !used.contains(fact.name) {
            bag.warning(RulesDiagnosticCode.unusedFact, "fact \(quoted: fact.name) is never used", at: fact.range)
        }
        for source in manifest.sources where !cited.contains(source.id) {
            bag.warning(
                RulesDiagnosticCode.unusedSource, "source \(quoted: source.id) is never cited", at: source.range)
        }
    }
}
