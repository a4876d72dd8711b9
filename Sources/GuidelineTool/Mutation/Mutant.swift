import Foundation
import GuidelineDiagnostics

/// One small change to a ruleset's rule files, made to see whether the ruleset's own tests notice it.
package struct Mutant: Sendable, Hashable {
    /// What kind of change it is.
    package enum Kind: String, Sendable, CaseIterable {
        /// A number compared with, moved by one step of its last written digit (`48 h` to `47 h` and `49 h`).
        case threshold
        /// A comparison turned into its neighbour (`<` and `<=`, `>` and `>=`, `==` and `!=`, `in` and `not in`).
        case comparison
        /// One side of an `and` dropped.
        case conjunct
        /// A rule's `unless` dropped (made `false`).
        case exception
        /// A recommendation's kind weakened (contraindicated to caution, caution and recommended to consider).
        case kind
    }

    /// The kind of change.
    package var kind: Kind
    /// The file changed, relative to the ruleset directory (as the manifest names it).
    package var file: String
    /// Where the change is, in the file (its path as the ruleset's diagnostics show it).
    package var location: SourceLocation
    /// The rule, derived value or table the change is in.
    package var owner: String
    /// The text replaced and its replacement, as shown to the author.
    package var original: String
    /// The replacement.
    package var replacement: String
    /// The Unicode-scalar offsets in the file of the text replaced.
    package var span: Range<Int>

    /// `file:line:column: kind in owner: original -> replacement`.
    package var description: String {
        "\(location): \(kind.rawValue) in \(owner): \(Self.shown(original)) -> \(Self.shown(replacement))"
    }

    /// A text on one line, quoted.
    static func shown(_ text: String) -> String {
        "'"
            + text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                separator: " ") + "'"
    }
}
