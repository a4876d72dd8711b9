/// Recomputes a store's hash chain and names the first entry altered, removed or inserted.
package enum ChainVerifier {
    /// The outcome of a verification.
    package struct Report: Sendable, Equatable {
        /// How many entries were read.
        package var checked: Int
        /// The first break found, if any.
        package var failure: AuditError?
    }

    /// Verifies every entry of `store`, in chain order.
    package static func verify(_ store: any AuditStore) throws(AuditError) -> Report {
        var expectedPrevious = ChainHash.genesis
        var seen: [String: Int] = [:]
        var previousSeq = 0
        var checked = 0
        var failure: AuditError?
        try store.forEachEntry(since: nil) { entry in
            checked += 1
            // Made only for a message: most entries need none.
            var label: String { "record \(entry.seq) (\(entry.kind) \(entry.id))" }
            if ChainHash.hash(previous: entry.previousHash, body: entry.body) != entry.hash {
                failure = AuditError(.chainAltered, "\(label) was altered: its content does not match its hash")
                return false
            }
            if entry.previousHash != expectedPrevious {
                if let linked = seen[entry.previousHash] {
                    failure = AuditError(
                        .chainInserted,
                        "records were inserted after record \(linked): \(label) follows record \(linked), not record \(previousSeq)"
                    )
                } else {
                    failure = AuditError(
                        .chainRemoved,
                        "records were removed before \(label): the record it follows is not in the store")
                }
                return false
            }
            seen[entry.hash] = entry.seq
            expectedPrevious = entry.hash
            previousSeq = entry.seq
            return true
        }
        if failure == nil {
            let head = try store.head()
            if previousSeq > head.count {
                failure = AuditError(
                    .chainInserted,
                    "records were inserted at the end: the store's head names record \(head.count), the last record is \(previousSeq)"
                )
            } else if head.hash != expectedPrevious || head.count != previousSeq {
                failure = AuditError(
                    .chainRemoved,
                    "records were removed at the end: the store's head names record \(head.count), the last record is \(previousSeq)"
                )
            }
        }
        return Report(checked: checked, failure: failure)
    }
}
