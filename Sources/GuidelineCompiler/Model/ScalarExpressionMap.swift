import GuidelineDiagnostics
import GuidelineExpression
import GuidelineYAML

/// Locates the characters of an expression written in a YAML scalar, for diagnostics at the exact column.
///
/// The compiler sometimes builds an expression around the author's text (a table cell `>= 13` becomes
/// `sins >= 13`); `prefixLength` is then the length of what was prepended, and offsets inside it map to
/// the start of the scalar.
package struct ScalarExpressionMap: ExpressionSourceMap, Sendable {
    /// The scalar the text comes from.
    package let scalar: YAMLScalar
    /// How many Unicode scalars were prepended to the author's text.
    package let prefixLength: Int

    /// Creates a map for `scalar`, with `prefixLength` synthesized characters before its value.
    package init(scalar: YAMLScalar, prefixLength: Int = 0) {
        self.scalar = scalar
        self.prefixLength = prefixLength
    }

    /// The file range of `span`, an offset range in the (possibly prefixed) expression text.
    package func range(of span: Range<Int>) -> SourceRange {
        let count = scalar.value.unicodeScalars.count
        let lower = min(max(0, span.lowerBound - prefixLength), count)
        let upper = min(max(lower, span.upperBound - prefixLength), count)
        return scalar.range(of: lower..<upper)
    }
}
