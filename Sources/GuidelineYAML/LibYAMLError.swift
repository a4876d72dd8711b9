import GuidelineDiagnostics

/// A libyaml error, translated into Swift values.
struct LibYAMLError: Error, Sendable {
    /// What kind of error libyaml reported.
    enum Kind: Sendable {
        /// Memory could not be allocated.
        case memory
        /// The reader rejected the input (encoding or control characters); see `byteOffset`.
        case reader
        /// The scanner rejected a token.
        case scanner
        /// The parser rejected the token order.
        case parser
        /// Anything else.
        case other
    }

    var kind: Kind
    /// libyaml's problem text, for example "found character that cannot start any token".
    var problem: String
    /// Where the problem is (scanner and parser errors).
    var problemMark: YAMLMark?
    /// libyaml's context text, for example "while scanning a quoted scalar".
    var context: String?
    /// Where the context starts.
    var contextMark: YAMLMark?
    /// Byte offset of the problem (reader errors only).
    var byteOffset: Int?
    /// The offending value (reader errors only), for example the control character.
    var problemValue: Int?
}

extension LibYAMLError {
    /// The error as a diagnostic positioned at libyaml's mark, with tab indentation and common problems
    /// rephrased.
    func diagnostic(in source: SourceText) -> Diagnostic {
        if kind == .reader {
            let offset = source.scalarOffset(ofByte: byteOffset ?? 0)
            let at = SourceRange(start: source.location(ofScalar: offset))
            if problem.contains("control characters"), let value = problemValue {
                return .error(
                    YAMLDiagnosticCode.controlCharacter, "control character \(Self.codePoint(value)) is not allowed",
                    at: at,
                    help: ["remove it, or write it as an escape inside a double-quoted string"])
            }
            return .error(YAMLDiagnosticCode.invalidUTF8, "the file is not valid utf-8: \(problem)", at: at)
        }
        let mark = problemMark ?? YAMLMark(index: 0, line: 0, column: 0)
        let location = source.location(of: mark)
        if source[mark.index] == "\t" || problem.contains("tab character") {
            return .error(
                YAMLDiagnosticCode.tabIndentation, "tabs are not allowed for indentation",
                at: SourceRange(
                    start: location,
                    end: SourceLocation(file: location.file, line: location.line, column: location.column + 1)),
                help: ["indent with spaces"])
        }
        if LongKeyDetector.problems.contains(problem),
            let start = LongKeyDetector.longKeyStart(colonAt: mark.index, in: source)
        {
            return .error(
                YAMLDiagnosticCode.keyLimit,
                "a mapping key of \(mark.index - start) characters is longer than the limit of \(YAMLLimits.maxKeyLength) characters",
                at: SourceRange(start: source.location(ofScalar: start), end: location),
                help: ["keys are short names such as 'spine.level'; put long text in a value"])
        }
        if problem == "did not find expected <document start>" {
            return .error(
                YAMLDiagnosticCode.syntax, "unexpected text after the end of the document",
                at: SourceRange(start: location),
                help: ["a file holds one document: remove this text, or check the indentation of the lines above"])
        }
        var message = problem
        var notes: [DiagnosticNote] = []
        if let context {
            message += " \(context)"
            if let contextMark, contextMark != mark {
                let what = context.replacingPrefix("while parsing ").replacingPrefix("while scanning ")
                notes.append(
                    DiagnosticNote("\(what) starts here", at: SourceRange(start: source.location(of: contextMark))))
            }
        }
        return .error(
            YAMLDiagnosticCode.syntax, message, at: SourceRange(start: location), help: help(at: mark, in: source),
            notes: notes)
    }

    private func help(at mark: YAMLMark, in source: SourceText) -> [String] {
        switch problem {
        case "did not find expected key", "did not find expected '-' indicator":
            return ["check the indentation of this line"]
        case "mapping values are not allowed in this context":
            return ["quote the text if it contains ': ', or check the indentation"]
        case "found character that cannot start any token":
            let c = source[mark.index].map { String($0) } ?? ""
            return c.isEmpty ? [] : ["quote the text: \(quoted: c) cannot start a plain word"]
        case "found unexpected end of stream":
            return context?.contains("quoted") == true ? ["close the quote"] : []
        case "did not find expected node content":
            return ["write a value, or quote the text"]
        default:
            return []
        }
    }

    private static func codePoint(_ value: Int) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
