/// One lexical token of an expression, with its span in Unicode scalars.
package struct Token: Sendable, Hashable {
    /// What kind of token, with its payload.
    package enum Kind: Sendable, Hashable {
        /// A number literal; `text` as written (for telling `2` from `2.0`).
        case number(Number, text: String)
        /// A number followed by a unit, e.g. `12 h`.
        case quantity(Number, text: String, Unit)
        /// A name: words joined by dots (`spine.level`, `suspected-mescc`).
        case name(String)
        /// `and`, `or`, `not`, `in`, `true`, `false`.
        case keyword(String)
        /// An operator or punctuation: `==`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `/`, `(`, `)`, `[`, `]`, `,`, `..`.
        case symbol(String)
        /// The end of the text.
        case end
    }

    /// The kind.
    package var kind: Kind
    /// The scalar offsets covered, 0-based, half-open.
    package var span: Range<Int>

    /// Creates a token.
    package init(_ kind: Kind, _ span: Range<Int>) {
        self.kind = kind
        self.span = span
    }

    /// How error messages show the token: `'foo'`, `'=='` or `end of expression`.
    var quoted: String {
        switch kind {
        case .number(_, let text): "\(quoted: text)"
        case .quantity(_, let text, let unit): "\(quoted: "\(text) \(unit.symbol)")"
        case .name(let n), .keyword(let n), .symbol(let n): "\(quoted: n)"
        case .end: "end of expression"
        }
    }
}
