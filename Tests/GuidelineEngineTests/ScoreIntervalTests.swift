import GuidelineCompiler
import GuidelineEngine
import GuidelineExpression
import Testing

/// Scores with unknown components: the total is an interval, the band is known only when the whole
/// interval lies in one band.
@Suite struct ScoreIntervalTests {
    /// A SINS-like score with the canonical points (Fisher 2010), and rules on its band and total.
    static let rules = """
        facts:
          x.location:
            type: enum
            values: [junctional, mobile, semirigid, rigid]
            description: location
          x.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain
          x.lesion:
            type: enum
            values: [lytic, mixed, blastic]
            description: bone lesion
          x.alignment:
            type: enum
            values: [subluxation, deformity, normal]
            description: alignment
          x.collapse:
            type: enum
            values: [over-50, under-50, body-involved, none]
            description: collapse
          x.posterolateral:
            type: enum
            values: [bilateral, unilateral, none]
            description: posterolateral involvement
        scores:
          ins:
            title: Instability score
            range: 0..18
            cite: [src]
            components:
              location:
                fact: x.location
                points: {junctional: 3, mobile: 2, semirigid: 1, rigid: 0}
              pain:
                fact: x.pain
                points: {mechanical: 3, occasional: 1, none: 0}
              lesion:
                fact: x.lesion
                points: {lytic: 2, mixed: 1, blastic: 0}
              alignment:
                fact: x.alignment
                points: {subluxation: 4, deformity: 2, normal: 0}
              collapse:
                fact: x.collapse
                points: {over-50: 3, under-50: 2, body-involved: 1, none: 0}
              posterolateral:
                fact: x.posterolateral
                points: {bilateral: 3, unilateral: 1, none: 0}
            bands:
              stable: 0..6
              potentially-unstable: 7..12
              unstable: 13..18
        rules:
          - id: unstable-band
            when: ins.band == unstable
            recommend:
              - {action: surgery, kind: recommended, text: "score {ins} is unstable"}
            cite: [src]
          - id: total-at-least-13
            when: ins >= 13
            recommend:
              - {action: review, kind: recommended, text: review}
            cite: [src]
        """

    func ruleset() throws -> CompiledRuleset {
        try makeRuleset(Self.rules, actions: ["surgery", "review"])
    }

    @Test func unknownPainButCertainlyUnstable() throws {
        // 3 + ? + 2 + 4 + 3 + 1 = 13..16: every possible total is unstable.
        let result = try evaluate(
            """
            facts:
              x.location: junctional
              x.lesion: lytic
              x.alignment: subluxation
              x.collapse: over-50
              x.posterolateral: unilateral
            """, ruleset: ruleset())
        let score = try #require(result.score("ins"))
        #expect(score.value == nil)
        #expect(score.minimum == 13)
        #expect(score.maximum == 16)
        #expect(score.band == "unstable")
        #expect(score.possibleBands == ["unstable"])
        let pain = try #require(score.components.first { $0.id == "pain" })
        #expect(pain.points == nil)
        #expect(pain.option == nil)
        #expect(pain.value == .unknown)
        #expect(pain.minimum == 0 && pain.maximum == 3)
        let location = try #require(score.components.first { $0.id == "location" })
        #expect(location.points == 3)
        #expect(location.option == "junctional")
        // The known band and the interval both decide rules.
        #expect(result.firedRules == ["unstable-band", "total-at-least-13"])
        #expect(result.undetermined.isEmpty)
        #expect(result.needs.isEmpty)
    }

    @Test func intervalStraddlingTwoBands() throws {
        // 3 + ? + 2 + 4 + 2 + 1 = 12..15: potentially unstable or unstable.
        let result = try evaluate(
            """
            facts:
              x.location: junctional
              x.lesion: lytic
              x.alignment: subluxation
              x.collapse: under-50
              x.posterolateral: unilateral
            """, ruleset: ruleset())
        let score = try #require(result.score("ins"))
        #expect(score.value == nil)
        #expect(score.minimum == 12)
        #expect(score.maximum == 15)
        #expect(score.band == nil)
        #expect(score.possibleBands == ["potentially-unstable", "unstable"])
        #expect(result.firedRules.isEmpty)
        #expect(result.undeterminedRules == ["unstable-band", "total-at-least-13"])
        #expect(result.needs == ["x.pain"])
        // The rendered text says the band is not determined and names both.
        let text = ResultText(style: .text(colored: false)).render(result)
        #expect(text.contains("12..15"))
        #expect(text.contains("band not determined: potentially-unstable or unstable"))
    }

    @Test func everyComponentKnownGivesAnExactTotal() throws {
        let result = try evaluate(
            """
            facts:
              x.location: junctional
              x.pain: mechanical
              x.lesion: lytic
              x.alignment: subluxation
              x.collapse: under-50
              x.posterolateral: unilateral
            """, ruleset: ruleset())
        let score = try #require(result.score("ins"))
        #expect(score.value == 15)
        #expect(score.minimum == 15 && score.maximum == 15)
        #expect(score.band == "unstable")
        #expect(result.recommendation("surgery")?.text == "score 15 is unstable")
    }

    @Test func nothingKnownSpansEveryBand() throws {
        let result = try evaluate("facts: {}", ruleset: ruleset())
        let score = try #require(result.score("ins"))
        #expect(score.value == nil)
        #expect(score.minimum == 0 && score.maximum == 18)
        #expect(score.band == nil)
        #expect(score.possibleBands == ["stable", "potentially-unstable", "unstable"])
        #expect(result.needs == ["x.alignment", "x.collapse", "x.lesion", "x.location", "x.pain", "x.posterolateral"])
    }

    @Test func bandEdgeIsInclusive() throws {
        // 2 + ? + 0 + 2 + 2 + 1 = 7..10: wholly potentially unstable, lower edge 7 included.
        let result = try evaluate(
            """
            facts:
              x.location: mobile
              x.lesion: blastic
              x.alignment: deformity
              x.collapse: under-50
              x.posterolateral: unilateral
            """, ruleset: ruleset())
        let score = try #require(result.score("ins"))
        #expect(score.minimum == 7 && score.maximum == 10)
        #expect(score.band == "potentially-unstable")
        #expect(result.undeterminedRules.isEmpty, "a known band below 'unstable' decides both rules false")
    }
}
