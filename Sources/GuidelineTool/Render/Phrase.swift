/// Text in plain words made of pieces a document writer styles and escapes: words, the names of facts and
/// computed values, values, and expressions shown as written.
struct Phrase: Sendable, Equatable {
    /// One piece of a phrase.
    enum Piece: Sendable, Equatable {
        /// Plain words.
        case text(String)
        /// A fact or computed value: what a reader sees (its label) and the name rules use.
        case term(String, name: String)
        /// A value (an enum word, a number, a quantity).
        case value(String)
        /// An expression shown verbatim, where no faithful phrase can be made.
        case code(String)
    }

    /// The pieces, in order.
    var pieces: [Piece] = []

    /// A phrase of plain words.
    init(_ text: String = "") {
        if !text.isEmpty { pieces = [.text(text)] }
    }

    /// A phrase of one piece.
    init(piece: Piece) { pieces = [piece] }

    /// Appends another phrase.
    mutating func append(_ other: Phrase) { pieces += other.pieces }

    /// Appends plain words.
    mutating func append(_ text: String) { pieces.append(.text(text)) }

    /// The phrase as unstyled text (for graph labels and tests).
    var plain: String {
        pieces.map { piece in
            switch piece {
            case .text(let text), .term(let text, _), .value(let text), .code(let text): text
            }
        }.joined()
    }

    /// The phrase as HTML, every piece escaped: terms carry their name as a tooltip.
    var html: String {
        pieces.map { piece in
            switch piece {
            case .text(let text): Escaping.html(text)
            case .term(let label, let name):
                "<span class=\"term\" title=\"\(Escaping.html(name))\">\(Escaping.html(label))</span>"
            case .value(let text): "<b>\(Escaping.html(text))</b>"
            case .code(let text): "<code>\(Escaping.html(text))</code>"
            }
        }.joined()
    }

    /// The phrase as GitHub-flavoured Markdown, every piece escaped.
    var markdown: String {
        pieces.map { piece in
            switch piece {
            case .text(let text): Escaping.markdown(text)
            case .term(let label, _): "*\(Escaping.markdown(label))*"
            case .value(let text): "**\(Escaping.markdown(text))**"
            case .code(let text): Escaping.markdownCode(text)
            }
        }.joined()
    }
}
