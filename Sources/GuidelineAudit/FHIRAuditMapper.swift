import Crypto
import GuidelineCompiler

/// Turns audit entries into FHIR R5 resources: an `AuditEvent` per decision and per feedback entry, and a
/// `Provenance` per recommendation, citing the guideline's sources for it.
///
/// The codes are those of FHIR R5's value sets: `action` `E` (execute) for a decision and `C` (create) for
/// feedback; `outcome.code` from `audit-event-outcome` (`0` success, `4` minor failure: the evaluation reported
/// errors); `category` `audit-event-type#rest` for REST and CDS Hooks calls; `agent.type`
/// `extra-security-role-type#humanuser` for a person logged in or an OS account, DICOM `110150` (Application)
/// for the engine; `source.type` `security-source-type#4` (Application Server) for the server's channels (REST,
/// CDS Hooks, the page); `Provenance.entity.role` `instantiates` (the rule) and `quotation` or `source` (each
/// citation); `Provenance.agent.type` `provenance-participant-type#assembler`. No code of `audit-event-sub-type`
/// names a guideline decision, so `code` is text. Identifying fields stay the record's HMACs; facts are exported
/// as the record holds them.
package struct FHIRAuditMapper {
    /// How references between the resources are written.
    package enum References: Sendable {
        /// `urn:uuid:ID`, the `fullUrl` of each entry of a Bundle.
        case bundle
        /// `AuditEvent/ID`, as in a bulk-data NDJSON file.
        case relative
    }

    private let store: any AuditStore
    private let references: References
    /// Compiled archived rulesets by fingerprint (nil: not archived or not loadable).
    private var rulesets: [String: CompiledRuleset?] = [:]
    /// The decision id of each card uuid seen, to link feedback to its decision.
    private var decisionOfCard: [String: String] = [:]

    /// A mapper reading the archived rulesets from `store`.
    package init(store: any AuditStore, references: References) {
        self.store = store
        self.references = references
    }

    /// The resources of `entry`, each with its `fullUrl`: a decision's AuditEvent and its Provenances, or a feedback
    /// entry's AuditEvent; nil for an entry that cannot be read.
    package mutating func resources(
        for entry: StoredEntry
    ) throws(AuditError) -> [(fullUrl: String, resource: AuditJSON)]? {
        guard let body = AuditJSON.parse(entry.body) else { return nil }
        if entry.kind == AuditEntry.Kind.decision.rawValue {
            guard let record = DecisionRecord(body: body) else { return nil }
            return try decision(record)
        }
        guard entry.kind == AuditEntry.Kind.feedback.rawValue, let id = body["id"]?.string else { return nil }
        return [("urn:uuid:\(id)", feedback(body, id: id))]
    }

    // MARK: decisions

    private mutating func decision(_ record: DecisionRecord) throws(AuditError) -> [(String, AuditJSON)] {
        for card in record.cards { decisionOfCard[card] = record.id }
        let recommendations = record.result["recommendations"]?.array ?? []
        let errors = record.result["errors"]?.array?.compactMap(\.string) ?? []
        var entities: [AuditJSON] = [
            .object([
                "role": Self.text("ruleset"),
                "what": .object([
                    "identifier": .object(["value": .string(record.ruleset.fingerprint)]),
                    "display": .string("ruleset \(record.ruleset.id) \(record.ruleset.version)"),
                ]),
                "detail": Self.details([
                    ("ruleset", record.ruleset.id), ("version", record.ruleset.version),
                    ("fingerprint", record.ruleset.fingerprint), ("engine", record.ruleset.engine),
                ]),
            ]),
            Self.facts(record),
        ]
        if record.hookInstance != nil || !record.cards.isEmpty {
            entities.append(
                .object([
                    "role": Self.text("CDS Hooks call"),
                    "detail": Self.details(
                        [("hookInstance", record.hookInstance ?? "")] + record.cards.map { ("card", $0) }),
                ]))
        }
        for (index, item) in recommendations.enumerated() {
            entities.append(
                .object([
                    "id": .string("recommendation-\(index + 1)"), "role": Self.text("recommendation"),
                    "detail": Self.details(
                        ["rule", "action", "kind", "urgency", "because", "text"].map { key in
                            (key == "text" ? "text-sha256" : key, item[key]?.string ?? "")
                        }),
                ]))
        }
        var event: [String: AuditJSON] = [
            "resourceType": .string("AuditEvent"), "id": .string(record.id),
            "code": Self.text("clinical guideline decision"), "action": .string("E"),
            "severity": .string("informational"), "occurredDateTime": .string(record.recorded),
            "recorded": .string(record.recorded),
            "outcome": .object([
                "code": errors.isEmpty
                    ? Self.coding("http://terminology.hl7.org/CodeSystem/audit-event-outcome", "0", "Success")
                    : Self.coding("http://terminology.hl7.org/CodeSystem/audit-event-outcome", "4", "Minor failure"),
                "detail": .array(errors.map { Self.text("evaluation error \($0)") }),
            ]),
            "agent": .array([Self.requestor(record.who), Self.engine(record.ruleset.engine)]),
            "source": Self.source(channel: record.channel),
            "entity": .array(entities),
        ]
        if ["rest", "cds-hooks"].contains(record.channel) { event["category"] = .array([Self.httpCategory]) }
        if let patient = record.patientHMAC {
            event["patient"] = .object([
                "identifier": .object([
                    "type": Self.text("HMAC-SHA256 of the patient id (audit key)"), "value": .string(patient),
                ])
            ])
        }
        var resources: [(String, AuditJSON)] = [("urn:uuid:\(record.id)", .object(event))]
        let ruleset = try compiled(record.ruleset.fingerprint)
        for (index, item) in recommendations.enumerated() {
            let id = Self.uuid("provenance \(record.id) \(index + 1)")
            resources.append(
                ("urn:uuid:\(id)", provenance(id: id, record: record, item: item, index: index + 1, ruleset: ruleset)))
        }
        return resources
    }

    /// The input facts: the case's HMAC as the entity, each fact a detail, by name.
    private static func facts(_ record: DecisionRecord) -> AuditJSON {
        var entity: [String: AuditJSON] = [
            "role": text("input facts"), "detail": details(record.facts.sorted { $0.key < $1.key }.map { ($0, $1) }),
        ]
        if let caseHMAC = record.caseHMAC {
            entity["what"] = .object([
                "identifier": .object([
                    "type": text("HMAC-SHA256 of the case id (audit key)"), "value": .string(caseHMAC),
                ])
            ])
        }
        return .object(entity)
    }

    /// The Provenance of recommendation `index` of `record`: the rule it instantiates and the sources it cites.
    private func provenance(
        id: String, record: DecisionRecord, item: AuditJSON, index: Int, ruleset: CompiledRuleset?
    ) -> AuditJSON {
        let rule = item["rule"]?.string ?? "?"
        let action = item["action"]?.string ?? "?"
        var entities: [AuditJSON] = [
            .object([
                "role": .string("instantiates"),
                "what": .object([
                    "identifier": .object(["value": .string(record.ruleset.fingerprint)]),
                    "display": .string("rule \(rule) of ruleset \(record.ruleset.id) \(record.ruleset.version)"),
                ]),
            ])
        ]
        let compiledRule = ruleset?.rules.first { $0.id == rule }
        let citations = compiledRule?.recommendations.first { $0.action.id == action }?.citations ?? []
        for cited in citations { entities.append(Self.citation(cited)) }
        return .object([
            "resourceType": .string("Provenance"), "id": .string(id),
            "target": .array([
                .object([
                    "reference": .string(reference(to: record.id)),
                    "display": .string("\(action) \(item["kind"]?.string ?? "?") (rule \(rule))"),
                    "extension": .array([
                        .object([
                            "url": .string("http://hl7.org/fhir/StructureDefinition/targetElement"),
                            "valueUri": .string("recommendation-\(index)"),
                        ])
                    ]),
                ])
            ]),
            "occurredDateTime": .string(record.recorded), "recorded": .string(record.recorded),
            "agent": .array([
                .object([
                    "type": .object([
                        "coding": .array([
                            Self.coding(
                                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler",
                                "Assembler")
                        ])
                    ]),
                    "who": .object(["display": .string("guideline engine \(record.ruleset.engine)")]),
                ])
            ]),
            "entity": .array(entities),
        ])
    }

    /// A citation as a Provenance entity: `quotation` when it quotes its source, else `source`.
    private static func citation(_ cited: ResolvedCitation) -> AuditJSON {
        let source = cited.source
        var display = [source.title, source.organization, source.date].compactMap { $0 }.joined(separator: ", ")
        if let section = cited.citation.section { display += "; section \(section)" }
        if let quote = cited.citation.quote { display += ": \"\(quote)\"" }
        var what: [String: AuditJSON] = ["display": .string(display)]
        if let url = source.url {
            what["identifier"] = .object(["system": .string("urn:ietf:rfc:3986"), "value": .string(url)])
        } else if let doi = source.doi {
            let url = doi.hasPrefix("http") ? doi : "https://doi.org/\(doi)"
            what["identifier"] = .object(["system": .string("urn:ietf:rfc:3986"), "value": .string(url)])
        } else {
            what["identifier"] = .object(["value": .string(source.id)])
        }
        return .object(["role": .string(cited.citation.quote == nil ? "source" : "quotation"), "what": .object(what)])
    }

    /// The archived ruleset of `fingerprint`, compiled once; nil when it is not archived or does not load (the
    /// Provenances then name the rule without its sources).
    private mutating func compiled(_ fingerprint: String) throws(AuditError) -> CompiledRuleset? {
        if let known = rulesets[fingerprint] { return known }
        let loaded = try store.archivedRuleset(fingerprint: fingerprint).flatMap { try? $0.load().get() }
        rulesets[fingerprint] = .some(loaded)
        return loaded
    }

    // MARK: feedback

    private func feedback(_ body: AuditJSON, id: String) -> AuditJSON {
        let card = body["card"]?.string ?? ""
        var what: [String: AuditJSON] = ["display": .string("the decision whose card is \(card)")]
        if let decision = decisionOfCard[card] { what["reference"] = .string(reference(to: decision)) }
        var details: [(String, String)] = [
            ("service", body["service"]?.string ?? ""), ("card", card), ("outcome", body["outcome"]?.string ?? ""),
            ("outcomeTimestamp", body["outcomeTimestamp"]?.string ?? ""),
        ]
        details += (body["acceptedSuggestions"]?.array ?? []).compactMap(\.string).map { ("acceptedSuggestion", $0) }
        // The override reason's code and display; the clinician's free-text comment is not exported.
        for key in ["system", "code", "display"] {
            if let value = body["overrideReason"]?[key]?.string { details.append(("overrideReason.\(key)", value)) }
        }
        let recorded = body["recorded"]?.string ?? ""
        return .object([
            "resourceType": .string("AuditEvent"), "id": .string(id), "category": .array([Self.httpCategory]),
            "code": Self.text("CDS Hooks card feedback"), "action": .string("C"),
            "severity": .string("informational"), "occurredDateTime": .string(recorded), "recorded": .string(recorded),
            "outcome": .object([
                "code": Self.coding("http://terminology.hl7.org/CodeSystem/audit-event-outcome", "0", "Success")
            ]),
            "agent": .array([Self.requestor(body["who"]?.string ?? "")]),
            "source": Self.source(channel: body["channel"]?.string ?? "cds-hooks"),
            "entity": .array([
                .object(["role": Self.text("decision"), "what": .object(what), "detail": Self.details(details)])
            ]),
        ])
    }

    // MARK: parts

    private func reference(to id: String) -> String {
        switch references {
        case .bundle: "urn:uuid:\(id)"
        case .relative: "AuditEvent/\(id)"
        }
    }

    private static let httpCategory: AuditJSON = .object([
        "coding": .array([
            coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation")
        ])
    ])

    /// Who asked (the record's `who`): a person (`humanuser`) for `page-user:` and `os-user:`; a CDS client's
    /// token as an identifier (system its `iss`, value its `sub`); anything else (an API key, a `--who`, the
    /// values of stores written before `who` was set per channel) by its text only.
    private static func requestor(_ who: String) -> AuditJSON {
        var reference: [String: AuditJSON] = ["display": .string(who.isEmpty ? "unknown" : who)]
        var agent: [String: AuditJSON] = ["requestor": .bool(true)]
        if who.hasPrefix("jwt:") {
            let parts = who.dropFirst(4).split(separator: "|", maxSplits: 1).map(String.init)
            var identifier: [String: AuditJSON] = ["system": .string(parts.first ?? "")]
            if parts.count == 2 { identifier["value"] = .string(parts[1]) }
            reference["identifier"] = .object(identifier)
        } else if who.hasPrefix("page-user:") || who.hasPrefix("os-user:") {
            agent["type"] = .object([
                "coding": .array([
                    coding("http://terminology.hl7.org/CodeSystem/extra-security-role-type", "humanuser", "human user")
                ])
            ])
        }
        agent["who"] = .object(reference)
        return .object(agent)
    }

    /// The engine that decided.
    private static func engine(_ version: String) -> AuditJSON {
        .object([
            "type": .object([
                "coding": .array([coding("http://dicom.nema.org/resources/ontology/DCM", "110150", "Application")])
            ]),
            "who": .object(["display": .string("guideline engine \(version)")]), "requestor": .bool(false),
        ])
    }

    /// The system that recorded the event.
    private static func source(channel: String) -> AuditJSON {
        var source: [String: AuditJSON] = ["observer": .object(["display": .string("guideline (\(channel))")])]
        if channel != "cli" {
            source["type"] = .array([
                .object([
                    "coding": .array([
                        coding(
                            "http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")
                    ])
                ])
            ])
        }
        return .object(source)
    }

    private static func coding(_ system: String, _ code: String, _ display: String) -> AuditJSON {
        .object(["system": .string(system), "code": .string(code), "display": .string(display)])
    }

    private static func text(_ text: String) -> AuditJSON { .object(["text": .string(text)]) }

    /// Entity details, each a name (as the type's text) and a string value; empty values are left out (FHIR strings
    /// are never empty).
    private static func details(_ pairs: [(String, String)]) -> AuditJSON {
        .array(
            pairs.filter { !$0.1.isEmpty }.map { name, value in
                .object(["type": text(name), "valueString": .string(value)])
            })
    }

    /// A name-based UUID (RFC 9562 version 8: the first 16 bytes of the SHA-256 of `name`), so that an export of
    /// the same store always gives the same ids.
    static func uuid(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = ChainHash.hex(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            hex.dropFirst(range.lowerBound).prefix(range.count)
        }
        return parts.joined(separator: "-")
    }
}
