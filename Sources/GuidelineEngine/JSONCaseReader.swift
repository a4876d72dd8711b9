import GuidelineCompiler
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GuidelineExpression

/// Reads the common shape of a JSON case line, `{"case": "id", "facts": {"name": value, ...}}`, straight from
/// its bytes into a `CaseInput`, for batch throughput.
///
/// It accepts only what it can read exactly as `CaseDecoder` would (plain strings without escapes, numbers in
/// strict decimal form, declared facts, values of the declared type within range, no duplicate keys). Anything
/// else, valid or not, makes it return nil, and the caller decodes the line with `CaseDecoder`, which gives the
/// same result or the diagnostics. A differential test holds the two to the same answers.
public struct JSONCaseReader: Sendable {
    /// How to read each fact's value, by fact index, in one shared object of flat tables (read per line without
    /// copying or counting references).
    private final class Facts: @unchecked Sendable {
        let types: [FactType]
        let minimums: [Value?]
        let maximums: [Value?]
        /// Every fact name and enum value name, concatenated.
        let arena: UnsafeMutableBufferPointer<UInt8>
        /// Each fact's name in `arena`.
        let names: [Range<Int>]
        /// For enums: where each fact's value names are in `enumNames` (by ordinal).
        let enumRanges: [Range<Int>]
        let enumNames: [Range<Int>]
        /// Open addressing by FNV-1a hash of the name: fact index + 1, or 0 for an empty place.
        let table: [Int32]

        init(_ declarations: [FactDeclaration]) {
            types = declarations.map(\.type)
            minimums = declarations.map(\.minimum)
            maximums = declarations.map(\.maximum)
            var bytes: [UInt8] = []
            func add(_ text: String) -> Range<Int> {
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                return start..<bytes.count
            }
            names = declarations.map { add($0.name) }
            var enumNames: [Range<Int>] = []
            enumRanges = declarations.map { declaration in
                let start = enumNames.count
                if case .enumeration(let type) = declaration.type { enumNames += type.values.map(add) }
                return start..<enumNames.count
            }
            self.enumNames = enumNames
            arena = .allocate(capacity: max(1, bytes.count))
            _ = arena.initialize(from: bytes)
            var size = 16
            while size < declarations.count * 4 { size *= 2 }
            var table = [Int32](repeating: 0, count: size)
            for (index, range) in names.enumerated() {
                var place = Int(JSONCaseReader.hash(UnsafeBufferPointer(rebasing: arena[range])[...]) & UInt64(size - 1))
                while table[place] != 0 { place = (place + 1) & (size - 1) }
                table[place] = Int32(index + 1)
            }
            self.table = table
        }

        deinit { arena.deallocate() }

        var count: Int { types.count }

        /// Whether `range` of the arena holds exactly `bytes`.
        @inline(__always)
        func matches(_ range: Range<Int>, _ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            guard range.count == bytes.count else { return false }
            guard range.count > 0 else { return true }
            return memcmp(arena.baseAddress! + range.lowerBound, bytes.base.baseAddress! + bytes.startIndex, range.count) == 0
        }

        /// The index of the fact named `name`.
        func fact(named name: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            let mask = table.count - 1
            var place = Int(JSONCaseReader.hash(name) & UInt64(mask))
            while table[place] != 0 {
                let index = Int(table[place]) - 1
                if matches(names[index], name) { return index }
                place = (place + 1) & mask
            }
            return nil
        }

        /// The ordinal of enum fact `fact`'s value `text`.
        func ordinal(_ fact: Int, _ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            let range = enumRanges[fact]
            for position in range where matches(enumNames[position], text) { return position - range.lowerBound }
            return nil
        }
    }

    private let facts: Facts
    /// Every unit, and its symbol's bytes in `unitSymbols`.
    private let units: [(symbol: Range<Int>, unit: Unit)]
    private let unitSymbols: [UInt8]

    /// Prepares a reader for `ruleset`'s facts.
    public init(ruleset: CompiledRuleset) {
        facts = Facts(ruleset.facts)
        var symbols: [UInt8] = []
        units = Unit.all.map { unit in
            let start = symbols.count
            symbols.append(contentsOf: unit.symbol.utf8)
            return (start..<symbols.count, unit)
        }
        unitSymbols = symbols
    }

    /// The case on `line`, or nil when the line is not in the simple form (decode it with `CaseDecoder`).
    public func read(_ line: UnsafeBufferPointer<UInt8>, origin: String) -> CaseInput? {
        var input = CaseInput(id: nil, facts: [], origin: origin)
        return read(line, origin: origin, into: &input) ? input : nil
    }

    /// Reads the case on `line` into `input`, reusing its storage (a batch keeps one per thread); false when the
    /// line is not in the simple form, and `input` then holds nothing meaningful.
    public func read(_ line: UnsafeBufferPointer<UInt8>, origin: String, into input: inout CaseInput) -> Bool {
        var parser = Parser(bytes: line)
        input.id = nil
        input.origin = origin
        if input.facts.count == facts.count {
            input.facts.withUnsafeMutableBufferPointer { $0.update(repeating: .unknown) }
        } else {
            input.facts = [Value](repeating: .unknown, count: facts.count)
        }
        var seenCase = false
        var seenFacts = false
        guard parser.consume(UInt8(ascii: "{")) else { return false }
        if parser.consume(UInt8(ascii: "}")) { return false }  // no facts: let the decoder say so
        repeat {
            guard let key = parser.string() else { return false }
            guard parser.consume(UInt8(ascii: ":")) else { return false }
            if equal(key, "case") {
                // Plain ASCII only: the YAML reader rejects some non-printable characters that JSON allows.
                guard !seenCase, let text = parser.string(), text.allSatisfy({ $0 < 0x7F }),
                      let valid = String(validating: text, as: UTF8.self)
                else { return false }
                seenCase = true
                input.id = valid
            } else if equal(key, "facts") {
                guard !seenFacts, input.facts.withUnsafeMutableBufferPointer({ readFacts(&parser, into: $0) }) else { return false }
                seenFacts = true
            } else {
                return false
            }
        } while parser.consume(UInt8(ascii: ","))
        return parser.consume(UInt8(ascii: "}")) && seenFacts && parser.atEnd
    }

    private func readFacts(_ parser: inout Parser, into values: UnsafeMutableBufferPointer<Value>) -> Bool {
        if parser.literal("null") { return true }
        guard parser.consume(UInt8(ascii: "{")) else { return false }
        if parser.consume(UInt8(ascii: "}")) { return true }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: facts.count) { seen in
            seen.initialize(repeating: false)
            repeat {
                guard let name = parser.string(), let slot = facts.fact(named: name), !seen[slot], parser.consume(UInt8(ascii: ":"))
                else { return false }
                seen[slot] = true
                if parser.literal("null") { continue }
                guard let value = readValue(&parser, slot) else { return false }
                values[slot] = value
            } while parser.consume(UInt8(ascii: ","))
            return parser.consume(UInt8(ascii: "}"))
        }
    }

    private func readValue(_ parser: inout Parser, _ fact: Int) -> Value? {
        let value: Value
        let type = facts.types[fact]
        switch type {
        case .boolean:
            if parser.literal("true") { value = .bool(true) } else if parser.literal("false") { value = .bool(false) } else { return nil }
        case .integer, .decimal:
            guard let token = parser.number(), let number = Self.number(token) else { return nil }
            if case .integer = type, !number.isInteger { return nil }
            value = .number(number)
        case .quantity(let declared):
            guard let text = parser.string(), let space = text.firstIndex(of: UInt8(ascii: " ")),
                  let number = Self.number(text[..<space])
            else { return nil }
            let symbol = text[(space + 1)...]
            guard let unit = unit(symbol), unit.dimension == declared.dimension,
                  let quantity = try? Quantity(number, unit)
            else { return nil }
            value = .quantity(quantity)
        case .enumeration(let enumType):
            guard let text = parser.string(), let ordinal = facts.ordinal(fact, text) else { return nil }
            value = .symbol(enumType, ordinal)
        }
        if let low = facts.minimums[fact], let order = FactValueReader.order(value, low), order < 0 { return nil }
        if let high = facts.maximums[fact], let order = FactValueReader.order(value, high), order > 0 { return nil }
        return value
    }

    /// The unit whose symbol is `symbol`.
    private func unit(_ symbol: Slice<UnsafeBufferPointer<UInt8>>) -> Unit? {
        unitSymbols.withUnsafeBufferPointer { all in
            for candidate in units where candidate.symbol.count == symbol.count
                && memcmp(all.baseAddress! + candidate.symbol.lowerBound, symbol.base.baseAddress! + symbol.startIndex, symbol.count) == 0 {
                return candidate.unit
            }
            return nil
        }
    }

    private func equal(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { bytes.elementsEqual($0) }
    }

    /// Strict decimal: optional `-`, `0` or digits not starting with `0`, optional `.` and 1 to 6 digits.
    static func number(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Number? {
        var position = token.startIndex
        let end = token.endIndex
        var negative = false
        if position < end, token[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let wholeStart = position
        var whole: Int64 = 0
        while position < end, let digit = digit(token[position]) {
            let (m, o1) = whole.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            whole = a
            position += 1
        }
        let wholeDigits = position - wholeStart
        guard wholeDigits > 0, !(wholeDigits > 1 && token[wholeStart] == UInt8(ascii: "0")) else { return nil }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if position < end, token[position] == UInt8(ascii: ".") {
            position += 1
            while position < end, let digit = digit(token[position]) {
                fractionDigits += 1
                guard fractionDigits <= Number.decimalPlaces else { return nil }
                fraction = fraction * 10 + digit
                position += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        guard position == end else { return nil }
        for _ in fractionDigits..<Number.decimalPlaces { fraction *= 10 }
        let (m, o1) = whole.multipliedReportingOverflow(by: Number.scale)
        let (scaled, o2) = m.addingReportingOverflow(fraction)
        guard !o1, !o2, scaled != Int64.min else { return nil }
        return Number(scaled: negative ? -scaled : scaled)
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    /// A hash of a name from its length and its first and last eight bytes (two loads, not a loop over every
    /// byte): fact names are distinct enough there, and a collision only costs a comparison.
    @inline(__always)
    static func hash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        let count = bytes.count
        guard count > 0, let base = bytes.base.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
        let start = base + bytes.startIndex
        let head: UInt64
        let tail: UInt64
        if count >= 8 {
            head = UnsafeRawPointer(start).loadUnaligned(as: UInt64.self)
            tail = UnsafeRawPointer(start + count - 8).loadUnaligned(as: UInt64.self)
        } else {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(start[index]) << (8 * UInt64(index)) }
            head = word
            tail = 0
        }
        var hash = (head ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (tail &* 0xC2B2_AE3D_27D4_EB4F) >> 7
        return hash ^ (hash >> 29)
    }

    /// A cursor over one line's bytes.
    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool {
            mutating get {
                skipSpace()
                return position == bytes.count
            }
        }

        mutating func skipSpace() {
            while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 || bytes[position] == 13 { position += 1 }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func literal(_ word: StaticString) -> Bool {
            skipSpace()
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count, bytes[position] == word.utf8Start[0],
                  memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
            else { return false }
            // The literal must end there (`trueish` is not `true`).
            let next = position + count
            if next < bytes.count, Self.isWordByte(bytes[next]) { return false }
            position = next
            return true
        }

        /// A string without escapes or control characters; its content.
        mutating func string() -> Slice<UnsafeBufferPointer<UInt8>>? {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let start = position + 1
            var end = start
            // Eight bytes at a time while none of them ends the string or needs a closer look.
            while end + 8 <= bytes.count,
                  !ByteBuffer.mayNeedEscaping(UnsafeRawPointer(bytes.baseAddress! + end).loadUnaligned(as: UInt64.self)) {
                end += 8
            }
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            position = end + 1
            return bytes[start..<end]
        }

        /// A number token: its bytes (checked by `JSONCaseReader.number`).
        mutating func number() -> Slice<UnsafeBufferPointer<UInt8>>? {
            skipSpace()
            let start = position
            while position < bytes.count, Self.isWordByte(bytes[position]) || bytes[position] == UInt8(ascii: "-")
                || bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: "+") {
                position += 1
            }
            return position > start ? bytes[start..<position] : nil
        }

        static func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
    }
}
