import Foundation
import GuidelineYAML

/// The seed corpus of each fuzz target, generated from the repository's rulesets (`Rules/`) and test
/// fixtures (`Tests/Fixtures`) rather than committed.
public enum FuzzSeeds {
    /// The keys whose scalar values are expressions or text templates in rule files.
    static let expressionKeys: Set<String> = ["when", "unless", "value", "text", "range"]

    /// The seeds of `target`, found under the repository `root` (in `Rules/`, `Tests/Fixtures` and the compact
    /// ruleset `Tests/Fuzz/ruleset`): a name (unique, usable as a file name) and the input bytes for each.
    public static func seeds(for target: FuzzTarget, root: String) -> [(name: String, bytes: [UInt8])] {
        let rules = files(under: "\(root)/Rules") + files(under: "\(root)/Tests/Fuzz/ruleset")
        let fixtures = files(under: "\(root)/Tests/Fixtures")
        var seeds: [(String, [UInt8])] = []
        switch target {
        case .yaml:
            seeds = (rules + fixtures).filter(isYAMLOrJSON).compactMap { path in read(path).map { (path, $0) } }
        case .expression:
            for path in (rules + fixtures).filter({ $0.hasSuffix(".yaml") }) {
                guard let bytes = read(path) else { continue }
                let document = YAMLLoader().load(bytes: bytes, file: path)
                guard let tree = document.root else { continue }
                var found: [String] = []
                collectExpressions(tree, key: nil, into: &found)
                seeds += found.enumerated().map { ("\(path)#\($0.offset)", Array($0.element.utf8)) }
            }
        case .compile:
            for path in (rules + fixtures).filter({ $0.hasSuffix(".yaml") }) {
                let parts = path.split(separator: "/")
                guard !parts.contains("examples"), !parts.contains("tests"), !parts.contains("cases"),
                    let bytes = read(path)
                else { continue }
                // The first line names the file to replace; a fixture's own name picks one of them.
                seeds.append((path, Array("\(parts.last ?? "")\n".utf8) + bytes))
            }
        case .case:
            let cases = (rules + fixtures).filter { path in
                let parts = path.split(separator: "/")
                return isYAMLOrJSON(path) && (parts.contains("examples") || parts.contains("cases"))
            }
            seeds = cases.compactMap { path in read(path).map { (path, $0) } }
        case .jsonl:
            // The JSON cases as batches: each alone, and all of them one per line (newlines inside a case become
            // spaces), after the two control bytes (reads of 17 bytes, a line limit of 2,041 bytes).
            let cases = fixtures.filter { $0.hasSuffix(".json") }.compactMap { path in read(path).map { (path, $0) } }
            let control: [UInt8] = [16, 255]
            seeds = cases.map { ($0.0, control + $0.1) }
            let lines = cases.map {
                $0.1.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 } + [UInt8(ascii: "\n")]
            }
            seeds.append(("all-json-cases.jsonl", control + lines.joined()))
        }
        var seen = Set<[UInt8]>()
        return seeds.filter { seen.insert($0.1).inserted }.map { seed in
            (
                String(
                    seed.0.dropFirst(root.count).map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
                ), seed.1
            )
        }
    }

    /// Writes the seeds of `target` into `directory` (created if needed); returns how many.
    public static func write(for target: FuzzTarget, root: String, into directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let all = seeds(for: target, root: root)
        for seed in all {
            try Data(seed.bytes).write(to: URL(fileURLWithPath: "\(directory)/\(seed.name)"))
        }
        return all.count
    }

    /// Scalars under an expression key, and every scalar of a decision-table row's `when` mapping.
    static func collectExpressions(_ node: YAMLNode, key: String?, into found: inout [String]) {
        switch node.kind {
        case .scalar(let scalar):
            if let key, expressionKeys.contains(key), !scalar.value.isEmpty { found.append(scalar.value) }
        case .sequence(let items):
            for item in items { collectExpressions(item, key: key, into: &found) }
        case .mapping(let pairs):
            for pair in pairs {
                // Table cells (`when: {fact: cell}`) are expressions too.
                collectExpressions(pair.value, key: key == "when" ? "when" : pair.keyString, into: &found)
            }
        }
    }

    /// Every regular file under `directory`, sorted.
    static func files(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = "\(directory)/\(relative)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    static func isYAMLOrJSON(_ path: String) -> Bool {
        path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix(".json")
    }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
