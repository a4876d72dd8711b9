/// The keys of one mapping seen so far, to find duplicates: a list while the mapping is small (the usual
/// case, where hashing every key costs more than comparing a few), a dictionary once it is large.
struct KeySet {
    /// Up to this many keys are searched one by one.
    private static let listLimit = 16

    private var list: [(text: String, node: YAMLNode)] = []
    private var table: [String: YAMLNode]?

    /// The key node first registered under `text` (compared as Swift strings, as a dictionary would).
    func first(_ text: String) -> YAMLNode? {
        if let table { return table[text] }
        for entry in list where entry.text == text { return entry.node }
        return nil
    }

    /// Registers `node` under `text`; the caller has checked that `text` is new.
    mutating func insert(_ node: YAMLNode, as text: String) {
        if table != nil {
            table![text] = node
            return
        }
        list.append((text, node))
        if list.count > Self.listLimit {
            table = Dictionary(list.map { ($0.text, $0.node) }, uniquingKeysWith: { first, _ in first })
            list = []
        }
    }
}
