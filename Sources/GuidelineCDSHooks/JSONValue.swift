/// A JSON value as CDS Hooks exchanges it: objects keep their members in order (so that responses are
/// deterministic) and numbers keep their text (so that a FHIR decimal such as `0.1` or `250000` reaches the
/// case decoder exactly as written, never through a binary floating-point number).
package enum JSONValue: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as written (`-12.50`, `1e3`).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in order.
    case object([(key: String, value: JSONValue)])

    /// The member `key` of an object (the first, when a key repeats), or nil.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text of a string, or nil.
    package var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The items of an array, or nil.
    package var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members of an object, or nil.
    package var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// True for `null`.
    package var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The `resourceType` of a FHIR resource, or nil.
    var resourceType: String? { self["resourceType"]?.string }

    /// Builds an object from members whose value may be absent: absent members are left out, so a response
    /// never holds `null` for an optional field.
    static func object(omittingAbsent members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key: key, value: $0) } })
    }
}
