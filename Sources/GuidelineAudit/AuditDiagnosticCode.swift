import GuidelineDiagnostics

/// The diagnostic codes of the audit trail: the store, its key, the chain and replay.
///
/// The cases are sorted by code; `rawValue` is the stable code, shown in brackets after each message.
package enum AuditDiagnosticCode: String, DiagnosticCode {
    /// A record's content does not match its hash: it was altered.
    case chainAltered = "audit.chain-altered"
    /// Records were inserted into the chain.
    case chainInserted = "audit.chain-inserted"
    /// Records were removed from the chain.
    case chainRemoved = "audit.chain-removed"
    /// No decision with the id asked for.
    case decisionNotFound = "audit.decision-not-found"
    /// The HMAC key is not the one the store was created with.
    case keyMismatch = "audit.key-mismatch"
    /// No HMAC key, an unreadable key file or a key too short.
    case keyMissing = "audit.key-missing"
    /// A record could not be replayed (its facts do not fit the ruleset replayed against).
    case replayFailed = "audit.replay-failed"
    /// A record's ruleset is not in the store's archive, or the archive does not load.
    case rulesetNotArchived = "audit.ruleset-not-archived"
    /// The store is not an audit store (not SQLite, another schema, damaged), or PostgreSQL cannot be reached.
    case storeCorrupt = "audit.store-corrupt"
    /// No store at the path given.
    case storeMissing = "audit.store-missing"
    /// The PostgreSQL server of a store cannot be reached, or refuses the connection.
    case storeUnreachable = "audit.store-unreachable"
    /// A PostgreSQL URL given to a build without the PostgreSQL store.
    case storeUnsupported = "audit.store-unsupported"
    /// The store could not be written (disk full, read-only, locked too long).
    case storeUnwritable = "audit.store-unwritable"
}

/// A failure of the audit trail: a code of ``AuditDiagnosticCode`` and a lowercase message.
package struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code.
    package var code: AuditDiagnosticCode
    /// The message, without the code.
    package var message: String

    /// An error.
    package init(_ code: AuditDiagnosticCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `message [code]`, as the tool prints it after `error: `.
    package var description: String { "\(message) [\(code.rawValue)]" }
}
