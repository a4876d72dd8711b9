/// One entry of the audit trail, before it is appended: a decision or the feedback on one.
///
/// The store gives it its sequence number and chains it (``ChainHash``); `body` is what is hashed.
package struct AuditEntry: Sendable, Hashable {
    /// What an entry records.
    package enum Kind: String, Sendable {
        /// A decision (``DecisionRecord``).
        case decision
        /// Feedback on a decision's card (``FeedbackRecord``).
        case feedback
    }

    /// The kind.
    package var kind: Kind
    /// The entry's id: a decision id, or a feedback entry's own id.
    package var id: String
    /// When it was recorded (RFC 3339 UTC).
    package var recorded: String
    /// The ruleset fingerprint of a decision.
    package var fingerprint: String?
    /// What it refers to, for lookups: a decision's card uuids, a feedback entry's card uuid.
    package var refs: [String]
    /// The content, without its sequence number (the store adds `seq`).
    package var body: AuditJSON
}

/// An entry as stored: its sequence number, its canonical body and its place in the chain.
package struct StoredEntry: Sendable, Hashable {
    /// The position in the trail, from 1.
    package var seq: Int
    /// The kind, as stored.
    package var kind: String
    /// The entry's id.
    package var id: String
    /// When it was recorded.
    package var recorded: String
    /// The canonical body (with `seq`), as hashed.
    package var body: [UInt8]
    /// The previous entry's hash (the genesis hash for the first).
    package var previousHash: String
    /// `sha256` over the previous hash and the body (``ChainHash``).
    package var hash: String

    /// An entry as a store read or wrote it.
    package init(
        seq: Int, kind: String, id: String, recorded: String, body: [UInt8], previousHash: String, hash: String
    ) {
        self.seq = seq
        self.kind = kind
        self.id = id
        self.recorded = recorded
        self.body = body
        self.previousHash = previousHash
        self.hash = hash
    }
}
