import GuidelineDiagnostics
import Testing

@testable import GuidelineYAML

@Suite struct LimitTests {
    @Test func defaults() {
        let limits = YAMLLimits.default
        #expect(limits.maxInputBytes == 4 * 1024 * 1024)
        #expect(limits.maxDepth == 64)
        #expect(limits.maxNodes == 100_000)
        #expect(limits.maxAliases == 1_000)
    }

    @Test func billionLaughsFailsFast() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"]
        var previous = "a"
        for name in names {
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            text += "\(name): &\(name) [\(refs)]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var document: YAMLDocument?
        let elapsed = clock.measure { document = load(text) }
        let result = try #require(document)
        let error = try #require(diagnostic(result, "yaml.node-limit"))
        #expect(error.message == "the file has more than 100000 nodes, the limit")
        #expect(error.help == ["each alias counts every node it repeats"])
        #expect(result.root == nil)
        #expect(elapsed < .seconds(2) * Sanitizers.slowdown)
    }

    @Test func boundedAliasesAreExpanded() throws {
        let document = load("defaults: &d {unit: mo, min: 0}\nlife: *d\n")
        #expect(document.diagnostics.isEmpty)
        let life = try #require(document.root?["life"])
        #expect(life["unit"]?.asString == "mo")
        #expect(life.range == span(2, 7, 2, 9))
        // Children keep the anchored text's positions.
        #expect(life["unit"]?.range == span(1, 21, 1, 23))
    }

    @Test func aliasLimit() throws {
        let text = "a: &a x\nb: [" + Array(repeating: "*a", count: 11).joined(separator: ", ") + "]\n"
        let document = load(text, limits: YAMLLimits(maxAliases: 10))
        let error = try #require(diagnostic(document, "yaml.alias-limit"))
        #expect(error.message == "more than 10 aliases, the limit for one file")
        #expect(load(text, limits: YAMLLimits(maxAliases: 11)).diagnostics.isEmpty)
    }

    @Test func depthLimit() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let document = load(deep)
        let error = try #require(diagnostic(document, "yaml.depth-limit"))
        #expect(error.message == "nesting is deeper than the limit of 64 levels")
        #expect(error.range?.start == loc(1, 65))
        #expect(document.root == nil)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(load(ok).diagnostics.isEmpty)
        let block = "a:\n  b:\n    c: 1\n"
        #expect(diagnostic(load(block, limits: YAMLLimits(maxDepth: 2)), "yaml.depth-limit")?.range?.start == loc(3, 5))
        #expect(load(block, limits: YAMLLimits(maxDepth: 3)).diagnostics.isEmpty)
    }

    @Test func depthLimitCountsAliasedCollections() throws {
        let text = "a: &a [[[x]]]\nb: [[*a]]\n"
        let document = load(text, limits: YAMLLimits(maxDepth: 4))
        #expect(diagnostic(document, "yaml.depth-limit")?.range == span(2, 6, 2, 8))
    }

    @Test func hugeDeepInputFailsFast() {
        let deep = String(repeating: "[", count: 1_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(diagnostic(load(deep), "yaml.depth-limit") != nil)
        }
        #expect(elapsed < .seconds(2) * Sanitizers.slowdown)
    }

    @Test func nodeLimit() throws {
        let text = "[" + Array(repeating: "x", count: 10).joined(separator: ", ") + "]"
        let document = load(text, limits: YAMLLimits(maxNodes: 10))
        let error = try #require(diagnostic(document, "yaml.node-limit"))
        #expect(error.message == "the file has more than 10 nodes, the limit")
        #expect(error.range?.start == loc(1, 29))
        #expect(error.help.isEmpty)
        #expect(load(text, limits: YAMLLimits(maxNodes: 11)).diagnostics.isEmpty)
    }

    @Test func sizeLimit() throws {
        let text = "a: " + String(repeating: "x", count: 100)
        let document = load(text, limits: YAMLLimits(maxInputBytes: 64))
        let error = try #require(diagnostic(document, "yaml.size-limit"))
        #expect(error.message == "the file is 103 bytes, more than the limit of 64 bytes")
        #expect(error.range?.start == loc(1, 1))
        #expect(document.root == nil)
        #expect(load(text, limits: YAMLLimits(maxInputBytes: 103)).diagnostics.isEmpty)
    }
}
