import GuidelineCompiler
import GuidelineDiagnostics
import GuidelineExpression

/// The facts a ruleset declares, as those who send cases need them: name, type, unit, range or values,
/// default and description, in declaration order.
///
/// Rendered as text (`guideline facts`), as JSON (`guideline facts --format json`) and as a case file ready to fill in
/// (`guideline template`).
public struct FactCatalog: Sendable {
    /// One declared fact.
    public struct Entry: Sendable {
        /// The dotted name.
        public var name: String
        /// The rule-language type keyword (`boolean`, `integer`, `decimal`, `quantity`, `enum`).
        public var type: String
        /// The declared unit of a quantity.
        public var unit: String?
        /// The units a case may use for a quantity (its dimension's).
        public var units: [String]
        /// The allowed values of an enum, in order.
        public var values: [String]
        /// Whether an enum's values are ordered (ranges and comparisons apply).
        public var ordered: Bool
        /// The lowest allowed value, if declared.
        public var minimum: Value?
        /// The highest allowed value, if declared.
        public var maximum: Value?
        /// The declared default (an assumption used when a case does not give the fact).
        public var defaultValue: Value?
        /// What the fact means.
        public var description: String
        /// The short label a form shows (`label:`), if declared.
        public var label: String?
        /// The group a form shows it in: the declared `group:`, else the name of its rule file without `.yaml`.
        public var group: String
        /// Where it is declared.
        package var file: String?
        /// The 1-based line of its name.
        package var line: Int?
    }

    /// The ruleset's id and version.
    package var ruleset: (id: String, version: String)
    /// Every fact, in declaration order.
    public var entries: [Entry]

    /// The catalog of `ruleset`'s facts.
    package init(_ ruleset: CompiledRuleset) {
        self.ruleset = (ruleset.manifest.id, ruleset.manifest.version)
        entries = ruleset.facts.map { fact in
            var entry = Entry(
                name: fact.name, type: fact.type.keyword, unit: nil, units: [], values: [], ordered: false,
                minimum: fact.minimum,
                maximum: fact.maximum, defaultValue: fact.defaultValue, description: fact.description,
                label: fact.label, group: fact.group ?? Self.fileGroup(fact.range.start.file),
                file: fact.range.start.file, line: fact.range.start.line)
            switch fact.type {
            case .quantity(let unit):
                entry.unit = unit.symbol
                entry.units = unit.dimension.units.map(\.symbol)
            case .enumeration(let type):
                entry.values = type.values
                entry.ordered = type.ordered
            case .boolean, .integer, .decimal: break
            }
            return entry
        }
    }

    /// The type in one line: `enum (ordered): occiput, C1, ...`, `quantity in mo (also d, wk, ...), 0 mo..1200 mo`.
    package static func summary(of entry: Entry) -> String {
        var text = entry.type
        if !entry.values.isEmpty {
            text += (entry.ordered ? " (ordered): " : ": ") + entry.values.joined(separator: ", ")
        }
        if let unit = entry.unit {
            text += " in \(unit)"
            let others = entry.units.filter { $0 != unit }
            if !others.isEmpty { text += " (also \(others.joined(separator: ", ")))" }
        }
        if entry.minimum != nil || entry.maximum != nil {
            text += ", \(entry.minimum.map(\.description) ?? "")..\(entry.maximum.map(\.description) ?? "")"
        }
        if let value = entry.defaultValue { text += ", default \(value)" }
        return text
    }

    /// The group of a fact declared without `group:`: its rule file's name without the extension (`facts`).
    static func fileGroup(_ file: String?) -> String {
        guard let file else { return "facts" }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }

    /// Every fact: its name and type on one line, its description indented below.
    package func text() -> String {
        var out = "Facts of ruleset '\(ruleset.id)' \(ruleset.version) (\(entries.count)):\n"
        for entry in entries {
            out += "  \(entry.name): \(Self.summary(of: entry))\n"
            out += "      \(entry.description)\n"
        }
        return out
    }

    /// Every fact as a JSON array of objects.
    package func json() -> String {
        var w = JSONWriter(pretty: true)
        w.beginArray()
        for entry in entries {
            w.beginObject()
            w.string("name", entry.name)
            w.string("type", entry.type)
            if let unit = entry.unit {
                w.string("unit", unit)
                ResultJSON.strings("units", entry.units, into: &w)
            }
            if !entry.values.isEmpty {
                ResultJSON.strings("values", entry.values, into: &w)
                w.bool("ordered", entry.ordered)
            }
            w.raw("minimum", entry.minimum.map(ResultJSON.value) ?? "null")
            w.raw("maximum", entry.maximum.map(ResultJSON.value) ?? "null")
            w.raw("default", entry.defaultValue.map(ResultJSON.value) ?? "null")
            w.string("description", entry.description)
            w.string("label", entry.label)
            w.string("group", entry.group)
            w.string("file", entry.file)
            w.integer("line", entry.line)
            w.endObject()
        }
        w.endArray()
        return w.output + "\n"
    }

    /// A YAML case file with every fact set to `null` (not recorded), commented: valid and ready to fill in.
    ///
    /// Each fact is preceded by comments with its description and allowed values; the file's first comment
    /// names the command that evaluates it against the ruleset at `directory` (as given to `guideline template`).
    package func caseTemplate(directory: String) -> String {
        var out = """
            # A case for ruleset '\(ruleset.id)' \(ruleset.version) (`guideline template`).
            # Fill in what is recorded; leave the rest null: a fact not recorded is unknown, never false or zero.
            # Evaluate it with: guideline evaluate --rules \(Self.shellWord(directory)) THIS-FILE
            case: new-case
            facts:

            """
        for entry in entries {
            for line in entry.description.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "  # \(line)\n"
            }
            out += "  # \(Self.summary(of: entry))\n"
            out += "  \(entry.name): null\n"
        }
        return out
    }

    /// `path` as one word of a shell command: as it is when it holds only characters no shell treats
    /// specially, otherwise in single quotes; `DIR` when it holds a line break or another control character,
    /// which would end the YAML comment it is written in.
    package static func shellWord(_ path: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
        func isPlain(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "_-./:@%+=,".unicodeScalars.contains(scalar)
        }
        if path.unicodeScalars.contains(where: isControl) { return "DIR" }
        if !path.isEmpty && path.unicodeScalars.allSatisfy(isPlain) { return path }
        return "'" + path.replacing("'", with: #"'\''"#) + "'"
    }
}
