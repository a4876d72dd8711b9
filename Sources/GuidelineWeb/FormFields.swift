import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order (the first value of a name wins).
struct FormFields: Sendable {
    /// The name and value pairs, decoded.
    let pairs: [(name: String, value: String)]

    /// No fields.
    init() { pairs = [] }

    /// Decodes a body: pairs split at `&`, name and value at the first `=`, `+` as a space, percent escapes as UTF-8.
    init(body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first non-empty value of `name`, or nil.
    func value(_ name: String) -> String? {
        pairs.first { $0.name == name && !$0.value.isEmpty }?.value
    }
}
