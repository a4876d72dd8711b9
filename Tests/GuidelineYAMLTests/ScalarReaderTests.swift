import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

@Suite struct ScalarReaderTests {
    /// The root of `value: <text>`'s value.
    func value(_ text: String) throws -> YAMLNode {
        let document = load("value: \(text)\n")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        return try #require(document.root?["value"])
    }

    @Test(arguments: [
        "no", "on", "off", "yes", "y", "n", "08", "1e3", "0x1F", "0o17", "~", "null", "Null", "1_000", "+1", ".5",
        "True", "FALSE", "2025-12-29", ".inf", ".nan",
    ])
    func yaml11ScalarsStayStrings(_ text: String) throws {
        let node = try value(text)
        #expect(node.asString == text)
        #expect(node.scalar?.style == .plain)
        #expect(node.asBool() == nil)
        #expect(node.asInteger() == nil)
        #expect(node.asDecimal() == nil)
    }

    @Test func valuesListKeepsWords() throws {
        let values = try #require(root("values: [no, on, off, yes]")?["values"]?.sequence)
        #expect(values.compactMap(\.asString) == ["no", "on", "off", "yes"])
    }

    @Test func booleans() throws {
        #expect(try value("true").asBool() == true)
        #expect(try value("false").asBool() == false)
        #expect(try value("\"true\"").asBool() == nil)
        #expect(try value("'false'").asBool() == nil)
        // A tag is an error (TagTests), and a tagged node is still never read as a boolean.
        let tagged = load("value: !!bool true\n")
        #expect(tagged.diagnostics.map(\.code) == ["yaml.tag-not-allowed"])
        #expect(tagged.root?["value"]?.asBool() == nil)
        #expect(try value("true").asInteger() == nil)
    }

    @Test func integers() throws {
        #expect(try value("0").asInteger() == 0)
        #expect(try value("7").asInteger() == 7)
        #expect(try value("-12").asInteger() == -12)
        #expect(try value("1200").asInteger() == 1200)
        #expect(try value("9223372036854775807").asInteger() == Int.max)
        for bad in [
            "08", "-08", "00", "+1", "1_000", "1e3", "1.0", "0x1F", "'-'", "", "9223372036854775808", "\"7\"", "'7'",
            "1 2",
        ] {
            #expect(try value(bad).asInteger() == nil, "\(bad)")
        }
    }

    @Test func decimals() throws {
        #expect(try value("2.5").asDecimal() == 2.5)
        #expect(try value("-0.25").asDecimal() == -0.25)
        #expect(try value("12").asDecimal() == 12)
        for bad in [".5", "5.", "1e3", "1.5e2", "+1.5", "01.5", "inf", "nan", "\"2.5\"", "1.2.3"] {
            #expect(try value(bad).asDecimal() == nil, "\(bad)")
        }
    }

    @Test func nullLikeScalars() throws {
        #expect(try value("~").scalar?.isNull == true)
        #expect(try value("null").scalar?.isNull == true)
        #expect(try value("'null'").scalar?.isNull == false)
        #expect(try value("nil").scalar?.isNull == false)
    }

    @Test func expectHelpers() throws {
        let node = try #require(
            root("facts: [a]\nflag: yes\nquoted: \"true\"\nyear: 08\nbig: 99999999999999999999\nname: x\n"))
        var bag = DiagnosticBag()
        #expect(node["facts"]?.expectMapping("'facts'", into: &bag) == nil)
        #expect(bag.all.last?.message == "expected a mapping for 'facts', found a list")
        #expect(bag.all.last?.code == "yaml.expected-mapping")
        #expect(bag.all.last?.range == span(1, 8, 1, 11))

        #expect(node["flag"]?.expectBool("'flag'", into: &bag) == nil)
        #expect(bag.all.last?.message == "expected true or false for 'flag', found 'yes'")
        #expect(bag.all.last?.code == "yaml.expected-boolean")

        #expect(node["quoted"]?.expectBool("'quoted'", into: &bag) == nil)
        #expect(bag.all.last?.message == "expected true or false for 'quoted', found the string 'true'")
        #expect(bag.all.last?.help == ["remove the quotes: a quoted 'true' is a string"])

        #expect(node["year"]?.expectInteger("'year'", into: &bag) == nil)
        #expect(bag.all.last?.help == ["integers are written without leading zeros"])
        #expect(node["big"]?.expectInteger("'big'", into: &bag) == nil)
        #expect(bag.all.last?.help == ["the number is too large"])

        #expect(node["name"]?.expectSequence("'name'", into: &bag) == nil)
        #expect(bag.all.last?.message == "expected a list for 'name', found 'x'")
        #expect(node.expectScalar("the file", into: &bag) == nil)
        #expect(bag.all.last?.message == "expected a scalar for the file, found a mapping")
        let count = bag.all.count
        #expect(node["name"]?.expectString("'name'", into: &bag) == "x")
        #expect(node.expectMapping("the file", into: &bag)?.count == 6)
        #expect(bag.all.count == count)
    }

    @Test func kindNames() throws {
        let node = try #require(root("a: [x]\nb: {c: d}\n"))
        #expect(node.kindName == "a mapping")
        #expect(node["a"]?.kindName == "a list")
        #expect(node["a"]?.sequence?.first?.kindName == "a scalar")
        #expect(node.pair(forKey: "b")?.keyString == "b")
    }
}
