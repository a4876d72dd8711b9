import GuidelineDiagnostics
import GuidelineYAML

/// Decodes `cite:`: a source id, or a list of source ids and `{source, section, quote}` mappings.
enum CitationDecoder {
    static func decode(_ node: YAMLNode, bag: inout DiagnosticBag) -> [Citation] {
        let items = node.sequence ?? [node]
        return items.compactMap { item in
            if let scalar = item.scalar {
                return Citation(source: scalar.value, section: nil, quote: nil, range: item.range)
            }
            guard
                let reader = MappingReader(
                    item, what: "a citation", allowed: ["source", "section", "quote"], required: ["source"], bag: &bag),
                let source = reader.string("source", bag: &bag)
            else { return nil }
            return Citation(
                source: source, section: reader.string("section", bag: &bag), quote: reader.string("quote", bag: &bag),
                range: reader["source"]?.range ?? item.range)
        }
    }
}
