import GuidelineDiagnostics

/// Loads one YAML (or JSON) file into a `YAMLNode` tree with exact source ranges; never throws or traps.
///
/// ```swift
/// let document = YAMLLoader().load(text: text, file: "Rules/spine/sins.yaml")
/// bag.append(contentsOf: document.diagnostics)
/// guard let root = document.root else { return }
/// ```
///
/// Scalars are never typed implicitly: every scalar is text, read by field with `asBool()`, `asInteger()`
/// and friends. JSON loads as YAML flow syntax, with the same positions.
package struct YAMLLoader: Sendable {
    /// The bounds applied to every file.
    package var limits: YAMLLimits

    /// Creates a loader with `limits` (defaults: 4 MiB, depth 64, 100,000 nodes, 1,000 aliases).
    package init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Loads `text`; `file` is the name used in locations.
    package func load(text: String, file: String) -> YAMLDocument {
        load(bytes: Array(text.utf8), file: file)
    }

    /// Loads UTF-8 `bytes` (an optional UTF-8 byte-order mark is skipped); `file` is the name used in locations.
    package func load(bytes: [UInt8], file: String) -> YAMLDocument {
        let start = SourceRange(start: SourceLocation(file: file, line: 1, column: 1))
        guard bytes.count <= limits.maxInputBytes else {
            return failure(file, sizeLimitError(byteCount: bytes.count, file: file))
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return failure(
                file,
                .error(
                    YAMLDiagnosticCode.invalidUTF8, "the file is utf-16 encoded, expected utf-8", at: start,
                    help: ["save the file as utf-8"]))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let source: SourceText
        switch SourceText.decode(body, file: file) {
        case .text(let text):
            source = text
        case .invalid(_, let byte, let location):
            let hex = String(byte, radix: 16, uppercase: true)
            return failure(
                file,
                .error(
                    YAMLDiagnosticCode.invalidUTF8,
                    "the file is not valid utf-8: unexpected byte 0x\(hex.count < 2 ? "0" : "")\(hex)",
                    at: SourceRange(start: location), help: ["save the file as utf-8"]))
        }
        var parsed = body
        var escapes = SurrogateEscapes()
        while true {
            var builder = YAMLTreeBuilder(source: source, limits: limits)
            let error: LibYAMLError?
            if escapes.isEmpty {
                error = LibYAMLParser.parse(parsed) { event, start, end in builder.handle(event, start: start, end: end)
                }
            } else {
                let map = escapes
                error = LibYAMLParser.parse(parsed) { event, start, end in
                    builder.handle(event, start: map.original(start), end: map.original(end))
                }
            }
            var diagnostics = builder.bag.all
            if var error {
                builder.markFatal()
                if error.problem == "found invalid Unicode character escape code", let problem = error.problemMark,
                    let quote = error.contextMark
                {
                    // libyaml stops after the escape's `\u` (or `\U`), inside a double-quoted scalar.
                    switch escapes.handle(bytes: &parsed, quote: quote, escape: problem.index - 2) {
                    case .rewritten?:
                        if escapes.scalars <= SurrogateEscapes.maxRewrittenScalars { continue }
                        let at = source.location(of: escapes.original(quote))
                        return YAMLDocument(
                            file: file, root: nil,
                            diagnostics: [
                                .error(
                                    YAMLDiagnosticCode.escapeLimit,
                                    "more than \(SurrogateEscapes.maxRewrittenScalars) quoted strings write characters as surrogate pairs of escapes",
                                    at: SourceRange(start: at),
                                    help: [
                                        "write characters above U+FFFF as '\\U0001F600' escapes or as the characters themselves"
                                    ])
                            ])
                    case .invalid(let text, let escape, let length, let reason)?:
                        let start = escapes.original(
                            YAMLMark(index: escape, line: problem.line, column: problem.column - 2))
                        let from = source.location(of: start)
                        let to = SourceLocation(file: from.file, line: from.line, column: from.column + length)
                        diagnostics.append(
                            .error(
                                YAMLDiagnosticCode.invalidEscape, "escape \(quoted: text) is \(reason)",
                                at: SourceRange(start: from, end: to),
                                help: [
                                    "write a character above U+FFFF as a pair of escapes such as '\\ud83d\\ude00', as '\\U0001F600', or as the character itself"
                                ]))
                        return YAMLDocument(file: file, root: builder.documentRoot, diagnostics: diagnostics)
                    case nil:
                        break
                    }
                }
                error.problemMark = error.problemMark.map(escapes.original)
                error.contextMark = error.contextMark.map(escapes.original)
                diagnostics.append(error.diagnostic(in: source))
            }
            return YAMLDocument(file: file, root: builder.documentRoot, diagnostics: diagnostics)
        }
    }

    /// The `yaml.size-limit` error for a file of `byteCount` bytes, over the limit (nil: size not known, as for
    /// a pipe or a device read up to the limit).
    package func sizeLimitError(byteCount: Int?, file: String) -> Diagnostic {
        let message =
            byteCount.map { "the file is \($0) bytes, more than the limit of \(limits.maxInputBytes) bytes" }
            ?? "the file is larger than the limit of \(limits.maxInputBytes) bytes"
        return .error(
            YAMLDiagnosticCode.sizeLimit, message,
            at: SourceRange(start: SourceLocation(file: file, line: 1, column: 1)))
    }

    private func failure(_ file: String, _ diagnostic: Diagnostic) -> YAMLDocument {
        YAMLDocument(file: file, root: nil, diagnostics: [diagnostic])
    }
}
