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
        /// The symbol as `Text.first` holds it (every symbol has at most eight bytes), and its length.
        var word: UInt64
        var count: Int
        var unit: Unit
        /// The whole number of base units in one unit, or 0 when that is not whole (then `Quantity` converts).
        var multiplier: Int64
    }

    /// A fact name (owner -1, value the fact's index) or an enum value (owner the fact's index, value the
    /// ordinal): its first sixteen bytes as `Text` holds them, its length and owner, and where it is in the arena.
    struct Key {
        var first: UInt64 = 0
        var second: UInt64 = 0
        /// `Key.tag(count, owner)`; 0 for an empty place of the table, which no tag is (so an empty text, of
        /// length 0, never matches an empty place).
        var tag: UInt64 = 0
        var value: Int32 = 0
        var offset: Int32 = 0

        /// The length in the low 32 bits, and the owner plus two (fact names 1, enum values 2 and up) in the high
        /// ones, so that a tag is never 0: with the owner alone, the empty text of the first fact's values had
        /// the tag of an empty place, and `""` was read as that fact's first value.
        @inline(__always)
        static func tag(_ count: Int, _ owner: Int32) -> UInt64 {
            UInt64(UInt32(truncatingIfNeeded: count)) | UInt64(UInt32(bitPattern: owner &+ 2)) << 32
        }

        @inline(__always)
        static func hash(_ first: UInt64, _ second: UInt64, _ tag: UInt64) -> UInt64 {
            (first ^ (second &* 0x9E37_79B9_7F4A_7C15) ^ tag) &* 0xC2B2_AE3D_27D4_EB4F
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
        /// The table size is `1 << (64 - shift)`, and `mask` is the size less one.
        let shift: UInt64
        let mask: Int

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
                    for unit in Unit.all
                    where unit.dimension == declared.dimension && Self.plain(unit.symbol) && unit.symbol.utf8.count <= 8
                    {
                        let (word, _) = Self.words(Array(unit.symbol.utf8))
                        let factor = unit.factor.scaled
                        let multiplier = factor % Number.scale == 0 ? factor / Number.scale : 0
                        units.append(
                            UnitChoice(word: word, count: unit.symbol.utf8.count, unit: unit, multiplier: multiplier))
                    }
                    fact.units = start..<Int32(units.count)
                case .enumeration(let type):
                    fact.kind = .enumeration
                    fact.enumType = type
                    for (ordinal, value) in type.values.enumerated() where type.values.firstIndex(of: value) == ordinal
                    {
                        entries.append((value, Int32(index), Int32(ordinal)))
                    }
                }
                (fact.checksLow, fact.low) = Self.bound(declaration.minimum, declaration.type)
                (fact.checksHigh, fact.high) = Self.bound(declaration.maximum, declaration.type)
                facts.append(fact)
            }
            count = facts.count
            self.facts = .allocate(capacity: max(1, facts.count))
            _ = self.facts.initialize(from: facts)
            self.units = .allocate(capacity: max(1, units.count))
            _ = self.units.initialize(from: units)

            entries.removeAll { $0.text.isEmpty || !Self.plain($0.text) }
            var bytes: [UInt8] = []
            // At most a quarter full, so that nearly every name is found at its first place.
            var size = 16
            while size < entries.count * 4 { size *= 2 }
            var table = [Key](repeating: Key(), count: size)
            shift = UInt64(64 - size.trailingZeroBitCount)
            mask = size - 1
            for entry in entries {
                let text = Array(entry.text.utf8)
                let (first, second) = Self.words(text)
                let key = Key(
                    first: first, second: second, tag: Key.tag(text.count, entry.owner), value: entry.value,
                    offset: Int32(bytes.count))
                bytes += text
                var place = Int(truncatingIfNeeded: Key.hash(first, second, key.tag) &>> shift)
                while table[place].tag != 0 { place = (place + 1) & (size - 1) }
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

        /// How many facts the ruleset declares (`facts` holds at least one place, even for none).
        let count: Int

        /// The value of the key `owner` holds for `text` of `cursor`'s line, or nil.
        @inline(__always)
        func find(_ text: Text, in cursor: Cursor, owner: Int32) -> Int? {
            let tag = Key.tag(text.count, owner)
            var place = Int(truncatingIfNeeded: Key.hash(text.first, text.second, tag) &>> shift)
            while true {
                let key = keys[place]
                if key.tag == tag, key.first == text.first, key.second == text.second,
                    text.count <= 16 || restMatches(key, text, cursor)
                {
                    return Int(key.value)
                }
                if key.tag == 0 { return nil }
                place = (place + 1) & mask
            }
        }

        /// Whether the bytes after the first sixteen of `key` and of `text` (both longer) are equal.
        private func restMatches(_ key: Key, _ text: Text, _ cursor: Cursor) -> Bool {
            // Never nil: the arena is allocated with at least one byte; a hot path.
            // swift-format-ignore: NeverForceUnwrap
            let stored = UnsafeRawPointer(arena.baseAddress! + Int(key.offset))
            let line = UnsafeRawPointer(cursor.base + text.start)
            var index = 16
            // Whole words, then the last eight bytes (overlapping what came before).
            while index + 8 < text.count {
                if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != line.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                {
                    return false
                }
                index += 8
            }
            let last = text.count - 8
            return stored.loadUnaligned(fromByteOffset: last, as: UInt64.self)
                == line.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        }

        /// Whether `text` is printable ASCII without `"` or `\`: only such names and values are matched
        /// byte for byte (anything else goes through the decoder).
        private static func plain(_ text: String) -> Bool {
            text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }

        /// The first sixteen bytes of `bytes` as `Text` holds them.
        private static func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
            var words: (UInt64, UInt64) = (0, 0)
            for (index, byte) in bytes.prefix(16).enumerated() {
                if index < 8 {
                    words.0 |= UInt64(byte) << (8 * UInt64(index))
                } else {
                    words.1 |= UInt64(byte) << (8 * UInt64(index - 8))
                }
            }
            return words
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
