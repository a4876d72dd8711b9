import GuidelineDiagnostics

@testable import GuidelineYAML

/// Loads `text` as `test.yaml` with the given limits.
func load(_ text: String, limits: YAMLLimits = .default) -> YAMLDocument {
    YAMLLoader(limits: limits).load(text: text, file: "test.yaml")
}

/// Loads `text` and returns its root, or nil.
func root(_ text: String) -> YAMLNode? { load(text).root }

/// A location in `test.yaml`.
func loc(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(file: "test.yaml", line: line, column: column)
}

/// A range in `test.yaml`.
func span(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
    SourceRange(start: loc(line, column), end: loc(endLine, endColumn))
}

/// The source text a range covers (lines broken at `\n`; a `\r` before it stays part of the line).
func sourceText(_ text: String, _ range: SourceRange) -> String {
    let scalars = Array(text.unicodeScalars)
    var lineStarts = [0]
    for (i, c) in scalars.enumerated() where c == "\n" { lineStarts.append(i + 1) }
    func offset(_ l: SourceLocation) -> Int { lineStarts[l.line - 1] + l.column - 1 }
    let a = offset(range.start)
    let b = offset(range.end)
    guard a <= b, b <= scalars.count else { return "<bad range \(range.start)-\(range.end)>" }
    var out = String.UnicodeScalarView()
    out.append(contentsOf: scalars[a..<b])
    return String(out)
}

/// The first diagnostic with `code`, if any.
func diagnostic(_ document: YAMLDocument, _ code: String) -> Diagnostic? {
    document.diagnostics.first { $0.code == code }
}

/// Offsets of `needle` in `haystack`, in Unicode scalars.
func scalarOffsets(of needle: String, in haystack: String) -> Range<Int>? {
    let h = Array(haystack.unicodeScalars)
    let n = Array(needle.unicodeScalars)
    guard !n.isEmpty, n.count <= h.count else { return nil }
    for i in 0...(h.count - n.count) where Array(h[i..<(i + n.count)]) == n { return i..<(i + n.count) }
    return nil
}
