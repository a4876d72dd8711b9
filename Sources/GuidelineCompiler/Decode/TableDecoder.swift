import GuidelineDiagnostics
import GuidelineYAML

/// Decodes one decision table; each cell becomes a condition on its input (`>= 13` → `sins >= 13`).
enum TableDecoder {
    static let keys = ["description", "hit", "complete", "inputs", "outputs", "rows"]
    static let rowKeys = ["when", "then", "cite"]
    static let comparisons = [">=", "<=", "!=", "==", ">", "<"]

    static func decode(_ pair: YAMLPair, bag: inout DiagnosticBag) -> TableDeclaration? {
        guard let id = pair.key.scalar?.value else { return nil }
        if !Identifiers.isDottedName(id) {
            bag.error(
                RulesDiagnosticCode.badName, "table name \(quoted: id) must be lowercase words joined by dots",
                at: pair.key.range)
        }
        let what = "table \(quoted: id)"
        guard
            let reader = MappingReader(
                pair.value, what: what, allowed: keys, required: ["hit", "inputs", "outputs", "rows"], bag: &bag),
            let hit = reader.word("hit", as: HitPolicy.self, bag: &bag),
            let inputs = reader.strings("inputs", bag: &bag), let outputs = reader.strings("outputs", bag: &bag)
        else { return nil }
        for (output, range) in outputs where !Identifiers.isDottedName(output) {
            bag.error(
                RulesDiagnosticCode.badName, "output name \(quoted: output) of \(what) must be a lowercase word",
                at: range)
        }
        var table = TableDeclaration(
            id: id, description: reader.string("description", bag: &bag), hit: hit,
            complete: reader.bool("complete", bag: &bag) ?? false, inputs: inputs.map(\.0),
            inputRanges: inputs.map(\.1),
            outputs: outputs.map(\.0), rows: [], range: pair.key.range)
        guard let rowsNode = reader["rows"] else { return table }
        guard let rows = rowsNode.sequence else {
            bag.error(
                RulesDiagnosticCode.expectedList, "'rows' of \(what) must be a list, found \(rowsNode.kindName)",
                at: rowsNode.range)
            return table
        }
        for (index, rowNode) in rows.enumerated() {
            if let row = decodeRow(rowNode, number: index + 1, table: table, bag: &bag) { table.rows.append(row) }
        }
        return table
    }

    private static func decodeRow(
        _ node: YAMLNode, number: Int, table: TableDeclaration, bag: inout DiagnosticBag
    ) -> TableDeclaration.Row? {
        let what = "row \(number) of table \(quoted: table.id)"
        guard let reader = MappingReader(node, what: what, allowed: rowKeys, required: ["when", "then"], bag: &bag),
            let whenNode = reader["when"], let thenNode = reader["then"]
        else { return nil }
        var row = TableDeclaration.Row(
            cells: Array(repeating: nil, count: table.inputs.count), outputs: [],
            citations: reader["cite"].map { CitationDecoder.decode($0, bag: &bag) } ?? [], range: node.range)
        for pair in RuleFileDecoder.entries(of: whenNode, what: "'when' of \(what)", bag: &bag) {
            guard let input = pair.key.scalar?.value else { continue }
            guard let index = table.inputs.firstIndex(of: input) else {
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.unknownInput,
                        "\(quoted: input) is not an input of table \(quoted: table.id)", at: pair.key.range
                    )
                    .suggesting(Suggestions.closest(to: input, in: table.inputs)))
                continue
            }
            row.cells[index] = cell(pair.value, input: input, bag: &bag)
        }
        var outputs: [String: ExpressionText] = [:]
        for pair in RuleFileDecoder.entries(of: thenNode, what: "'then' of \(what)", bag: &bag) {
            guard let output = pair.key.scalar?.value else { continue }
            guard table.outputs.contains(output) else {
                bag.append(
                    Diagnostic.error(
                        RulesDiagnosticCode.unknownOutput,
                        "\(quoted: output) is not an output of table \(quoted: table.id)", at: pair.key.range
                    )
                    .suggesting(Suggestions.closest(to: output, in: table.outputs)))
                continue
            }
            guard let scalar = pair.value.scalar else {
                bag.error(
                    RulesDiagnosticCode.expectedText,
                    "output \(quoted: output) of \(what) must be a single value, found \(pair.value.kindName)",
                    at: pair.value.range)
                continue
            }
            outputs[output] = ExpressionText(text: scalar.value, sourceMap: ScalarExpressionMap(scalar: scalar))
        }
        for output in table.outputs where outputs[output] == nil {
            bag.error(
                RulesDiagnosticCode.missingOutput, "\(what) gives no value for output \(quoted: output)",
                at: thenNode.range)
        }
        guard outputs.count == table.outputs.count else { return nil }
        row.outputs = table.outputs.compactMap { outputs[$0] }
        return row
    }

    /// A cell: `-` (any value), or the alternatives it accepts, each a condition on `input`.
    private static func cell(_ node: YAMLNode, input: String, bag: inout DiagnosticBag) -> TableDeclaration.Cell? {
        let items: [YAMLNode]
        if let sequence = node.sequence {
            items = sequence
        } else {
            if let text = node.scalar?.value.trimmingSpaces(), text == "-" || text == "any" { return nil }
            items = [node]
        }
        var alternatives: [ExpressionText] = []
        for item in items {
            guard let scalar = item.scalar else {
                bag.error(
                    RulesDiagnosticCode.badCell,
                    "a table cell must be a value, a list of values, a range or a comparison, found \(item.kindName)",
                    at: item.range)
                continue
            }
            let text = scalar.value.trimmingSpaces()
            let prefix: String
            if comparisons.contains(where: { text.hasPrefix($0) }) {
                prefix = "\(input) "
            } else if text.contains("..") {
                prefix = "\(input) in "
            } else {
                prefix = "\(input) == "
            }
            alternatives.append(
                ExpressionText(
                    text: prefix + scalar.value,
                    sourceMap: ScalarExpressionMap(scalar: scalar, prefixLength: prefix.unicodeScalars.count)))
        }
        return TableDeclaration.Cell(alternatives: alternatives, range: node.range)
    }
}
