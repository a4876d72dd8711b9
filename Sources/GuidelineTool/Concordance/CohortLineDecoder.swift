import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineEngine
import GuidelineYAML

/// Reads one line of a cohort (`guideline concordance`): a case as a batch line has it (`case`, `facts`) and
/// `done`, the actions actually taken, as a list of the ruleset's action ids (`[]` when none was taken).
///
/// A line without `done` is an error, not a case where nothing was done: what was not recorded is never read
/// as "not done". An unknown action id is an error with the closest id as a suggestion; a line with an error is
/// not counted. An action named twice is a warning (the line counts, the action once).
struct CohortLineDecoder {
    /// One line read.
    struct Outcome {
        /// The case, when the line has no error.
        var input: CaseInput?
        /// The actions taken, each once, when the line has no error.
        var done: Set<String> = []
        /// Every problem found, on the line's own line number.
        var diagnostics: [Diagnostic] = []
    }

    let ruleset: CompiledRuleset
    /// The keys a cohort line may have.
    static let keys = ["case", "facts", "done"]

    /// Reads `bytes`, line `number` of `file`.
    func decode(_ bytes: [UInt8], line number: Int, file: String) -> Outcome {
        var outcome = read(bytes, file: file)
        outcome.diagnostics = outcome.diagnostics.map { $0.moved(toLine: number) }
        if outcome.diagnostics.contains(where: { $0.severity == .error }) { outcome.input = nil }
        return outcome
    }

    /// Reads the line as if it were the whole file (line 1).
    private func read(_ bytes: [UInt8], file: String) -> Outcome {
        let document = YAMLLoader().load(bytes: bytes, file: file)
        if document.diagnostics.contains(where: { $0.severity == .error }) {
            return Outcome(diagnostics: document.diagnostics)
        }
        let decoder = CaseDecoder(ruleset: ruleset)
        guard let root = document.root, let pairs = root.mapping else {
            // The case decoder says what an empty line or one that is not a mapping is.
            return Outcome(diagnostics: decoder.decode(bytes: bytes, file: file).diagnostics)
        }
        var bag = DiagnosticBag()
        var done: Set<String>?
        var casePairs: [YAMLPair] = []
        for pair in pairs {
            switch pair.keyString ?? "" {
            case "case", "facts": casePairs.append(pair)
            case "done": done = read(done: pair.value, into: &bag)
            case let key:
                bag.append(
                    Diagnostic.error(
                        ToolDiagnosticCode.unknownKey, "unknown key \(quoted: key) in a cohort line",
                        at: pair.key.range, help: ["a cohort line has 'case', 'facts' and 'done'"]
                    )
                    .suggesting(Suggestions.closest(to: key, in: Self.keys)))
            }
        }
        if !pairs.contains(where: { $0.keyString == "done" }) {
            bag.error(
                ToolDiagnosticCode.missingDone, "a cohort line needs 'done', the actions taken", at: root.range,
                help: ["add \"done\": [...] with the action ids taken, or \"done\": [] when none was"])
        }
        let decoded = decoder.decode(root: YAMLNode(.mapping(casePairs), range: root.range), file: file, json: true)
        bag.append(contentsOf: decoded.diagnostics)
        return Outcome(input: decoded.input, done: done ?? [], diagnostics: bag.sorted)
    }

    /// The action ids of a `done` list; problems go to `bag`.
    private func read(done node: YAMLNode, into bag: inout DiagnosticBag) -> Set<String>? {
        guard let items = node.sequence else {
            bag.error(
                ToolDiagnosticCode.badDone,
                "'done' must be a list of action ids, found \(node.scalar?.isNull == true ? "null" : node.kindName)",
                at: node.range, help: ["write \"done\": [] when no action was taken; null is not a list"])
            return nil
        }
        var done: Set<String> = []
        for item in items {
            guard let scalar = item.scalar, !scalar.isNull else {
                bag.error(
                    ToolDiagnosticCode.badDone, "each entry of 'done' must be an action id, found \(item.kindName)",
                    at: item.range)
                continue
            }
            let id = scalar.value
            guard ruleset.actions[id] != nil else {
                bag.append(
                    Diagnostic.error(
                        ToolDiagnosticCode.unknownAction,
                        "'done' names \(quoted: id), an action the ruleset does not declare",
                        at: item.range, help: ["the actions are listed under 'actions:' in the ruleset's manifest"]
                    )
                    .suggesting(Suggestions.closest(to: id, in: ruleset.manifest.actions.map(\.id))))
                continue
            }
            if !done.insert(id).inserted {
                bag.warning(
                    ToolDiagnosticCode.duplicateAction, "'done' names \(quoted: id) twice; it counts once",
                    at: item.range)
            }
        }
        return done
    }
}
