import GuidelineCompiler
import GuidelineExpression

/// Reads the common shape of a JSON case line, `{"case": "id", "facts": {"name": value, ...}}`, straight from
/// its bytes into a `CaseInput`, for batch throughput.
///
/// It accepts only what it can read exactly as `CaseDecoder` would (plain strings without escapes, numbers in
/// strict decimal form, declared facts, values of the declared type within range, no duplicate keys). Anything
/// else, valid or not, makes it return nil, and the caller decodes the line with `CaseDecoder`, which gives the
/// same result or the diagnostics. A differential test holds the two to the same answers.
package struct JSONCaseReader: Sendable {
    private let facts: Facts

    /// Prepares a reader for `ruleset`'s facts.
    package init(ruleset: CompiledRuleset) {
        facts = Facts(ruleset)
    }

    /// The case on `line`, or nil when the line is not in the simple form (decode it with `CaseDecoder`).
    package func read(_ line: UnsafeBufferPointer<UInt8>, origin: String) -> CaseInput? {
        var input = CaseInput(id: nil, facts: [], origin: origin)
        return read(line, origin: origin, into: &input) ? input : nil
    }

    /// Reads the case on `line` into `input`, reusing its storage (a batch keeps one per thread); false when the
    /// line is not in the simple form, and `input` then holds nothing meaningful.
    package func read(_ line: UnsafeBufferPointer<UInt8>, origin: String, into input: inout CaseInput) -> Bool {
        var cursor = Cursor(line)
        input.origin = origin
        if input.facts.count != facts.count {
            input.facts = [Value](repeating: .unknown, count: facts.count)
        }
        var id: String?
        let read = input.facts.withUnsafeMutableBufferPointer { values in
            Self.reset(values)
            return readCase(&cursor, into: values, id: &id)
        }
        input.id = id
        return read
    }

    /// Makes every value unknown, destroying only values that hold references.
    @inline(__always)
    private static func reset(_ values: UnsafeMutableBufferPointer<Value>) {
        // Never nil: index is an index of the buffer; a hot path.
        // swift-format-ignore: NeverForceUnwrap
        for index in values.indices {
            switch values[index] {
            case .unknown: continue
            case .bool, .number, .interval, .quantity, .symbol: (values.baseAddress! + index).initialize(to: .unknown)
            case .string, .list, .range: values[index] = .unknown
            }
        }
    }

    /// `{"case": "id", "facts": {...}}`, the two keys in either order, `case` optional.
    private func readCase(
        _ cursor: inout Cursor, into values: UnsafeMutableBufferPointer<Value>, id: inout String?
    ) -> Bool {
        // A tab before the opening brace is YAML indentation, which the decoder rejects in a case file: leave
        // such a line to it, so that a batch line and a file with the same text get the same answer.
        if cursor.position < cursor.end, cursor.base[cursor.position] != UInt8(ascii: "{"), Self.tabBeforeBrace(cursor)
        {
            return false
        }
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        var seenCase = false
        var seenFacts = false
        repeat {
            guard cursor.consume(UInt8(ascii: "\"")), let close = cursor.closingQuote(from: cursor.position) else {
                return false
            }
            let start = cursor.position
            cursor.position = close + 1
            guard cursor.consume(UInt8(ascii: ":")) else { return false }
            if close - start == 4, cursor.load32(start) == Words.case {
                guard !seenCase, let text = Self.caseID(&cursor) else { return false }
                seenCase = true
                id = text
            } else if close - start == 5, cursor.load32(start) == Words.fact,
                cursor.base[start + 4] == UInt8(ascii: "s")
            {
                guard !seenFacts, readFacts(&cursor, into: values) else { return false }
                seenFacts = true
            } else {
                return false
            }
        } while cursor.consume(UInt8(ascii: ","))
        return cursor.consume(UInt8(ascii: "}")) && seenFacts && cursor.atEnd
    }

    /// Whether the whitespace before the first other byte of the line holds a tab.
    @inline(never)
    private static func tabBeforeBrace(_ cursor: Cursor) -> Bool {
        var index = cursor.position
        while index < cursor.end, cursor.base[index] == 32 || cursor.base[index] == 9 || cursor.base[index] == 13 {
            if cursor.base[index] == 9 { return true }
            index += 1
        }
        return false
    }

    /// The case id: a string of printable ASCII without escapes (the YAML reader rejects some non-printable
    /// characters that JSON allows).
    private static func caseID(_ cursor: inout Cursor) -> String? {
        guard cursor.consume(UInt8(ascii: "\"")) else { return nil }
        let start = cursor.position
        var index = start
        while index < cursor.end {
            let byte = cursor.base[index]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        guard index < cursor.end else { return nil }
        cursor.position = index + 1
        return String(decoding: UnsafeBufferPointer(start: cursor.base + start, count: index - start), as: UTF8.self)
    }

    /// What a fact given as `null` holds until the end of the facts: not `.unknown`, so that a second value
    /// for it is seen as a duplicate key, and never a value the reader reads.
    private static var nullMark: Value { .interval(lo: Number(scaled: 0), hi: Number(scaled: 0)) }

    private func readFacts(_ line: inout Cursor, into values: UnsafeMutableBufferPointer<Value>) -> Bool {
        // A local copy, so that the position stays in a register.
        var cursor = line
        defer { line = cursor }
        cursor.skipSpace()
        if cursor.consume(word: Words.null) { return true }
        guard cursor.consume(UInt8(ascii: "{")) else { return false }
        if cursor.consume(UInt8(ascii: "}")) { return true }
        var nulls = false
        repeat {
            guard cursor.consume(UInt8(ascii: "\"")), let name = cursor.text(from: cursor.position),
                let index = facts.find(name, in: cursor, owner: -1)
            else { return false }
            cursor.position = name.start + name.count + 1
            guard cursor.consume(UInt8(ascii: ":")) else { return false }
            // Never nil: `find` gives an index of a fact, and there is a slot per fact; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            let slot = values.baseAddress! + index
            // Every slot starts unknown: anything else is a second value for the fact.
            guard case .unknown = slot.pointee else { return false }
            cursor.skipSpace()
            let fact = facts.facts.baseAddress.unsafelyUnwrapped + index
            // Booleans and enums inline, null and the rest (a few per case) after them.
            if fact.pointee.kind == .boolean, let value = cursor.boolean() {
                slot.initialize(to: .bool(value))
            } else if fact.pointee.kind == .enumeration, cursor.consume(UInt8(ascii: "\"")) {
                guard let text = cursor.text(from: cursor.position), let type = fact.pointee.enumType,
                    let ordinal = facts.find(text, in: cursor, owner: Int32(truncatingIfNeeded: index))
                else { return false }
                cursor.position = text.start + text.count + 1
                slot.initialize(to: .symbol(type, ordinal))
            } else if cursor.consume(word: Words.null) {
                slot.initialize(to: Self.nullMark)
                nulls = true
            } else if let after = readNumber(cursor, fact.pointee, into: slot) {
                cursor.position = after
            } else {
                return false
            }
        } while cursor.consume(UInt8(ascii: ","))
        guard cursor.consume(UInt8(ascii: "}")) else { return false }
        if nulls {
            for index in values.indices where values[index] == Self.nullMark { values[index] = .unknown }
        }
        return true
    }

    /// Reads a number or quantity for `fact` at the cursor into `slot`, which holds `.unknown`, and returns the
    /// position after it; nil for anything else.
    @inline(never)
    private func readNumber(_ start: Cursor, _ fact: Fact, into slot: UnsafeMutablePointer<Value>) -> Int? {
        var cursor = start
        switch fact.kind {
        case .integer, .decimal:
            guard let scaled = cursor.number(), fact.kind == .decimal || scaled % Number.scale == 0, fact.allows(scaled)
            else { return nil }
            slot.initialize(to: .number(Number(scaled: scaled)))
        case .quantity:
            guard let quantity = quantity(&cursor, fact), fact.allows(quantity.baseValue.scaled) else { return nil }
            slot.initialize(to: .quantity(quantity))
        case .boolean, .enumeration, .unreadable:
            return nil
        }
        return cursor.position
    }

    /// A quantity written `"<number> <unit>"` in a unit of the fact's dimension.
    private func quantity(_ cursor: inout Cursor, _ fact: Fact) -> Quantity? {
        guard cursor.consume(UInt8(ascii: "\"")), let scaled = cursor.number(), cursor.position < cursor.end,
            cursor.base[cursor.position] == UInt8(ascii: " ")
        else { return nil }
        cursor.position += 1
        guard let symbol = cursor.text(from: cursor.position), symbol.count > 0, symbol.count <= 8 else { return nil }
        for choice in facts.units[Int(fact.units.lowerBound)..<Int(fact.units.upperBound)]
        where choice.count == symbol.count && choice.word == symbol.first {
            let base: Int64
            if choice.multiplier != 0 {
                let (product, overflow) = scaled.multipliedReportingOverflow(by: choice.multiplier)
                guard !overflow, product != Int64.min else { return nil }
                base = product
            } else {
                guard let quantity = try? Quantity(Number(scaled: scaled), choice.unit) else { return nil }
                base = quantity.baseValue.scaled
            }
            cursor.position = symbol.start + symbol.count + 1
            return Quantity(baseValue: Number(scaled: base), unit: choice.unit)
        }
        return nil
    }
}
