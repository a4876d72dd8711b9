import GuidelineDiagnostics

/// A point table over facts with a total, a declared range and bands.
package struct ScoreDeclaration: Sendable {
    /// One option of a component: the fact values it covers and its points.
    package struct Option: Sendable {
        /// The key as written (`C3..C6`, `mechanical`, `true`).
        package var label: String
        /// The enum ordinals covered (for boolean facts: 0 = false, 1 = true).
        package var ordinals: [Int]
        /// The points.
        package var points: Int
        /// Where the key is written.
        package var range: SourceRange
    }

    /// One component: a fact and its options.
    package struct Component: Sendable {
        /// The component id (`location`).
        package var id: String
        /// The fact it reads.
        package var fact: String
        /// The options, in order.
        package var options: [Option]
        /// Where the component is declared.
        package var range: SourceRange
        /// Where the fact name is written.
        package var factRange: SourceRange

        /// The smallest points of any option.
        package var minimum: Int { options.map(\.points).min() ?? 0 }
        /// The largest points of any option.
        package var maximum: Int { options.map(\.points).max() ?? 0 }
    }

    /// One band: a label and an inclusive range of totals.
    package struct Band: Sendable {
        /// The label (`unstable`).
        package var label: String
        /// The lowest total in the band.
        package var lower: Int
        /// The highest total in the band.
        package var upper: Int
        /// Where the band is declared.
        package var range: SourceRange
    }

    /// The score id; the total is named so in expressions, the band `<id>.band`.
    package var id: String
    /// The title.
    package var title: String
    /// An optional description.
    package var description: String?
    /// The lowest declared total.
    package var lower: Int
    /// The highest declared total.
    package var upper: Int
    /// The components, in order.
    package var components: [Component]
    /// The bands, in order.
    package var bands: [Band]
    /// Citations for the score table.
    package var citations: [Citation]
    /// Where the score is declared.
    package var range: SourceRange
}
