import GuidelineCompiler
import GuidelineExpression
import Testing

@testable import GuidelineEngine

/// The fast JSON case reader against `CaseDecoder` on edge values generated for every fact of a ruleset: empty
/// and blank strings, every enum value and near misses of the first and last ones, literals of every kind,
/// each alone and after another fact. Whatever the reader takes, the decoder takes with the same values; what
/// the decoder rejects, the reader rejects (issue 21: `"spine.level": ""` was read as `occiput`, the first
/// fact's first value, because an empty text had the tag of an empty place of the reader's table).
@Suite struct JSONCaseReaderEdgeTests {
    /// A ruleset whose first fact is an enum, and whose second enum shares a value with it.
    static let enumFirst = """
        facts:
          e.first:
            type: enum
            values: [alpha, beta, a-value-longer-than-sixteen-bytes]
            description: the first fact, an enum
          e.second:
            type: enum
            values: [beta, gamma]
            description: another enum
          b.flag:
            type: boolean
            description: a boolean
          n.count:
            type: integer
            range: 0..10
            description: an integer
          q.time:
            type: quantity
            unit: mo
            range: 0 mo..12 mo
            description: a quantity
        rules:
          - id: anything
            when: e.first == alpha or e.second == gamma or b.flag or n.count > 1 or q.time > 1 mo
            recommend:
              - {action: act, kind: recommended, text: something}
            cite: [src]
        """

    /// Edge values for `fact`, as JSON text.
    static func values(for fact: FactDeclaration) -> [String] {
        var values = [
            "\"\"", "\" \"", "\"\\u0000\"", "null", "true", "false", "0", "1", "-1", "\"0\"", "\"x\"", "{}", "[]",
        ]
        switch fact.type {
        case .enumeration(let type):
            values += type.values.map { "\"\($0)\"" }
            for value in [type.values.first, type.values.last].compactMap({ $0 }) {
                values += [
                    "\"\(value)x\"", "\"\(value.dropLast())\"", "\"\(value.uppercased())\"", "\" \(value)\"",
                    "\"\(value) \"",
                ]
            }
        case .quantity(let unit):
            values += [
                "\"1 \(unit.symbol)\"", "\"0 \(unit.symbol)\"", "\"\(unit.symbol)\"", "\" \(unit.symbol)\"", "\"1\"",
            ]
        case .integer, .decimal:
            values += ["2", "1.5", "\"2\"", "999999"]
        case .boolean:
            values += ["\"true\""]
        }
        return values
    }

    /// Checks every generated line of `ruleset`; returns how many lines the reader took.
    @discardableResult
    static func check(_ ruleset: CompiledRuleset) throws -> Int {
        let reader = JSONCaseReader(ruleset: ruleset)
        let decoder = CaseDecoder(ruleset: ruleset)
        var taken = 0
        var lines: [String] = ["{\"facts\":{\"\":true}}", "{\"facts\":{\"\":\"\"}}", "{\"case\":\"\",\"facts\":{}}"]
        for (index, fact) in ruleset.facts.enumerated() {
            let other = ruleset.facts[(index + 1) % ruleset.facts.count].name
            for value in values(for: fact) {
                lines.append("{\"case\":\"e\",\"facts\":{\"\(fact.name)\":\(value)}}")
                lines.append("{\"facts\":{\"\(other)\":null,\"\(fact.name)\":\(value)}}")
            }
        }
        for line in lines {
            let bytes = Array(line.utf8)
            let fast = bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") }
            let decoded = decoder.decode(bytes: bytes, file: "t").input
            if let fast {
                taken += 1
                let input = try #require(decoded, "read fast but the decoder rejects: \(line)")
                #expect(fast.id == input.id && fast.facts == input.facts, "\(line)")
            }
        }
        return taken
    }

    @Test func firstFactIsAnEnum() throws {
        let taken = try Self.check(try makeRuleset(Self.enumFirst, actions: ["act"]))
        #expect(taken > 20)
    }

    @Test func bundledGuideline() throws {
        let taken = try Self.check(try loadRuleset(directory: bundledRulesetPath))
        #expect(taken > 100)
    }

    /// The reported case itself: an empty string for the bundled guideline's first fact.
    @Test func emptyStringForTheFirstFactIsNotItsFirstValue() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let first = ruleset.facts[0].name
        let bytes = Array("{\"case\":\"x\",\"facts\":{\"\(first)\":\"\"}}".utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONCaseReader(ruleset: ruleset).read($0, origin: "t") } == nil)
        #expect(CaseDecoder(ruleset: ruleset).decode(bytes: bytes, file: "t").input == nil)
    }

    /// A tab before the opening brace is YAML indentation: a case file starting so is rejected, and the reader
    /// leaves such a line to the decoder, which rejects it the same way; tabs between tokens are fine in both.
    @Test func leadingTabIsRejectedAsInAFile() throws {
        let ruleset = try loadRuleset(directory: bundledRulesetPath)
        let reader = JSONCaseReader(ruleset: ruleset)
        let decoder = CaseDecoder(ruleset: ruleset)
        let line = "{\"case\":\"t\",\"facts\":{\"spine.level\":\"T12\"}}"
        for prefix in ["\t", " \t", "\t ", "\r\t"] {
            let bytes = Array((prefix + line).utf8)
            #expect(bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") } == nil, "\(Array(prefix.utf8))")
            let decoded = decoder.decode(bytes: bytes, file: "t")
            #expect(
                decoded.input == nil && decoded.diagnostics.contains { $0.code == "yaml.tab-indentation" },
                "\(Array(prefix.utf8))")
        }
        for text in [" " + line, "{\t\"facts\":\t{\"spine.level\":\t\"T12\"}\t}\t"] {
            let bytes = Array(text.utf8)
            let fast = try #require(bytes.withUnsafeBufferPointer { reader.read($0, origin: "t") }, "\(text)")
            #expect(fast.facts == decoder.decode(bytes: bytes, file: "t").input?.facts, "\(text)")
        }
    }
}
