/// Where the audit trail is kept: an append-only, hash-chained list of entries and the archive of every ruleset
/// the decisions were made with.
///
/// One interface for every store (SQLite now; PostgreSQL later), so that the commands, the server and the tests
/// do not know which one they use.
package protocol AuditStore: Sendable {
    /// Appends `entries` in order, chained after the last one, in one transaction; returns them as stored.
    ///
    /// When it returns, the entries are durable (on disk, synced); when it throws, none was appended.
    @discardableResult
    func append(_ entries: [AuditEntry]) throws(AuditError) -> [StoredEntry]

    /// Keeps `ruleset`'s files under its fingerprint (nothing happens when that fingerprint is already kept).
    func archive(_ ruleset: ArchivedRuleset) throws(AuditError)

    /// The ruleset kept under `fingerprint`, if any.
    func archivedRuleset(fingerprint: String) throws(AuditError) -> ArchivedRuleset?

    /// Calls `body` with every entry recorded at or after `since` (RFC 3339 text, or a date), in chain order;
    /// `body` returns false to stop.
    func forEachEntry(since: String?, _ body: (StoredEntry) throws(AuditError) -> Bool) throws(AuditError)

    /// The entry with id `id`, if any.
    func entry(id: String) throws(AuditError) -> StoredEntry?

    /// The entries that refer to any of `refs` (the feedback on a decision's cards), in chain order.
    func entries(referringTo refs: [String]) throws(AuditError) -> [StoredEntry]

    /// What the store says its last entry is: how many entries and the last hash (the genesis hash when empty).
    func head() throws(AuditError) -> (count: Int, hash: String)
}
