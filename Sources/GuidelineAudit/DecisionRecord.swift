import Foundation
import GuidelineEngine

/// One decision as the audit trail keeps it: who asked, through which channel, which ruleset and engine answered,
/// the facts as the engine saw them and what it recommended.
///
/// Identifying fields (the case id, the patient id) are kept only as keyed HMACs (``IdentifierHasher``). The full
/// explanation is not stored: replaying the facts against the archived ruleset regenerates it.
package struct DecisionRecord: Sendable, Hashable {
    /// The decision id: a UUID, lowercase.
    package var id: String
    /// When it was decided: RFC 3339, UTC, milliseconds.
    package var recorded: String
    /// Who asked: `api-key:NAME` (REST), `jwt:ISS|SUB` (a CDS Hooks client token's `iss` and `sub`),
    /// `page-user:NAME` (the clinician's page), `os-user:NAME` or the `--who` given (the command line),
    /// `unauthenticated` (a server without a configuration file).
    package var who: String
    /// The channel: `cli`, `rest`, `cds-hooks`.
    package var channel: String
    /// The ruleset's id, version and fingerprint, and the engine's version.
    package var ruleset: RecordedRuleset
    /// The facts as the engine saw them (after any FHIR mapping), by name, as case-file text; facts not recorded
    /// are absent.
    package var facts: [String: String]
    /// The evaluation clock, when the evaluation had one.
    package var clock: String?
    /// The HMAC of the case id, when the case had one.
    package var caseHMAC: String?
    /// The HMAC of the patient id, when known (CDS Hooks `context.patientId`).
    package var patientHMAC: String?
    /// The CDS Hooks `hookInstance`, when the call came through CDS Hooks.
    package var hookInstance: String?
    /// The CDS Hooks card uuids, in order.
    package var cards: [String]
    /// What the engine answered (``ResultDigest``).
    package var result: AuditJSON

    /// A new decision id: a random UUID, lowercase.
    package static func newID() -> String { UUID().uuidString.lowercased() }

    /// Creates a record.
    package init(
        id: String = newID(), recorded: String = AuditClock.now(), who: String,
        channel: String, ruleset: RecordedRuleset, facts: [String: String], clock: String? = nil,
        caseHMAC: String? = nil, patientHMAC: String? = nil, hookInstance: String? = nil, cards: [String] = [],
        result: AuditJSON
    ) {
        self.id = id
        self.recorded = recorded
        self.who = who
        self.channel = channel
        self.ruleset = ruleset
        self.facts = facts
        self.clock = clock
        self.caseHMAC = caseHMAC
        self.patientHMAC = patientHMAC
        self.hookInstance = hookInstance
        self.cards = cards
        self.result = result
    }

    /// The record as an entry of the trail.
    package var entry: AuditEntry {
        let body: [String: AuditJSON] = [
            "kind": .string(AuditEntry.Kind.decision.rawValue),
            "id": .string(id),
            "recorded": .string(recorded),
            "who": .string(who),
            "channel": .string(channel),
            "ruleset": .object([
                "id": .string(ruleset.id), "version": .string(ruleset.version),
                "fingerprint": .string(ruleset.fingerprint),
            ]),
            "engine": .string(ruleset.engine),
            "facts": .object(facts.mapValues(AuditJSON.string)),
            "clock": .optional(clock),
            "case": .optional(caseHMAC),
            "patient": .optional(patientHMAC),
            "hookInstance": .optional(hookInstance),
            "cards": .array(cards.map(AuditJSON.string)),
            "result": result,
        ]
        return AuditEntry(
            kind: .decision, id: id, recorded: recorded, fingerprint: ruleset.fingerprint,
            refs: cards, body: .object(body))
    }

    /// Reads a record back from an entry's body; nil when the body is not a decision.
    package init?(body: AuditJSON) {
        guard body["kind"]?.string == AuditEntry.Kind.decision.rawValue, let id = body["id"]?.string,
            let recorded = body["recorded"]?.string, let ruleset = body["ruleset"],
            let rulesetID = ruleset["id"]?.string, let version = ruleset["version"]?.string,
            let fingerprint = ruleset["fingerprint"]?.string, let facts = body["facts"]?.object,
            let result = body["result"]
        else { return nil }
        self.id = id
        self.recorded = recorded
        who = body["who"]?.string ?? ""
        channel = body["channel"]?.string ?? ""
        self.ruleset = RecordedRuleset(
            id: rulesetID, version: version, fingerprint: fingerprint, engine: body["engine"]?.string ?? "")
        self.facts = facts.compactMapValues(\.string)
        clock = body["clock"]?.string
        caseHMAC = body["case"]?.string
        patientHMAC = body["patient"]?.string
        hookInstance = body["hookInstance"]?.string
        cards = body["cards"]?.array?.compactMap(\.string) ?? []
        self.result = result
    }
}

/// The ruleset and engine a decision was made with.
package struct RecordedRuleset: Sendable, Hashable {
    /// The ruleset id.
    package var id: String
    /// The ruleset version.
    package var version: String
    /// The `sha256:` fingerprint of its files.
    package var fingerprint: String
    /// The engine version.
    package var engine: String

    /// The identity of `identity`'s ruleset and engine.
    package init(_ identity: RulesetIdentity) {
        self.init(
            id: identity.id, version: identity.version, fingerprint: identity.fingerprint, engine: identity.engine)
    }

    /// An identity from its parts.
    package init(id: String, version: String, fingerprint: String, engine: String) {
        self.id = id
        self.version = version
        self.fingerprint = fingerprint
        self.engine = engine
    }
}

/// The time of a record: RFC 3339 in UTC with milliseconds, so that records sort by time as text.
package enum AuditClock {
    /// The current time.
    package static func now() -> String { text(Date()) }

    /// `date` as RFC 3339 UTC with milliseconds: `2026-12-03T15:46:15.123Z`.
    package static func text(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}
