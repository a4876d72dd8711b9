import GuidelineDiagnostics
import GuidelineYAML

/// Decodes `ruleset.yaml` into a `Manifest`.
struct ManifestDecoder {
    static let topKeys = ["ruleset", "files", "tests", "conflicts", "actions", "sources"]
    static let headerKeys = ["id", "title", "version", "description"]
    static let actionKeys = ["title", "description", "conflicts"]
    static let sourceKeys = [
        "title", "authors", "organization", "year", "date", "doi", "url", "published", "note", "secondary",
    ]

    /// Decodes the manifest's root node; returns nil when too broken to use.
    static func decode(_ root: YAMLNode, file: String, bag: inout DiagnosticBag) -> Manifest? {
        guard
            let top = MappingReader(
                root, what: "the manifest", allowed: topKeys, required: ["ruleset", "files"], bag: &bag)
        else { return nil }
        var manifest = Manifest(
            id: "", title: "", version: "", description: nil, files: [], tests: [], conflicts: .mostRestrictive,
            actions: [], sources: [], file: file)
        if let headerNode = top["ruleset"],
            let header = MappingReader(
                headerNode, what: "'ruleset'", allowed: headerKeys, required: ["id", "title", "version"], bag: &bag)
        {
            manifest.id = header.string("id", bag: &bag) ?? ""
            manifest.title = header.string("title", bag: &bag) ?? ""
            manifest.version = header.string("version", bag: &bag) ?? ""
            manifest.description = header.string("description", bag: &bag)
            if let versionNode = header["version"], versionNode.scalar?.asDecimal() != nil {
                // `1.0` is a number to every other YAML tool (and `1.10` is `1.1`); `08` or `1.0.0` are text.
                bag.error(
                    RulesDiagnosticCode.expectedText,
                    "version \(quoted: manifest.version) of the ruleset is a number, not text", at: versionNode.range,
                    help: ["quote it (\(quoted: manifest.version)) or use a version such as \(manifest.version).0"])
            }
            if let idNode = header["id"], !manifest.id.isEmpty, !Identifiers.isIdentifier(manifest.id) {
                bag.error(
                    RulesDiagnosticCode.badId,
                    "ruleset id \(quoted: manifest.id) must be lowercase words joined by '-'", at: idNode.range)
            }
        }
        manifest.files = top.strings("files", bag: &bag)?.map { ListedFile(path: $0.0, range: $0.1) } ?? []
        manifest.tests = top.strings("tests", bag: &bag)?.map { ListedFile(path: $0.0, range: $0.1) } ?? []
        manifest.conflicts = top.word("conflicts", as: ConflictPolicy.self, bag: &bag) ?? .mostRestrictive
        if let actions = top["actions"] {
            manifest.actions = decodeActions(actions, bag: &bag)
        }
        if let sources = top["sources"] {
            manifest.sources = decodeSources(sources, bag: &bag)
        } else {
            bag.error(
                RulesDiagnosticCode.missingKey, "the manifest needs 'sources': every recommendation must cite one",
                at: root.range)
        }
        return manifest
    }

    private static func decodeActions(_ node: YAMLNode, bag: inout DiagnosticBag) -> [ActionDeclaration] {
        guard let pairs = node.mapping else {
            bag.error(
                RulesDiagnosticCode.expectedMapping,
                "expected a mapping of action codes for 'actions', found \(node.kindName)", at: node.range)
            return []
        }
        var result: [ActionDeclaration] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.value else { continue }
            if !Identifiers.isIdentifier(id) {
                bag.error(
                    RulesDiagnosticCode.badId, "action code \(quoted: id) must be lowercase words joined by '-'",
                    at: pair.key.range)
            }
            guard
                let reader = MappingReader(
                    pair.value, what: "action \(quoted: id)", allowed: actionKeys, required: ["title"], bag: &bag)
            else { continue }
            result.append(
                ActionDeclaration(
                    id: id, title: reader.string("title", bag: &bag) ?? id,
                    description: reader.string("description", bag: &bag),
                    conflicts: reader.word("conflicts", as: ConflictPolicy.self, bag: &bag), range: pair.key.range))
        }
        return result
    }

    private static func decodeSources(_ node: YAMLNode, bag: inout DiagnosticBag) -> [SourceDeclaration] {
        guard let pairs = node.mapping else {
            bag.error(
                RulesDiagnosticCode.expectedMapping,
                "expected a mapping of source ids for 'sources', found \(node.kindName)", at: node.range)
            return []
        }
        var result: [SourceDeclaration] = []
        for pair in pairs {
            guard let id = pair.key.scalar?.value else { continue }
            if !Identifiers.isIdentifier(id) {
                bag.error(
                    RulesDiagnosticCode.badId, "source id \(quoted: id) must be lowercase words joined by '-'",
                    at: pair.key.range)
            }
            guard
                let reader = MappingReader(
                    pair.value, what: "source \(quoted: id)", allowed: sourceKeys, required: ["title"], bag: &bag)
            else { continue }
            let authors = reader.strings("authors", bag: &bag)?.map(\.0) ?? []
            let organization = reader.string("organization", bag: &bag)
            let year = reader.integer("year", bag: &bag)
            let date = reader.string("date", bag: &bag)
            if authors.isEmpty && organization == nil {
                bag.error(
                    RulesDiagnosticCode.missingKey, "source \(quoted: id) needs 'authors' or 'organization'",
                    at: pair.key.range)
            }
            // A note that speaks of the date says why there is none (the source carries none): no warning then.
            let note = reader.string("note", bag: &bag)
            let explained = note.map { $0.lowercased().contains("date") || $0.lowercased().contains("year") } ?? false
            if year == nil && date == nil && reader["year"] == nil && !explained {
                bag.warning(
                    RulesDiagnosticCode.undatedSource, "source \(quoted: id) gives no 'year' or 'date'",
                    at: pair.key.range,
                    help: [
                        "give the publication or last-update date; if the source carries none, say so in its 'note' (naming the date)"
                    ])
            }
            if let date, let dateNode = reader["date"], !Identifiers.isISODate(date) {
                bag.error(
                    RulesDiagnosticCode.badDate,
                    "date \(quoted: date) of source \(quoted: id) must be YYYY, YYYY-MM or YYYY-MM-DD",
                    at: dateNode.range)
            }
            result.append(
                SourceDeclaration(
                    id: id, title: reader.string("title", bag: &bag) ?? id, authors: authors,
                    organization: organization,
                    year: year, date: date, doi: reader.string("doi", bag: &bag), url: reader.string("url", bag: &bag),
                    published: reader.string("published", bag: &bag), note: note,
                    secondary: reader.bool("secondary", bag: &bag) ?? false, range: pair.key.range))
        }
        return result
    }
}
