import GuidelineCompiler
import GuidelineEngine
import Synchronization

/// Turns evaluations into decision records and appends them: what `evaluate --audit` and the server use.
///
/// The first decision of each ruleset archives the ruleset's files in the store.
package final class AuditRecorder: Sendable {
    /// The store appended to.
    package let store: any AuditStore
    private let hasher: IdentifierHasher
    /// Fingerprints already archived by this recorder.
    private let archived = Mutex<Set<String>>([])

    /// A recorder appending to `store`, hashing identifiers with `hasher`.
    package init(store: any AuditStore, hasher: IdentifierHasher) {
        self.store = store
        self.hasher = hasher
    }

    /// Opens (or creates) the store named `path` (an SQLite file or, with an opener that knows it, a PostgreSQL
    /// URL) with the key from `keyFile` or the environment.
    package static func open(
        path: String, keyFile: String?, environment: [String: String], opener: AuditStoreOpener = .sqliteOnly
    ) -> Result<AuditRecorder, AuditError> {
        IdentifierHasher.load(file: keyFile, environment: environment).flatMap { hasher in
            Result { () throws(AuditError) in
                let store = try opener.open(path, create: true, hasher: hasher, environment: environment)
                return AuditRecorder(store: store, hasher: hasher)
            }
        }
    }

    /// Archives `ruleset` in the store once (read from the directory it was loaded from).
    package func archive(_ ruleset: CompiledRuleset) throws(AuditError) {
        if archived.withLock({ $0.contains(ruleset.fingerprint) }) { return }
        try store.archive(try ArchivedRuleset.collect(ruleset).get())
        archived.withLock { _ = $0.insert(ruleset.fingerprint) }
    }

    /// Archives `files` (a ruleset held in memory) once under `fingerprint`.
    package func archive(_ files: ArchivedRuleset) throws(AuditError) {
        if archived.withLock({ $0.contains(files.fingerprint) }) { return }
        try store.archive(files)
        archived.withLock { _ = $0.insert(files.fingerprint) }
    }

    /// The record of one evaluation (its decision id `id`); identifying fields are hashed here.
    package func record(
        _ result: EvaluationResult, input: CaseInput, ruleset: CompiledRuleset, who: String, channel: String,
        patientID: String? = nil, hookInstance: String? = nil, cards: [String] = [], id: String = DecisionRecord.newID()
    ) -> DecisionRecord {
        DecisionRecord(
            id: id, who: who, channel: channel, ruleset: RecordedRuleset(result.ruleset),
            facts: ResultDigest.facts(of: input, in: ruleset),
            caseHMAC: input.id.map { hasher.hash($0, field: "case") },
            patientHMAC: patientID.map { hasher.hash($0, field: "patient") }, hookInstance: hookInstance,
            cards: cards, result: ResultDigest.of(result))
    }

    /// Archives the ruleset if need be and appends the records durably, in one transaction.
    package func append(_ records: [DecisionRecord], ruleset: CompiledRuleset) throws(AuditError) {
        try archive(ruleset)
        try store.append(records.map(\.entry))
    }

    /// The HMAC of a patient id, to look its decisions up.
    package func patientHMAC(_ id: String) -> String { hasher.hash(id, field: "patient") }
}
