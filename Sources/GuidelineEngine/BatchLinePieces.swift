import GuidelineCompiler
import GuidelineExpression

/// The fixed pieces of every batch line, prepared once per ruleset as JSON-ready bytes in one allocation:
/// keys, quoted rule ids and fact names, each recommendation's reference (rule id and index), each rule's
/// because-line text cut around its values, and each enum value's name per slot.
///
/// Lines are written by copying these pieces.
///
/// The tables hold only plain values (positions and byte ranges), so reading them counts no references.
final class BatchLinePieces: @unchecked Sendable {
    /// A byte range of the arena.
    ///
    /// Only `BatchLinePieces` makes pieces, each within its arena, so reading one needs no check.
    struct Piece: Sendable {
        let start: Int
        let count: Int

        /// The piece at `start` with `count` bytes (within the arena: the pieces' initializer is the only caller).
        fileprivate init(start: Int, count: Int) {
            self.start = start
            self.count = count
        }
    }

    /// An element of a JSON list: a piece stored right after a comma, so that an element after the first is
    /// written with its separator in one copy (see `bytes(_:first:)`).
    struct Element: Sendable {
        /// The element without the comma.
        let piece: Piece

        /// The element whose bytes are `piece`, which the arena has right after a comma.
        fileprivate init(_ piece: Piece) { self.piece = piece }
    }

    /// A recommendation's pieces.
    struct Recommendation: Sendable {
        /// `{"rule":"id","index":N}`: the recommendation as the header lists it (rule id, position in the rule).
        let reference: Element
        /// `{"rule":"id","index":N,"because":"`: the start of the recommendation's object in a line when it has
        /// no text to fill in, up to its because line (written from `BecauseStart.key`).
        let openingWithBecause: Element

        /// `{"rule":"id","index":N`, the start of the recommendation's object in a line.
        var opening: Element { Element(Piece(start: reference.piece.start, count: reference.piece.count - 1)) }
    }

    /// Where a because line is written from: its first segment starts with `],"because":"` so that what comes
    /// before it in a line (a list's end, a value, the key) and the line are written in one copy.
    enum BecauseStart: Int {
        /// After a list: `],"because":"` and the line.
        case list = 0
        /// After a value: `,"because":"` and the line.
        case value = 1
        /// After the key: the line.
        case key = 13
    }

    /// A piece of a because line: fixed text (escaped), then the value of slot `slot` if `slot >= 0` (the slot
    /// the name before it reads).
    ///
    /// A rule's first segment starts with `],"because":"` (see `BecauseStart`), its last has no value and ends with
    /// `"}`, closing the line and the object around it.
    struct Segment: Sendable {
        let text: Piece
        let slot: Int
    }

    /// A piece of a recommendation text with values: fixed text (escaped), then placeholder `placeholder`'s
    /// value if `placeholder >= 0`, read straight from `slot` when the placeholder is a plain name (else -1).
    struct TextSegment: Sendable {
        let text: Piece
        let placeholder: Int
        let slot: Int
    }

    private let arena: UnsafeMutableBufferPointer<UInt8>
    /// The arena's start.
    private let base: UnsafePointer<UInt8>
    /// `"name":` and the slot of each derived value and table output.
    let values: [(key: Piece, slot: Int)]
    /// `"id":` and the total and band slots of each score.
    let scores: [(key: Piece, total: Int, band: Int)]
    /// Each fact's name, quoted, by fact index.
    let facts: [Element]
    /// Each rule's id, quoted, by rule index.
    let rules: [Piece]
    /// `{"rule":"id","needs":[`, the start of each rule's object in a line's undetermined rules, by rule index.
    let undeterminedOpenings: [Element]
    /// Each recommendation's pieces, by flat index (`EvaluationPlan.recommendations`).
    let recommendations: [Recommendation]
    /// The segments of each recommendation text that has values to fill in, by flat recommendation index (nil:
    /// the text is fixed and in the header), and the text's source (escaped), written if filling in fails.
    let texts: [(segments: Range<Int>, source: Piece)?]
    let textSegments: [TextSegment]
    /// The placeholders' expressions, in the order the text segments refer to them.
    let placeholders: [CheckedExpression]
    /// The because-line segments of every rule, in one plain buffer; rule `i`'s are from `becauseStarts[i]` to
    /// `becauseStarts[i + 1]` (see `because(ofRule:)`).
    private let becauseSegments: UnsafeMutableBufferPointer<Segment>
    private let becauseStarts: UnsafeMutableBufferPointer<Int>
    /// Per slot: its enum type (nil for other types) and where its value names are in `symbols`.
    private struct SlotSymbols {
        let type: EnumType?
        let first: Int
        let count: Int
    }

    /// Each slot's enum type and value names, in plain buffers (an enum type is a plain reference, so reading
    /// one counts nothing); every slot's names are within `symbols` by construction.
    private let slotSymbols: UnsafeMutableBufferPointer<SlotSymbols>
    /// The escaped names of every enum-typed slot's values.
    private let symbols: UnsafeMutableBufferPointer<Piece>

    init(plan: EvaluationPlan) {
        let ruleset = plan.ruleset
        var arena: [UInt8] = []
        func piece(_ bytes: [UInt8]) -> Piece {
            defer { arena.append(contentsOf: bytes) }
            return Piece(start: arena.count, count: bytes.count)
        }
        func element(_ bytes: [UInt8]) -> Element {
            arena.append(UInt8(ascii: ","))
            return Element(piece(bytes))
        }
        func quoted(_ text: String) -> [UInt8] { Self.json { $0.appendQuoted(text) } }
        func escaped(_ bytes: [UInt8]) -> [UInt8] {
            Self.json { out in bytes.withUnsafeBufferPointer { out.appendEscaped($0) } }
        }

        values = ruleset.slots.enumerated().compactMap { index, slot in
            switch slot.origin {
            case .derived, .tableOutput: (piece(quoted(slot.name) + [UInt8(ascii: ":")]), index)
            default: nil
            }
        }
        scores = ruleset.scores.map {
            (piece(quoted($0.declaration.id) + [UInt8(ascii: ":")]), $0.totalSlot, $0.bandSlot)
        }
        facts = ruleset.facts.map { element(quoted($0.name)) }
        let ruleIDs = ruleset.rules.map { quoted($0.id) }
        rules = ruleIDs.map(piece)
        undeterminedOpenings = ruleIDs.map { element(Array("{\"rule\":".utf8) + $0 + Array(",\"needs\":[".utf8)) }
        recommendations = ruleset.rules.enumerated().flatMap { ruleIndex, rule in
            rule.recommendations.indices.map { index in
                let opening = Array("{\"rule\":".utf8) + ruleIDs[ruleIndex] + Array(",\"index\":\(index)".utf8)
                return Recommendation(
                    reference: element(opening + [UInt8(ascii: "}")]),
                    openingWithBecause: element(opening + Array(",\"because\":\"".utf8)))
            }
        }
        var textSegments: [TextSegment] = []
        var placeholders: [CheckedExpression] = []
        texts = ruleset.rules.flatMap(\.recommendations).map { recommendation in
            let template = recommendation.text
            guard !template.placeholders.isEmpty else { return nil }
            let start = textSegments.count
            var text = ""
            for part in template.parts {
                switch part {
                case .text(let fixed): text += fixed
                case .placeholder(let expression):
                    let slot = expression.slot(of: expression.root) ?? -1
                    textSegments.append(
                        TextSegment(text: piece(escaped(Array(text.utf8))), placeholder: placeholders.count, slot: slot)
                    )
                    placeholders.append(expression)
                    text = ""
                }
            }
            if !text.isEmpty {
                textSegments.append(TextSegment(text: piece(escaped(Array(text.utf8))), placeholder: -1, slot: -1))
            }
            return (start..<textSegments.count, piece(escaped(Array(template.source.utf8))))
        }
        self.textSegments = textSegments
        self.placeholders = placeholders
        var segments: [Segment] = []
        var starts: [Int] = []
        for rule in ruleset.rules {
            starts.append(segments.count)
            var cut: [(text: [UInt8], slot: Int)] = []
            var text: [UInt8] = []
            for segment in ExplanationTemplate(rule.condition).segments {
                switch segment {
                case .text(let bytes): text += bytes
                case .value(let node, let prefix):
                    cut.append((escaped(text + prefix), rule.condition.slot(of: node) ?? -1))
                    text = []
                }
            }
            cut.append((escaped(text) + Array("\"}".utf8), -1))
            cut[0].text = Array("],\"because\":\"".utf8) + cut[0].text
            segments += cut.map { Segment(text: piece($0.text), slot: $0.slot) }
        }
        starts.append(segments.count)
        becauseSegments = .allocate(capacity: max(1, segments.count))
        _ = becauseSegments.initialize(from: segments)
        becauseStarts = .allocate(capacity: starts.count)
        _ = becauseStarts.initialize(from: starts)
        var slotSymbols: [SlotSymbols] = []
        var symbols: [Piece] = []
        for slot in ruleset.slots {
            guard case .enumeration(let type) = slot.type else {
                slotSymbols.append(SlotSymbols(type: nil, first: 0, count: 0))
                continue
            }
            slotSymbols.append(SlotSymbols(type: type, first: symbols.count, count: type.values.count))
            symbols += type.values.map { piece(escaped(Array($0.utf8))) }
        }
        self.slotSymbols = .allocate(capacity: slotSymbols.count)
        _ = self.slotSymbols.initialize(from: slotSymbols)
        self.symbols = .allocate(capacity: symbols.count)
        _ = self.symbols.initialize(from: symbols)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, arena.count))
        _ = storage.initialize(from: arena)
        self.arena = storage
        // Never nil: allocated with at least one byte just above.
        // swift-format-ignore: NeverForceUnwrap
        base = UnsafePointer(storage.baseAddress!)
    }

    deinit {
        arena.deallocate()
        becauseSegments.deallocate()
        becauseStarts.deallocate()
        slotSymbols.deallocate()
        symbols.deallocate()
    }

    private static func json(_ body: (ByteBuffer) -> Void) -> [UInt8] {
        let buffer = ByteBuffer(capacity: 64)
        body(buffer)
        return buffer.array
    }

    /// The bytes of `piece` (within the arena by construction).
    @inline(__always)
    func bytes(_ piece: Piece) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + piece.start, count: piece.count)
    }

    /// The bytes of `element`, with the comma before it unless it is the `first` of its list.
    @inline(__always)
    func bytes(_ element: Element, first: Bool) -> UnsafeBufferPointer<UInt8> {
        let comma = first ? 0 : 1
        return UnsafeBufferPointer(start: base + element.piece.start - comma, count: element.piece.count + comma)
    }

    /// The bytes of `piece` without its first `count` (at most all of them).
    @inline(__always)
    func bytes(_ piece: Piece, droppingFirst count: Int) -> UnsafeBufferPointer<UInt8> {
        let dropped = min(count, piece.count)
        return UnsafeBufferPointer(start: base + piece.start + dropped, count: piece.count - dropped)
    }

    /// Rule `rule`'s because-line segments (at least one).
    @inline(__always)
    func because(ofRule rule: Int) -> UnsafeBufferPointer<Segment> {
        UnsafeBufferPointer(rebasing: becauseSegments[becauseStarts[rule]..<becauseStarts[rule + 1]])
    }

    /// The escaped name of enum value `ordinal` of `type` if `type` is `slot`'s enum type.
    @inline(__always)
    private func symbolName(_ type: EnumType, _ ordinal: Int, slot: Int) -> Piece? {
        guard slot >= 0, slot < slotSymbols.count else { return nil }
        let entry = slotSymbols[slot]
        guard let declared = entry.type, declared == type, ordinal >= 0, ordinal < entry.count else { return nil }
        return symbols[entry.first + ordinal]
    }

    /// Appends the value of `slot` (read in place from `slots`) as JSON (as `ResultJSON.value` writes it).
    func appendJSON(_ slots: UnsafeBufferPointer<Value>, slot: Int, into out: ByteBuffer) {
        guard slot >= 0, slot < slots.count, let value = slots.baseAddress.map({ $0 + slot }) else {
            return out.append("null")
        }
        // `if case` reads the value in place (see `appendText`).
        if case .bool(let truth) = value.pointee {
            if truth { out.append("true") } else { out.append("false") }
        } else if case .number(let number) = value.pointee {
            out.append(number)
        } else if case .symbol(let type, let ordinal) = value.pointee, let name = symbolName(type, ordinal, slot: slot)
        {
            out.append(UInt8(ascii: "\""))
            out.append(bytes(name))
            out.append(UInt8(ascii: "\""))
        } else if case .unknown = value.pointee {
            out.append("null")
        } else {
            out.appendJSON(value.pointee)
        }
    }

    /// Appends the display text of the value of `slot` (read in place from `slots`), escaped for a JSON string;
    /// `unknown` when there is no such slot.
    ///
    /// Unknown values, booleans and enum values are written straight (inlined into the caller, reading the value in
    /// place); others are formatted once per case and then copied from `texts`.
    @inline(__always)
    func appendText(_ slots: UnsafeBufferPointer<Value>, slot: Int, into out: ByteBuffer, texts: SlotTexts) {
        guard slot >= 0, slot < slots.count, let value = slots.baseAddress.map({ $0 + slot }) else {
            return out.append("unknown")
        }
        // `if case` reads the value in place; a `switch` here copies it (and calls its outlined destroy).
        if case .bool(let truth) = value.pointee {
            if truth { out.append("true") } else { out.append("false") }
        } else if case .symbol(let type, let ordinal) = value.pointee, let name = symbolName(type, ordinal, slot: slot)
        {
            out.append(bytes(name))
        } else if case .unknown = value.pointee {
            out.append("unknown")
        } else {
            appendFormatted(value, slot: slot, into: out, texts: texts)
        }
    }

    /// Appends the display text of `value`, the value of `slot`: copied from `texts` if stored in this case,
    /// else formatted and stored.
    @inline(never)
    private func appendFormatted(_ value: UnsafePointer<Value>, slot: Int, into out: ByteBuffer, texts: SlotTexts) {
        guard !texts.appendStored(slot, to: out) else { return }
        let start = out.count
        out.appendEscapedText(value.pointee)
        texts.store(slot, UnsafeBufferPointer(rebasing: out.bytes[start...]))
    }
}
