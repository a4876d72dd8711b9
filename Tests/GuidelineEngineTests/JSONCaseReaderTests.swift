import GuidelineCompiler
import GuidelineExpression
import Testing

@testable import GuidelineEngine

/// The fast JSON case reader against `CaseDecoder` on a ruleset made to reach its edges: names shorter than
/// eight bytes and longer than sixteen, names and enum values sharing their first sixteen bytes, bounds with
/// fractions, units whose factor is not whole, nulls, duplicates and lines read one after another into one case.
@Suite struct JSONCaseReaderTests {
    static let rules = """
        facts:
          a:
            type: boolean
            description: a name shorter than eight bytes
          s.level:
            type: enum
            ordered: true
            values: [occiput, C1, C2, T12, L1, a-value-longer-than-sixteen, a-value-longer-than-sixteen-bytes-too]
            description: level
          neuro.cord_compression:
            type: boolean
            description: shares its first sixteen bytes with the next
          neuro.cord_compression_treated:
            type: boolean
            description: shares its first sixteen bytes with the one before
          patient.a_rather_long_name_of_a_decimal_fact:
            type: decimal
            range: -1.5..2.25
            description: a long name and bounds with fractions
          p.life:
            type: quantity
            unit: mo
            range: 0 mo..1200 mo
            description: life expectancy
          m.dose:
            type: quantity
            unit: mg
            range: 0.5 mg..2 g
            description: a dose, in units whose factor is not always whole
          v.volume:
            type: quantity
            unit: mL
            description: a volume without bounds
          p.fractions:
            type: integer
            range: 1..40
            description: fractions
        rules:
          - id: anything
            when: >-
              a or s.level == T12 or neuro.cord_compression or neuro.cord_compression_treated
              or patient.a_rather_long_name_of_a_decimal_fact > 0 or p.life >= 3 mo or m.dose > 1 mg
              or v.volume > 1 mL or p.fractions > 1
            recommend:
              - {action: act, kind: recommended, text: something}
            cite: [src]
        """

    /// Values to try for each fact, valid and not.
    static let pools: [(name: String, values: [String])] = [
        ("a", ["true", "false", "null", "\"true\"", "1", "tru", "falsey", "nul"]),
        (
            "s.level",
            [
                "\"occiput\"", "\"C1\"", "\"C2\"", "\"T12\"", "\"L1\"", "\"a-value-longer-than-sixteen\"",
                "\"a-value-longer-than-sixteen-bytes-too\"", "\"a-value-longer-than-sixteen-bytes-to\"",
                "\"a-value-longer-than-sixteen-\"", "\"c1\"", "\"T13\"", "\"T1\\u0032\"", "\"\"", "null", "5",
            ]
        ),
        ("neuro.cord_compression", ["true", "false", "null"]),
        ("neuro.cord_compression_treated", ["true", "false", "null"]),
        (
            "patient.a_rather_long_name_of_a_decimal_fact",
            [
                "0", "-1.5", "-1.500001", "2.25", "2.250001", "1.123456", "1.1234567", "-0", "00", "1e0", ".5", "2.",
                "-", "null", "\"1\"",
            ]
        ),
        (
            "p.life",
            [
                "\"6 mo\"", "\"100 a\"", "\"101 a\"", "\"0 s\"", "\"-1 d\"", "\"6 Gy\"", "\"6mo\"", "\"6  mo\"",
                "\"1200 mo\"",
                "\"1200.000001 mo\"", "\"3.5 wk\"", "\"6 mo \"", "\"9999999999999 a\"", "null",
            ]
        ),
        (
            "m.dose",
            [
                "\"0.5 mg\"", "\"0.499999 mg\"", "\"500 ug\"", "\"499.999 ug\"", "\"499.9995 ug\"", "\"1.5 ug\"",
                "\"0.0001 ug\"",
                "\"2 g\"", "\"2.000001 g\"", "\"0.001 kg\"", "\"1 mL\"", "null",
            ]
        ),
        (
            "v.volume",
            [
                "\"1 uL\"", "\"0.001 uL\"", "\"0.0005 uL\"", "\"1 L\"", "\"3 dL\"", "\"5 mL\"", "\"-5 mL\"", "\"5 mg\"",
                "\"5 ML\"",
            ]
        ),
        (
            "p.fractions",
            ["1", "40", "0", "41", "1.0", "1.5", "15", "-3", "null", "9999999999999", "99999999999999999999", "1 "]
        ),
    ]

    /// Lines of random facts in random order with random values, now and then a duplicate key, odd spacing, a
    /// missing or late id.
    static func lines(count: Int) -> [String] {
        var generator = ByteBufferTests.Generator(state: 42)
        var lines: [String] = []
        for number in 0..<count {
            var pairs: [String] = []
            for pool in pools.shuffled(using: &generator) where generator.next(3) > 0 {
                pairs.append("\"\(pool.name)\":\(pool.values[generator.next(pool.values.count)])")
                if generator.next(40) == 0 {
                    pairs.append("\"\(pool.name)\":\(pool.values[generator.next(pool.values.count)])")
                }
            }
            let separator = generator.next(10) == 0 ? " , " : ","
            let facts = "\"facts\":{" + pairs.joined(separator: separator) + "}"
            switch generator.next(8) {
            case 0: lines.append("{" + facts + "}")
            case 1: lines.append("{" + facts + ",\"case\":\"late-\(number)\"}")
            case 2: lines.append("{ \"case\" : \"c\(number)\" ,\t" + facts + " }")
            default: lines.append("{\"case\":\"c\(number)\"," + facts + "}")
            }
        }
        return lines
    }

    @Test func readsWhatTheDecoderReadsLineAfterLine() throws {
        let ruleset = try makeRuleset(Self.rules, actions: ["act"])
        let reader = JSONCaseReader(ruleset: ruleset)
        let decoder = CaseDecoder(ruleset: ruleset)
        var reused = CaseInput(id: "stale", facts: [.string("stale")], origin: "")
        var fast = 0
        for line in Self.lines(count: 3000) {
            let bytes = Array(line.utf8)
            let fresh = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") }
            let read = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t", into: &reused) }
            #expect(read == (fresh != nil), "\(line)")
            guard let fresh else { continue }
            fast += 1
            let input = try #require(
                decoder.decode(bytes: bytes, file: "t").input, "read fast but the decoder rejects: \(line)")
            #expect(fresh.id == input.id && fresh.facts == input.facts, "\(line)")
            #expect(reused.id == input.id && reused.facts == input.facts && reused.origin == "t", "\(line)")
        }
        #expect(fast > 100, "only \(fast) lines read fast")
    }

    /// Every valid value in the simple form is read fast, alone and after a line with every fact (escapes and
    /// quantities with extra spaces, which the decoder trims, go the slow way).
    @Test func readsEveryEdgeValueFast() throws {
        let ruleset = try makeRuleset(Self.rules, actions: ["act"])
        let reader = JSONCaseReader(ruleset: ruleset)
        let decoder = CaseDecoder(ruleset: ruleset)
        let full =
            "{\"case\":\"full\",\"facts\":{\"a\":true,\"s.level\":\"T12\",\"neuro.cord_compression\":true,"
            + "\"neuro.cord_compression_treated\":false,\"patient.a_rather_long_name_of_a_decimal_fact\":1.5,\"p.life\":\"6 mo\","
            + "\"m.dose\":\"1 g\",\"v.volume\":\"5 mL\",\"p.fractions\":3}}"
        var reused = CaseInput(id: nil, facts: [], origin: "")
        for pool in Self.pools {
            for value in pool.values {
                let line = "{\"case\":\"one\",\"facts\":{\"\(pool.name)\":\(value)}}"
                let bytes = Array(line.utf8)
                guard let input = decoder.decode(bytes: bytes, file: "t").input, !value.contains("\\"),
                    !value.contains("  "), !value.hasSuffix(" "),
                    !value.hasSuffix(" \"")
                else { continue }
                #expect(Array(full.utf8).withUnsafeBufferPointer { reader.read($0, origin: "t", into: &reused) })
                #expect(
                    bytes.withUnsafeBufferPointer { reader.read($0, origin: "t", into: &reused) },
                    "not read fast: \(line)")
                #expect(reused.facts == input.facts, "\(line)")
            }
        }
    }

    /// A fact given as null is unknown, and a second value for it (before or after) is a duplicate key.
    @Test func nullIsUnknownAndCountsAsAValue() throws {
        let ruleset = try makeRuleset(Self.rules, actions: ["act"])
        let reader = JSONCaseReader(ruleset: ruleset)
        func read(_ line: String) -> CaseInput? {
            Array(line.utf8).withUnsafeBufferPointer { reader.read($0, origin: "t") }
        }
        let input = try #require(read("{\"facts\":{\"a\":null,\"p.fractions\":null,\"s.level\":\"C1\"}}"))
        #expect(input.facts.filter { $0 != .unknown }.count == 1)
        #expect(read("{\"facts\":{\"a\":null,\"a\":true}}") == nil)
        #expect(read("{\"facts\":{\"a\":true,\"a\":null}}") == nil)
        #expect(read("{\"facts\":{\"p.fractions\":null,\"p.fractions\":null}}") == nil)
    }

    /// A ruleset without facts reads a case to no values, as the decoder does.
    @Test func rulesetWithoutFacts() throws {
        let rules = """
            rules:
              - id: always
                when: 1 < 2
                recommend:
                  - {action: act, kind: recommended, text: something}
                cite: [src]
            """
        let ruleset = try makeRuleset(rules, actions: ["act"])
        let reader = JSONCaseReader(ruleset: ruleset)
        let bytes = Array("{\"case\":\"none\",\"facts\":{}}".utf8)
        let input = try #require(bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") })
        let decoded = try #require(CaseDecoder(ruleset: ruleset).decode(bytes: bytes, file: "t").input)
        #expect(input.facts == decoded.facts && input.facts.isEmpty && input.id == "none")
        #expect(Array("{\"facts\":{\"a\":true}}".utf8).withUnsafeBufferPointer { reader.read($0, origin: "t") } == nil)
    }

    /// The four-byte words the reader compares lines with spell their text.
    @Test func wordsSpellTheirText() {
        func word(_ text: String) -> UInt32 {
            text.utf8.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        }
        #expect(JSONCaseReader.Words.true == word("true"))
        #expect(JSONCaseReader.Words.fals == word("fals"))
        #expect(JSONCaseReader.Words.null == word("null"))
        #expect(JSONCaseReader.Words.case == word("case"))
        #expect(JSONCaseReader.Words.fact == word("fact"))
    }
}

extension ByteBufferTests.Generator {
    /// A number below `bound`.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
