import Foundation
import Guideline
import Testing

/// Results are `Codable` in the form of `Schemas/result.schema.json`: `JSONEncoder` gives what
/// `guideline evaluate --format json` prints (the same members and values), and decoding is stable.
@Suite struct ResultCodableTests {
    static func exampleResults() throws -> [(name: String, result: EvaluationResult)] {
        let directory = repositoryRoot.appendingPathComponent("Rules/spine-metastases/examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
        #expect(names.count >= 5)
        return try names.map { name in
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            return (
                name,
                try FacadeTests.guideline.evaluate(
                    caseText: text, file: name, options: EvaluationOptions(explainAll: true))
            )
        }
    }

    static func parsed(_ data: Data) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject)
    }

    /// The path of the first difference between two JSON values, for messages.
    static func difference(_ a: Any, _ b: Any, path: String = "$") -> String {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            for key in Set(x.keys).union(y.keys).sorted() {
                guard let u = x[key], let v = y[key] else { return "\(path).\(key) (missing on one side)" }
                let inner = difference(u, v, path: "\(path).\(key)")
                if !inner.isEmpty { return inner }
            }
            return ""
        }
        if let x = a as? [Any], let y = b as? [Any] {
            guard x.count == y.count else { return "\(path) (\(x.count) vs \(y.count) items)" }
            for (i, pair) in zip(x, y).enumerated() {
                let inner = difference(pair.0, pair.1, path: "\(path)[\(i)]")
                if !inner.isEmpty { return inner }
            }
            return ""
        }
        return (a as? NSObject) == (b as? NSObject) ? "" : "\(path): \(a) vs \(b)"
    }

    @Test func jsonEncoderGivesTheDocumentedResult() throws {
        for (name, result) in try Self.exampleResults() {
            let encoded = try Self.parsed(JSONEncoder().encode(result))
            let printed = try Self.parsed(Data(FacadeTests.guideline.render(result, as: .json).utf8))
            #expect(
                encoded == printed, "\(name): JSONEncoder and ResultJSON differ at \(Self.difference(encoded, printed))"
            )
        }
    }

    @Test func decodingAndEncodingAgainGivesTheSameJSON() throws {
        for (name, result) in try Self.exampleResults() {
            let once = try JSONEncoder().encode(result)
            let decoded = try JSONDecoder().decode(EvaluationResult.self, from: once)
            #expect(decoded.recommendations.map(\.action) == result.recommendations.map(\.action), "\(name)")
            #expect(decoded.needs == result.needs)
            let twice = try JSONEncoder().encode(decoded)
            let (first, second) = (try Self.parsed(once), try Self.parsed(twice))
            #expect(
                first == second, "\(name): a decoded result encodes differently at \(Self.difference(first, second))")
            #expect(
                try JSONDecoder().decode(EvaluationResult.self, from: twice) == decoded,
                "\(name): decoding is not stable")
        }
    }

    @Test func resultsAreEqualWhenTheyAreTheSameEvaluation() throws {
        let facts: [String: CaseValue] = ["spine.level": "L2", "spine.pain": "mechanical"]
        #expect(try FacadeTests.guideline.evaluate(facts) == FacadeTests.guideline.evaluate(facts))
        #expect(try FacadeTests.guideline.evaluate(facts) != FacadeTests.guideline.evaluate(["spine.level": "L2"]))
    }

    @Test func valuesRoundTripInTheirReportedForm() throws {
        let values: [Value] = [
            .unknown, .bool(true), .integer(14), .number(Number("0.25")!),
            .interval(lo: Number("8")!, hi: Number("14")!),
            .quantity(Quantity("6 mo")!), .string("T12"), .list([.integer(1), .string("a")]),
            .range(.quantity(Quantity("24 h")!), .quantity(Quantity("48 h")!)),
        ]
        for value in values {
            let data = try JSONEncoder().encode([value])
            #expect(
                try JSONDecoder().decode([Value].self, from: data) == [value],
                "\(value): \(String(decoding: data, as: UTF8.self))")
        }
        #expect(
            String(decoding: try JSONEncoder().encode([Value.quantity(Quantity("6 mo")!)]), as: UTF8.self).contains(
                #""unit":"mo""#))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Value].self, from: Data(#"[{"value":1,"unit":"parsec"}]"#.utf8))
        }
    }
}
