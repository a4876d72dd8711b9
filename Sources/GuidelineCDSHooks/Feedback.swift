/// One item of a feedback call (`POST {baseUrl}/cds-services/{id}/feedback`, `{"feedback": [...]}`): what the
/// user did with a card.
package struct Feedback: Sendable, Hashable {
    /// What the user did.
    package enum Outcome: String, Sendable, Hashable {
        /// The user accepted the card (and the suggestions listed).
        case accepted
        /// The user overrode the card, maybe with a reason.
        case overridden
    }

    /// A reason for an override: a coded reason, a comment, or both.
    package struct OverrideReason: Sendable, Hashable {
        /// The reason's code system, if coded.
        package var system: String?
        /// The reason's code, if coded.
        package var code: String?
        /// The reason's display text, if coded.
        package var display: String?
        /// The user's comment, if any.
        package var userComment: String?
    }

    /// The card's `uuid`.
    package var card: String
    /// The outcome.
    package var outcome: Outcome
    /// The ids of the accepted suggestions (accepted only).
    package var acceptedSuggestions: [String]
    /// The override reason (overridden only), if given.
    package var overrideReason: OverrideReason?
    /// When the user acted (RFC 3339, as sent).
    package var outcomeTimestamp: String

    /// What makes two reports the same: the card and the time of the outcome.
    package var identity: String { "\(card)\u{0}\(outcomeTimestamp)" }

    /// Reads a feedback body; throws ``CDSRequestError`` for an invalid one (the server answers 400).
    package static func parse(_ bytes: [UInt8]) throws(CDSRequestError) -> [Feedback] {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch { throw .malformedJSON(error.message, offset: error.offset) }
        guard let items = root["feedback"]?.array, !items.isEmpty else {
            throw .invalid("'feedback' is required and must be a non-empty array")
        }
        return try items.enumerated().map { (index, item) throws(CDSRequestError) in try Self.item(item, at: index) }
    }

    private static func item(_ item: JSONValue, at index: Int) throws(CDSRequestError) -> Feedback {
        let place = "feedback[\(index)]"
        guard item.members != nil else { throw .invalid("\(place) must be an object") }
        guard let card = item["card"]?.string, !card.isEmpty else {
            throw .invalid("\(place).card is required: the card's uuid")
        }
        guard let outcomeText = item["outcome"]?.string, let outcome = Outcome(rawValue: outcomeText) else {
            throw .invalid("\(place).outcome must be \"accepted\" or \"overridden\"")
        }
        guard let timestamp = item["outcomeTimestamp"]?.string, Self.isRFC3339(timestamp) else {
            throw .invalid("\(place).outcomeTimestamp is required: an RFC 3339 date and time")
        }
        var feedback = Feedback(
            card: card, outcome: outcome, acceptedSuggestions: [], overrideReason: nil, outcomeTimestamp: timestamp)
        if let accepted = item["acceptedSuggestions"] {
            guard outcome == .accepted, let list = accepted.array else {
                throw .invalid("\(place).acceptedSuggestions applies to an accepted card and must be an array")
            }
            for suggestion in list {
                guard let id = suggestion["id"]?.string, !id.isEmpty else {
                    throw .invalid("\(place).acceptedSuggestions: each needs an 'id'")
                }
                feedback.acceptedSuggestions.append(id)
            }
        }
        if let reason = item["overrideReason"] {
            guard outcome == .overridden, reason.members != nil else {
                throw .invalid("\(place).overrideReason applies to an overridden card and must be an object")
            }
            let coding = reason["reason"]
            let comment = reason["userComment"]?.string
            guard coding != nil || comment != nil else {
                throw .invalid("\(place).overrideReason needs a 'reason' or a 'userComment'")
            }
            if let coding, coding["code"]?.string == nil || coding["system"]?.string == nil {
                throw .invalid("\(place).overrideReason.reason must be a Coding with 'system' and 'code'")
            }
            feedback.overrideReason = OverrideReason(
                system: coding?["system"]?.string, code: coding?["code"]?.string, display: coding?["display"]?.string,
                userComment: comment)
        }
        return feedback
    }

    /// `YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)`.
    static func isRFC3339(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && range.allSatisfy { (48...57).contains(bytes[$0]) }
        }
        guard bytes.count >= 20, digits(0..<4), bytes[4] == 45, digits(5..<7), bytes[7] == 45, digits(8..<10),
            bytes[10] | 0x20 == 116,
            digits(11..<13), bytes[13] == 58, digits(14..<16), bytes[16] == 58, digits(17..<19)
        else { return false }
        var index = 19
        if bytes[index] == 46 {
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] | 0x20 == 122 { return index == bytes.count - 1 }
        return (bytes[index] == 43 || bytes[index] == 45) && bytes.count == index + 6 && digits(index + 1..<index + 3)
            && bytes[index + 3] == 58
            && digits(index + 4..<index + 6)
    }
}
