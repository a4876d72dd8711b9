import GuidelineCompiler
import GuidelineExpression

extension JSONCaseReader {
    /// What the reader does with a fact's value.
    enum Kind: UInt8 {
        case boolean, integer, decimal, quantity, enumeration
        /// Never read here (the decoder reads it).
        case unreadable
    }

    /// One fact's reading rules as plain data, so that reading a value copies no `FactType` or `Value`.
    struct Fact {
        var kind: Kind
        /// Whether the declared minimum and maximum apply to the values read (`FactValueReader.order` orders
        /// the value and the bound), and the bounds as `Number.scaled` (a quantity's in base units).
        var checksLow = false
        var checksHigh = false
        var low: Int64 = 0
        var high: Int64 = 0
        /// For enums, the type.
        var enumType: EnumType?
        /// For quantities: the units of the declared dimension, in `Facts.units`.
        var units: Range<Int32> = 0..<0
    }

    /// A unit a quantity fact may be written in.
    struct UnitChoice {
        /// The symbol as `Key` words hold it (every symbol has at most eight bytes), and its length.
        var word: UInt64
        var count: Int
        var unit: Unit
        /// The whole number of base units in one unit, or 0 when that is not whole (then `Quantity` converts).
        var multiplier: Int64
    }

    /// A fact name (owner -1, value the fact's index) or an enum value (owner the fact's index, value the
    /// ordinal): its length, first and last eight bytes, and where it is in the arena.
    struct Key {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        /// 0 for an empty place of the table.
        var count: Int32 = 0
        var owner: Int32 = 0
        var value: Int32 = 0
        var offset: Int32 = 0

        /// The low `count` bytes of a word (`count` below eight).
        @inline(__always)
        static func mask(_ count: Int) -> UInt64 {
            count == 0 ? 0 : UInt64.max &>> UInt64(64 - 8 * count)
        }

        @inline(__always)
        static func hash(_ head: UInt64, _ tail: UInt64, _ count: Int, _ owner: Int32) -> UInt64 {
            var hash = head &* 0x9E37_79B9_7F4A_7C15
            hash ^= tail &+ UInt64(truncatingIfNeeded: count) &+ (UInt64(truncatingIfNeeded: owner) << 32)
            return hash &* 0xC2B2_AE3D_27D4_EB4F
        }
    }

    /// The reading rules of every fact, and one open-addressing table of fact names and enum values, in
    /// memory this object owns (read per line without copying or counting references).
    final class Facts: @unchecked Sendable {
        let facts: UnsafeMutableBufferPointer<Fact>
        let units: UnsafeMutableBufferPointer<UnitChoice>
        let keys: UnsafeMutableBufferPointer<Key>
        /// Every name and value in `keys`, concatenated.
        let arena: UnsafeMutableBufferPointer<UInt8>
        /// The table size is `1 << (64 - shift)`.
        let shift: UInt64

        init(_ ruleset: CompiledRuleset) {
            let declarations = ruleset.facts
            var facts: [Fact] = []
            var units: [UnitChoice] = []
            var entries: [(text: String, owner: Int32, value: Int32)] = []
            for (index, declaration) in declarations.enumerated() {
                // Only a name the decoder finds at this slot, and only enum values it reads as this ordinal.
                if ruleset.factSlot(declaration.name) == index { entries.append((declaration.name, -1, Int32(index))) }
                var fact = Fact(kind: .unreadable)
                switch declaration.type {
                case .boolean: fact.kind = .boolean
                case .integer: fact.kind = .integer
                case .decimal: fact.kind = .decimal
                case .quantity(let declared):
                    fact.kind = .quantity
                    let start = Int32(units.count)
                    for unit in Unit.all where unit.dimension == declared.dimension && Self.plain(unit.symbol) && unit.symbol.utf8.count <= 8 {
                        let (word, _) = Self.words(Array(unit.symbol.utf8))
                        let factor = unit.factor.scaled
                        let multiplier = factor % Number.scale == 0 ? factor / Number.scale : 0
                        units.append(UnitChoice(word: word, count: unit.symbol.utf8.count, unit: unit, multiplier: multiplier))
                    }
                    fact.units = start..<Int32(units.count)
                case .enumeration(let type):
                    fact.kind = .enumeration
                    fact.enumType = type
                    for (ordinal, value) in type.values.enumerated() where type.values.firstIndex(of: value) == ordinal {
                        entries.append((value, Int32(index), Int32(ordinal)))
                    }
                }
                (fact.checksLow, fact.low) = Self.bound(declaration.minimum, declaration.type)
                (fact.checksHigh, fact.high) = Self.bound(declaration.maximum, declaration.type)
                facts.append(fact)
            }
            self.facts = .allocate(capacity: max(1, facts.count))
            _ = self.facts.initialize(from: facts)
            self.units = .allocate(capacity: max(1, units.count))
            _ = self.units.initialize(from: units)

            entries.removeAll { $0.text.isEmpty || !Self.plain($0.text) }
            var bytes: [UInt8] = []
            var size = 16
            while size < entries.count * 2 { size *= 2 }
            var table = [Key](repeating: Key(), count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
            for entry in entries {
                let text = Array(entry.text.utf8)
                let (head, tail) = Self.words(text)
                let key = Key(head: head, tail: tail, count: Int32(text.count), owner: entry.owner, value: entry.value, offset: Int32(bytes.count))
                bytes += text
                var place = Int(Key.hash(head, tail, text.count, entry.owner) >> shift)
                while table[place].count != 0 { place = (place + 1) & (size - 1) }
                table[place] = key
            }
            keys = .allocate(capacity: size)
            _ = keys.initialize(from: table)
            arena = .allocate(capacity: max(1, bytes.count))
            _ = arena.initialize(from: bytes)
        }

        deinit {
            facts.deallocate()
            units.deallocate()
            keys.deallocate()
            arena.deallocate()
        }

        var count: Int { facts.count }

        /// The value of the key `owner` holds for the `count` bytes at `start` of `cursor`'s line (whose
        /// first and last words are `words`), or nil.
        @inline(__always)
        func find(_ cursor: Cursor, _ start: Int, _ count: Int, _ words: (head: UInt64, tail: UInt64), owner: Int32) -> Int? {
            let mask = keys.count - 1
            var place = Int(Key.hash(words.head, words.tail, count, owner) >> shift)
            while true {
                let key = keys[place]
                if key.count == 0 { return nil }
                if key.head == words.head, key.tail == words.tail, Int(key.count) == count, key.owner == owner,
                   count <= 16 || middleMatches(key, cursor, start) {
                    return Int(key.value)
                }
                place = (place + 1) & mask
            }
        }

        /// Whether the bytes between the first and last eight of `key` and of the line at `start` are equal.
        private func middleMatches(_ key: Key, _ cursor: Cursor, _ start: Int) -> Bool {
            let stored = UnsafeRawPointer(arena.baseAddress! + Int(key.offset))
            let line = UnsafeRawPointer(cursor.base + start)
            var index = 8
            let last = Int(key.count) - 8
            while index < last {
                if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self) != line.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index += 8
            }
            return true
        }

        /// Whether `text` is printable ASCII without `"` or `\`: only such names and values are matched
        /// byte for byte (anything else goes through the decoder).
        private static func plain(_ text: String) -> Bool {
            text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }

        /// `Key`'s words of `bytes`.
        private static func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
            func word(_ slice: ArraySlice<UInt8>) -> UInt64 {
                var word: UInt64 = 0
                for (shift, byte) in slice.enumerated() { word |= UInt64(byte) << (8 * UInt64(shift)) }
                return word
            }
            if bytes.count >= 8 { return (word(bytes.prefix(8)), word(bytes.suffix(8))) }
            return (word(bytes[...]), 0)
        }

        /// Whether `FactValueReader.order` compares a value of `type` with `bound`, and the bound's scaled value.
        private static func bound(_ bound: Value?, _ type: FactType) -> (Bool, Int64) {
            switch (type, bound) {
            case (.integer, .number(let number)?), (.decimal, .number(let number)?): (true, number.scaled)
            case (.quantity(let declared), .quantity(let quantity)?) where quantity.dimension == declared.dimension:
                (true, quantity.baseValue.scaled)
            default: (false, 0)
            }
        }
    }
}

extension JSONCaseReader.Fact {
    /// Whether a value of `scaled` (a quantity's in base units) is within the bounds that apply.
    @inline(__always)
    func allows(_ scaled: Int64) -> Bool {
        (!checksLow || scaled >= low) && (!checksHigh || scaled <= high)
    }
}
