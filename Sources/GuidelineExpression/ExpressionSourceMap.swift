import GuidelineDiagnostics

/// Maps offsets in an expression's text (Unicode scalars, 0-based) to places in a file.
///
/// The compiler supplies one that maps into the YAML file, including quoted and block scalars.
package protocol ExpressionSourceMap: Sendable {
    /// The file range of the scalar offsets `span` of the expression text.
    func range(of span: Range<Int>) -> SourceRange
}

/// The default map: the expression lies on one line of a file, starting at a given column.
///
/// With the defaults, offset `k` is `<expression>:1:(k+1)`.
package struct SingleLineSourceMap: ExpressionSourceMap {
    /// The file name.
    package var file: String
    /// The 1-based line.
    package var line: Int
    /// The 1-based column of offset 0.
    package var column: Int

    /// Creates a map for an expression starting at `file:line:column`.
    package init(file: String = "<expression>", line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// Shifts the offsets by `column - 1` on `line`.
    package func range(of span: Range<Int>) -> SourceRange {
        SourceRange(
            start: SourceLocation(file: file, line: line, column: column + span.lowerBound),
            end: SourceLocation(file: file, line: line, column: column + span.upperBound))
    }
}

/// A map for a sub-expression (for example a template placeholder) that starts `offset` scalars into a larger text.
package struct OffsetSourceMap: ExpressionSourceMap {
    /// The map of the larger text.
    package var base: any ExpressionSourceMap
    /// Where the sub-expression starts in the larger text.
    package var offset: Int

    /// Creates a shifted map.
    package init(base: any ExpressionSourceMap, offset: Int) {
        self.base = base
        self.offset = offset
    }

    /// Shifts `span` by `offset` and maps it with `base`.
    package func range(of span: Range<Int>) -> SourceRange {
        base.range(of: (span.lowerBound + offset)..<(span.upperBound + offset))
    }
}
