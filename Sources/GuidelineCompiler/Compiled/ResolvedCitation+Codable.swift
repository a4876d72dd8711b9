import GuidelineDiagnostics
import GuidelineExpression

/// A citation in its reported form (`Schemas/result.schema.json`): the source's id and details, then the section
/// and quote. Where the citation and the source are declared is not reported: decoded, they have no range.
extension ResolvedCitation: Codable {
    private enum CodingKeys: String, CodingKey {
        case source, title, year, date, authors, organization, doi, url, secondary, section, quote
    }

    /// Writes the citation with its source's details.
    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(source.id, forKey: .source)
        try keyed.encode(source.title, forKey: .title)
        try keyed.encode(source.effectiveYear, forKey: .year)
        try keyed.encode(source.date, forKey: .date)
        if !source.authors.isEmpty { try keyed.encode(source.authors, forKey: .authors) }
        try keyed.encodeIfPresent(source.organization, forKey: .organization)
        try keyed.encode(source.doi, forKey: .doi)
        try keyed.encode(source.url, forKey: .url)
        if source.secondary { try keyed.encode(true, forKey: .secondary) }
        try keyed.encode(citation.section, forKey: .section)
        try keyed.encode(citation.quote, forKey: .quote)
    }

    /// Reads a citation with its source's details.
    public init(from decoder: any Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        let nowhere = SourceRange(start: SourceLocation(file: "", line: 0, column: 0))
        let id = try keyed.decode(String.self, forKey: .source)
        let source = SourceDeclaration(
            id: id, title: try keyed.decode(String.self, forKey: .title),
            authors: try keyed.decodeIfPresent([String].self, forKey: .authors) ?? [],
            organization: try keyed.decodeIfPresent(String.self, forKey: .organization),
            year: try keyed.decodeIfPresent(Int.self, forKey: .year),
            date: try keyed.decodeIfPresent(String.self, forKey: .date),
            doi: try keyed.decodeIfPresent(String.self, forKey: .doi),
            url: try keyed.decodeIfPresent(String.self, forKey: .url),
            published: nil, note: nil, secondary: try keyed.decodeIfPresent(Bool.self, forKey: .secondary) ?? false,
            range: nowhere)
        let citation = Citation(
            source: id, section: try keyed.decodeIfPresent(String.self, forKey: .section),
            quote: try keyed.decodeIfPresent(String.self, forKey: .quote), range: nowhere)
        self.init(citation: citation, source: source)
    }
}

/// A parameter in its reported form: a value, text, an array or an object in order. Decoded, text and enum
/// words are text, and an object is a mapping.
extension ParamValue: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Writes the parameter.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .value(let value): try value.encode(to: encoder)
        case .text(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .list(let items):
            var unkeyed = encoder.unkeyedContainer()
            for item in items { try unkeyed.encode(item) }
        case .mapping(let entries):
            var keyed = encoder.container(keyedBy: Key.self)
            for entry in entries { try keyed.encode(entry.value, forKey: Key(stringValue: entry.key)) }
        }
    }

    /// Reads a parameter.
    ///
    /// Keys of an object come back in the decoder's order, which for JSON need not be the written order.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self = .text(text)
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var items: [ParamValue] = []
            while !unkeyed.isAtEnd { items.append(try unkeyed.decode(ParamValue.self)) }
            self = .list(items)
        } else if let keyed = try? decoder.container(keyedBy: Key.self),
            !Self.isQuantityOrBounds(keyed.allKeys.map(\.stringValue))
        {
            self = .mapping(
                try keyed.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                    Entry(key: $0.stringValue, value: try keyed.decode(ParamValue.self, forKey: $0))
                })
        } else {
            self = .value(try Value(from: decoder))
        }
    }

    private static func isQuantityOrBounds(_ keys: [String]) -> Bool {
        Set(keys) == ["value", "unit"] || Set(keys) == ["min", "max"]
    }
}
