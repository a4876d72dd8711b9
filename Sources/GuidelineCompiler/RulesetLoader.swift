import GuidelineDiagnostics
import GuidelineYAML

/// Loads a ruleset directory: reads the manifest and rule files through libyaml, decodes, resolves,
/// type-checks, analyses and compiles them.
///
/// Every problem is collected; a ruleset with any error is never returned, so no partial ruleset is ever evaluated.
package struct RulesetLoader: Sendable {
    /// The outcome of a load.
    package struct Result: Sendable {
        /// The compiled ruleset, when there were no errors.
        package var ruleset: CompiledRuleset?
        /// Every diagnostic, sorted by location.
        package var diagnostics: [Diagnostic]
        /// The text of every file read, for rendering diagnostics.
        package var sources: SourceStore
        /// True when at least one diagnostic is an error.
        package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// The name of the manifest file in a ruleset directory.
    package static let manifestName = "ruleset.yaml"

    /// The YAML limits applied to every file.
    package var limits: YAMLLimits

    /// Whether decision tables are checked for gaps and overlaps (`guideline check` does).
    ///
    /// Evaluating needs no such check: a case that no row or two rows of a `unique` table match gets an unknown output,
    /// never a wrong one; so `evaluate` and `test` load with `false` and do not repeat the analysis on every load.
    package var analysesTables: Bool

    /// Creates a loader.
    package init(limits: YAMLLimits = .default, analysesTables: Bool = true) {
        self.limits = limits
        self.analysesTables = analysesTables
    }

    /// Loads the ruleset in `directory` (a path as the user wrote it; diagnostics use it as a prefix).
    package func load(directory: String) -> Result {
        load(directory: directory, from: .disk)
    }

    /// Loads a ruleset held in memory: `files` maps paths relative to the ruleset (the manifest is
    /// `ruleset.yaml`, rule and test files as the manifest lists them) to their bytes; `directory` is only
    /// the prefix of the paths in diagnostics.
    ///
    /// Nothing is read from disk.
    package func load(files: [String: [UInt8]], directory: String) -> Result {
        load(directory: directory, from: .memory(files, directory: directory))
    }

    /// Loads the ruleset in `directory`, reading its files from `files`.
    func load(directory: String, from files: RulesetFiles) -> Result {
        var bag = DiagnosticBag()
        var store = SourceStore()
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let manifestPath = base.isEmpty ? Self.manifestName : "\(base)/\(Self.manifestName)"
        guard let manifestRoot = read(manifestPath, from: files, store: &store, bag: &bag) else {
            if !files.exists(manifestPath) {
                bag.error(
                    RulesDiagnosticCode.noManifest,
                    "no '\(Self.manifestName)' in '\(directory)': a ruleset is a directory with a manifest",
                    at: nil)
            }
            return Result(ruleset: nil, diagnostics: bag.sorted, sources: store)
        }
        guard let manifest = ManifestDecoder.decode(manifestRoot, file: manifestPath, bag: &bag) else {
            return Result(ruleset: nil, diagnostics: bag.sorted, sources: store)
        }
        var roots: [(path: String, root: YAMLNode?)] = []
        var relative: [(path: String, root: YAMLNode?)] = []
        var seen: [String: ListedFile] = [:]
        for listed in manifest.files {
            if let first = seen[listed.path] {
                bag.error(
                    RulesDiagnosticCode.duplicateFile, "\(quoted: listed.path) is listed twice", at: listed.range,
                    notes: [DiagnosticNote("first listed here", at: first.range)])
                continue
            }
            seen[listed.path] = listed
            let path = "\(base)/\(listed.path)"
            guard files.exists(path) else {
                bag.error(
                    RulesDiagnosticCode.missingFile, "rule file \(quoted: listed.path) does not exist", at: listed.range
                )
                continue
            }
            let root = read(path, from: files, store: &store, bag: &bag)
            roots.append((path, root))
            relative.append((listed.path, root))
        }
        for listed in manifest.tests where !files.exists("\(base)/\(listed.path)") {
            bag.error(
                RulesDiagnosticCode.missingFile, "test file \(quoted: listed.path) does not exist", at: listed.range)
        }
        // A rule file that could not be read at all would make every name it declares look undeclared: report
        // the file alone.
        if bag.all.contains(where: {
            $0.code == RulesDiagnosticCode.unreadableFile.rawValue || $0.code == YAMLDiagnosticCode.sizeLimit.rawValue
        }) {
            return Result(ruleset: nil, diagnostics: bag.sorted, sources: store)
        }
        // Paths relative to the ruleset: the same files give the same fingerprint wherever they are.
        let fingerprint = Fingerprint.compute(manifest: manifestRoot, files: relative)
        var compiler = RulesetCompiler(
            manifest: manifest, directory: directory, fingerprint: fingerprint, analysesTables: analysesTables)
        // Compiled in the order of their paths relative to the ruleset (bytes compared), not the manifest's
        // order: facts, scores, values and rules (and so every result's lists) come out in an order the
        // fingerprint determines; swapping two `files:` entries changes neither.
        let ordered = zip(relative, roots).sorted { $0.0.path.utf8.lexicographicallyPrecedes($1.0.path.utf8) }.map(\.1)
        let ruleset = compiler.compile(
            files: ordered.compactMap { file in file.root.map { (file.path, $0) } }, bag: &bag)
        let diagnostics = bag.sorted
        let failed = diagnostics.contains { $0.severity == .error }
        return Result(ruleset: failed ? nil : ruleset, diagnostics: diagnostics, sources: store)
    }

    /// Reads and parses one YAML file; nil (with diagnostics) when unreadable or malformed.
    func read(_ path: String, from files: RulesetFiles, store: inout SourceStore, bag: inout DiagnosticBag) -> YAMLNode?
    {
        let bytes: [UInt8]
        switch files.read(path, limits) {
        case .bytes(let read): bytes = read
        case .tooLarge(let error):
            bag.append(error)
            return nil
        case .unreadable(let reason):
            if files.exists(path) {
                bag.error(
                    RulesDiagnosticCode.unreadableFile, "cannot read '\(path)': \(reason)", at: nil,
                    help: ["check that it is a readable file and that its directory can be read (permissions)"])
            }
            return nil
        }
        store.add(file: path, bytes: bytes)
        let document = YAMLLoader(limits: limits).load(bytes: bytes, file: path)
        bag.append(contentsOf: document.diagnostics)
        if document.root == nil && document.diagnostics.isEmpty {
            bag.error(
                RulesDiagnosticCode.emptyFile, "'\(path)' is empty",
                at: SourceRange(start: SourceLocation(file: path, line: 1, column: 1)))
        }
        return document.diagnostics.contains(where: { $0.severity == .error }) ? nil : document.root
    }
}
