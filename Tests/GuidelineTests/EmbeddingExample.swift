// swift-format-ignore-file
// (The README example between the markers is kept exactly as the README shows it.)
import Foundation
import Guideline

/// The README's embedding example, compiled as written (between the markers): `FacadeTests` runs it and checks
/// that the README shows exactly this code.
enum EmbeddingExample {
    static func run(print: (String) -> Void) throws -> Data {
        // README example begins
        let guideline = try Guideline(directory: "Rules/spine-metastases")   // throws; the error renders its diagnostics
        let result = try guideline.evaluate(["spine.level": "T12", "spine.pain": "mechanical", "patient.life_expectancy": "6 mo"])
        for r in result.recommendations { print("\(r.kind) \(r.action) \(r.text)") }
        let json = try JSONEncoder().encode(result)
        // README example ends
        return json
    }
}
