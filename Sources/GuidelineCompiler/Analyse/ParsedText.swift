import GuidelineDiagnostics
import GuidelineExpression

/// An expression of a rule file, parsed once: the dependency order reads its names, the compiler then
/// type-checks the same tree.
///
/// The parse diagnostics are kept aside and reported only when the expression is compiled, as they were when it was
/// parsed there.
struct ParsedText {
    /// The expression as written.
    let text: ExpressionText
    /// The syntax tree; nil when the text has a syntax error.
    let parsed: ParsedExpression?
    /// What parsing reported.
    let diagnostics: [Diagnostic]

    init(_ text: ExpressionText) {
        var bag = DiagnosticBag()
        self.text = text
        parsed = ExpressionBridge.parse(text, bag: &bag)
        diagnostics = bag.all
    }

    /// The names the expression mentions (none when it does not parse).
    var names: [String] { parsed.map(ExpressionBridge.names) ?? [] }
}

/// A table's expressions, parsed once, in the shape of its rows.
struct ParsedTable {
    /// Per row: each cell's alternatives (nil: any value), and each output.
    struct Row {
        var cells: [[ParsedText]?]
        var outputs: [ParsedText]
    }

    /// The rows, in order.
    var rows: [Row]

    init(_ table: TableDeclaration) {
        rows = table.rows.map { row in
            Row(
                cells: row.cells.map { $0.map { $0.alternatives.map(ParsedText.init) } },
                outputs: row.outputs.map(ParsedText.init))
        }
    }
}
