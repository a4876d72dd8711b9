import Foundation
import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression

/// Makes the mutants of a compiled ruleset from its declarations and the text of its rule files: every number
/// compared with moved by one step each way, every comparison turned into its neighbour, each side of every
/// `and` dropped, every `unless` dropped, every recommendation's kind weakened; in rules, derived values and
/// table cells.
///
/// Each mutant is an edit of the file text at the place the compiler recorded, so it is what an author could have
/// typed; a mutant that does not compile is discarded by the runner.
package struct MutantGenerator: Sendable {
    /// The compiled ruleset.
    package let ruleset: CompiledRuleset
    /// The text of each rule file, by the path its declarations carry.
    package let files: [String: SourceFile]

    /// A rule file's text with the scalar offset of each line start.
    package struct SourceFile: Sendable {
        /// The path relative to the ruleset directory.
        package var relativePath: String
        /// The text, as Unicode scalars.
        package var scalars: [Unicode.Scalar]
        /// The offset of the first scalar of each line.
        package var lineStarts: [Int]

        /// Reads `text`, a file at `relativePath`.
        package init(relativePath: String, text: String) {
            self.relativePath = relativePath
            scalars = Array(text.unicodeScalars)
            var starts = [0]
            for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
            lineStarts = starts
        }

        /// The scalar offset of a 1-based line and column, if inside the file.
        package func offset(of location: SourceLocation) -> Int? {
            guard location.line >= 1, location.line <= lineStarts.count else { return nil }
            let offset = lineStarts[location.line - 1] + location.column - 1
            return offset <= scalars.count ? offset : nil
        }

        /// The text of `span`.
        package func text(_ span: Range<Int>) -> String {
            var out = ""
            out.unicodeScalars.append(contentsOf: scalars[span])
            return out
        }

        /// The text with `span` replaced by `replacement`.
        package func replacing(_ span: Range<Int>, with replacement: String) -> String {
            var out = ""
            out.unicodeScalars.append(contentsOf: scalars[..<span.lowerBound])
            out += replacement
            out.unicodeScalars.append(contentsOf: scalars[span.upperBound...])
            return out
        }
    }

    /// A generator for `ruleset`, whose rule files' texts are `files` (keyed by the paths the declarations carry).
    package init(ruleset: CompiledRuleset, files: [String: SourceFile]) {
        self.ruleset = ruleset
        self.files = files
    }

    /// Every mutant, in file order, without duplicates.
    package func mutants() -> [Mutant] {
        var found: [Mutant] = []
        for rule in ruleset.rules {
            let owner = "rule '\(rule.id)'"
            found += expressionMutants(rule.declaration.when, owner: owner)
            if let unless = rule.declaration.unless {
                found += expressionMutants(unless, owner: owner)
                if let mutant = replace(unless.range, with: "false", kind: .exception, owner: owner) {
                    found.append(mutant)
                }
            }
            for recommendation in rule.declaration.recommendations {
                if let mutant = weakenedKind(recommendation, owner: owner) { found.append(mutant) }
            }
        }
        for derived in ruleset.derived {
            found += expressionMutants(derived.declaration.value, owner: "derived '\(derived.declaration.name)'")
        }
        for table in ruleset.tables {
            for row in table.declaration.rows {
                for cell in row.cells.compactMap({ $0 }) {
                    for alternative in cell.alternatives {
                        found += expressionMutants(alternative, owner: "table '\(table.declaration.id)'")
                    }
                }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert("\($0.file)\u{0}\($0.span)\u{0}\($0.replacement)").inserted }
            .sorted { ($0.file, $0.span.lowerBound, $0.replacement) < ($1.file, $1.span.lowerBound, $1.replacement) }
    }

    /// The mutants of one expression: thresholds, comparisons and conjuncts.
    func expressionMutants(_ expression: ExpressionText, owner: String) -> [Mutant] {
        var bag = DiagnosticBag()
        guard let parsed = ExpressionParser.parse(expression.text, sourceMap: expression.sourceMap, diagnostics: &bag)
        else { return [] }
        var found: [Mutant] = []
        func fileRange(_ span: Range<Int>) -> SourceRange { expression.sourceMap.range(of: span) }
        for node in parsed.nodes {
            switch node.kind {
            case .literal(.integer), .literal(.decimal), .literal(.quantity):
                let text = parsed.source(of: node.id)
                let digits = text.unicodeScalars.prefix { $0 == "." || ("0"..."9").contains($0) }
                guard let stepped = Self.stepped(String(Substring(digits))) else { continue }
                let numberSpan = node.span.lowerBound..<(node.span.lowerBound + digits.count)
                for replacement in stepped {
                    if let mutant = replace(fileRange(numberSpan), with: replacement, kind: .threshold, owner: owner) {
                        found.append(mutant)
                    }
                }
            case .binary(let op, let left, let right):
                guard let lhs = parsed.node(left), let rhs = parsed.node(right) else { continue }
                if let neighbour = Self.neighbour(of: op),
                    let opSpan = Self.operatorSpan(
                        op, in: parsed.text, between: lhs.span.upperBound, rhs.span.lowerBound)
                {
                    if let mutant = replace(
                        fileRange(opSpan), with: neighbour.rawValue, kind: .comparison, owner: owner)
                    {
                        found.append(mutant)
                    }
                }
                if op == .and {
                    for kept in [lhs, rhs] {
                        guard let whole = span(of: fileRange(node.span)), let keptSpan = span(of: fileRange(kept.span)),
                            let file = files[fileRange(node.span).start.file]
                        else { continue }
                        let keptText = file.text(keptSpan)
                        let simple = kept.children.isEmpty || { if case .call = kept.kind { true } else { false } }()
                        if let mutant = replace(
                            fileRange(node.span), with: simple ? keptText : "(\(keptText))", kind: .conjunct,
                            owner: owner, span: whole)
                        {
                            found.append(mutant)
                        }
                    }
                }
            default: continue
            }
        }
        return found
    }

    /// The recommendation's kind weakened one step, if it can be (`kind: contraindicated` to `caution`).
    func weakenedKind(_ recommendation: RecommendationDeclaration, owner: String) -> Mutant? {
        let weaker: [RecommendationKind: RecommendationKind] = [
            .contraindicated: .caution, .caution: .consider, .recommended: .consider,
        ]
        guard let target = weaker[recommendation.kind], let whole = span(of: recommendation.range),
            let file = files[recommendation.range.start.file]
        else { return nil }
        let text = file.scalars[whole]
        let key = Array("kind:".unicodeScalars)
        guard let keyAt = text.indices.first(where: { text[$0...].starts(with: key) }) else { return nil }
        var start = keyAt + key.count
        while start < whole.upperBound, file.scalars[start] == " " { start += 1 }
        let word = Array(recommendation.kind.rawValue.unicodeScalars)
        guard file.scalars[start...].starts(with: word) else { return nil }
        return mutant(
            in: file, span: start..<(start + word.count), replacement: target.rawValue, kind: .kind, owner: owner,
            at: recommendation.range.start)
    }

    /// The scalar offsets of a file range, if its file is known.
    func span(of range: SourceRange) -> Range<Int>? {
        guard let file = files[range.start.file], let lower = file.offset(of: range.start),
            let upper = file.offset(of: range.end), lower <= upper
        else { return nil }
        return lower..<upper
    }

    private func replace(
        _ range: SourceRange, with replacement: String, kind: Mutant.Kind, owner: String, span given: Range<Int>? = nil
    ) -> Mutant? {
        guard let file = files[range.start.file], let span = given ?? span(of: range), !span.isEmpty else { return nil }
        return mutant(in: file, span: span, replacement: replacement, kind: kind, owner: owner, at: range.start)
    }

    private func mutant(
        in file: SourceFile, span: Range<Int>, replacement: String, kind: Mutant.Kind, owner: String,
        at location: SourceLocation
    ) -> Mutant? {
        let original = file.text(span)
        guard original != replacement else { return nil }
        return Mutant(
            kind: kind, file: file.relativePath, location: location, owner: owner, original: original,
            replacement: replacement, span: span)
    }

    /// The numbers one step of the last written digit below and above `text` (`48` gives 47 and 49, `0.5` gives
    /// 0.4 and 0.6); none below zero.
    static func stepped(_ text: String) -> [String]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let fraction = parts.count == 2 ? parts[1].count : 0
        guard let whole = Int(parts.joined()) else { return nil }
        func written(_ value: Int) -> String {
            guard fraction > 0 else { return String(value) }
            var digits = String(value)
            while digits.count <= fraction { digits = "0" + digits }
            return String(digits.dropLast(fraction)) + "." + String(digits.suffix(fraction))
        }
        return (whole > 0 ? [written(whole - 1)] : []) + [written(whole + 1)]
    }

    /// The comparison that differs from `op` at the boundary or in sense; nil for other operators.
    static func neighbour(of op: BinaryOperator) -> BinaryOperator? {
        switch op {
        case .less: .lessOrEqual
        case .lessOrEqual: .less
        case .greater: .greaterOrEqual
        case .greaterOrEqual: .greater
        case .equal: .notEqual
        case .notEqual: .equal
        case .in: .notIn
        case .notIn: .in
        default: nil
        }
    }

    /// The scalar span of `op`'s token in `text` between two offsets.
    static func operatorSpan(_ op: BinaryOperator, in text: String, between lower: Int, _ upper: Int) -> Range<Int>? {
        let scalars = Array(text.unicodeScalars)
        guard lower <= upper, upper <= scalars.count else { return nil }
        let token = Array(op.rawValue.unicodeScalars)
        var index = lower
        while index + token.count <= upper {
            if Array(scalars[index..<(index + token.count)]) == token {
                // `not in` and `in`: the token is the whole operator written between the operands.
                var written = ""
                written.unicodeScalars.append(contentsOf: scalars[lower..<upper])
                let between = written.trimmingCharacters(in: .whitespaces)
                if op == .in, between != "in" { return nil }
                return index..<(index + token.count)
            }
            index += 1
        }
        return nil
    }
}
