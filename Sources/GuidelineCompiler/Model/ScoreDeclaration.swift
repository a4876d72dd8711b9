import GuidelineDiagnostics

/// A point table over facts with a total, a declared range and bands.
public struct ScoreDeclaration: Sendable {
    /// One option of a component: the fact values it covers and its points.
    public struct Option: Sendable {
        /// The key as written (`C3..C6`, `mechanical`, `true`).
        public var label: String
        /// The enum ordinals covered (for boolean facts: 0 = false, 1 = true).
        public var ordinals: [Int]
        /// The points.
        public var points: Int
        /// Where the key is written.
        public var range: SourceRange
    }

    /// One component: a fact and its options.
    public struct Component: Sendable {
        /// The component id (`location`).
        public var id: String
        /// The fact it reads.
        public var fact: String
        /// The options, in order.
        public var options: [Option]
        /// Where the component is declared.
        public var range: SourceRange
        /// Where the fact name is written.
        public var factRange: SourceRange

        /// The smallest points of any option.
        public var minimum: Int { options.map(\.points).min() ?? 0 }
        /// The largest points of any option.
        public var maximum: Int { options.map(\.points).max() ?? 0 }
    }

    /// One band: a label and an inclusive range of totals.
    public struct Band: Sendable {
        /// The label (`unstable`).
        public var label: String
        /// The lowest total in the band.
        public var lower: Int
        /// The highest total in the band.
        public var upper: Int
        /// Where the band is declared.
        public var range: SourceRange
    }

    /// The score id; the total is named so in expressions, the band `<id>.band`.
    public var id: String
    /// The title.
    public var title: String
    /// An optional description.
    public var description: String?
    /// The lowest declared total.
    public var lower: Int
    /// The highest declared total.
    public var upper: Int
    /// The components, in order.
    public var components: [Component]
    /// The bands, in order.
    public var bands: [Band]
    /// Citations for the score table.
    public var citations: [Citation]
    /// Where the score is declared.
    public var range: SourceRange
}
