import GuidelineDiagnostics
import GuidelineYAML

/// Fuzz target `yaml`: the YAML loader on arbitrary bytes, with the default limits and with tiny ones.
///
/// Invariants: every diagnostic has a location; an error leaves no tree unless it is a recoverable one; every
/// node of a tree has a sane range; scalar source maps are monotonic; diagnostics render.
public enum YAMLFuzzTarget {
    /// The file name used in locations.
    public static let file = "fuzz.yaml"
    /// Small limits, so inputs of a few kilobytes reach every limit.
    static let tinyLimits = YAMLLimits(maxInputBytes: 2048, maxDepth: 5, maxNodes: 64, maxAliases: 4)

    /// Loads `bytes` and checks the invariants.
    public static func run(_ bytes: [UInt8]) -> FuzzReport {
        var report = FuzzReport()
        var sources = SourceStore()
        if let text = String(validating: bytes, as: UTF8.self) { sources.add(file: file, text: text) }
        for limits in [YAMLLimits.default, tinyLimits] {
            let document = YAMLLoader(limits: limits).load(bytes: bytes, file: file)
            if limits == .default {
                report.accepted = !document.hasErrors
                report.diagnostics = document.diagnostics.count
            }
            FuzzInvariants.located(document.diagnostics, requireRange: true, in: &report)
            report.require(
                document.diagnostics.allSatisfy { $0.range?.start.file == file },
                "a diagnostic names another file")
            FuzzInvariants.rendered(document.diagnostics, sources: sources, in: &report)
            if let root = document.root { visit(root, in: &report) }
        }
        return report
    }

    /// Checks a node and its children.
    static func visit(_ node: YAMLNode, in report: inout FuzzReport) {
        FuzzInvariants.sane(node.range, "\(node.kindName) at \(node.range)", in: &report)
        switch node.kind {
        case .scalar(let scalar):
            _ = (node.asBool(), node.asInteger(), node.asDecimal(), scalar.isNull)
            let length = scalar.value.unicodeScalars.count
            FuzzInvariants.sane(scalar.valueRange, "value range of scalar at \(node.range)", in: &report)
            var previous = scalar.location(at: 0)
            for offset in stride(from: 1, through: length, by: max(1, length / 64)) {
                let location = scalar.location(at: offset)
                report.require(
                    (previous.line, previous.column) <= (location.line, location.column),
                    "scalar source map goes backwards at offset \(offset) of the scalar at \(node.range)")
                previous = location
            }
            _ = scalar.range(of: -3..<(length + 3))
        case .sequence(let items):
            for item in items { visit(item, in: &report) }
        case .mapping(let pairs):
            for pair in pairs {
                visit(pair.key, in: &report)
                visit(pair.value, in: &report)
            }
        }
    }
}
