/// A small valid ruleset written by the tests: a manifest and one rule file with facts, a score with bands,
/// a derived value, a table and rules. It compiles with no diagnostics at all; the planted-error tests change
/// exactly one thing in it.
enum BaseRuleset {
    static let manifest = """
        ruleset:
          id: planted
          title: Planted errors
          version: 1.0.0
        files:
          - main.yaml
        actions:
          physical-therapy:
            title: Physical therapy
          mri-whole-spine:
            title: Whole-spine MRI
        sources:
          fisher-2010:
            title: A novel classification system for spinal instability in neoplastic disease
            authors: [Fisher CG, DiPaola CP]
            year: 2010
          seed-000:
            title: SINS-guided physical therapy for bone metastases
            organization: Dr.Oracle
            date: 2025-12-29

        """

    static let main = """
        facts:
          spine.level:
            type: enum
            ordered: true
            values: [C1, C2, C3, T1]
            description: the vertebral level of the lesion
          spine.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain character
          spine.stabilized:
            type: boolean
            description: surgical stabilisation has been done
          patient.life_expectancy:
            type: quantity
            unit: mo
            range: 0 mo..1200 mo
            description: estimated life expectancy
          neuro.presentation:
            type: enum
            values: [local-back-pain, radicular-pain, suspected-mescc]
            description: neurological presentation
        scores:
          sins:
            title: Spinal Instability Neoplastic Score (excerpt)
            range: 0..6
            cite: [fisher-2010]
            components:
              location:
                fact: spine.level
                points:
                  C1..C2: 3
                  C3: 0
                  T1: 3
              pain:
                fact: spine.pain
                points: {mechanical: 3, occasional: 1, none: 0}
            bands:
              stable: 0..2
              potentially-unstable: 3..4
              unstable: 5..6
        derived:
          mescc.suspected:
            description: clinical features suggest epidural spinal cord compression
            value: neuro.presentation == suspected-mescc
        tables:
          mri.urgency:
            description: time to whole-spine MRI by presentation
            hit: unique
            complete: true
            inputs: [neuro.presentation]
            outputs: [within]
            rows:
              - when: {neuro.presentation: local-back-pain}
                then: {within: 2 wk}
              - when: {neuro.presentation: radicular-pain}
                then: {within: 24 h}
              - when: {neuro.presentation: suspected-mescc}
                then: {within: 24 h}
        rules:
          - id: pt-contraindicated-unstable
            title: Physical therapy contraindicated in an unstable spine
            when: sins.band == unstable and not spine.stabilized
            recommend:
              - action: physical-therapy
                kind: contraindicated
                urgency: urgent
                text: SINS {sins} is unstable; no physical therapy until surgical stabilisation
            cite:
              - fisher-2010
          - id: pt-stable
            when: sins.band == stable and spine.pain == none and patient.life_expectancy >= 3 mo
            recommend:
              - action: physical-therapy
                kind: recommended
                text: physical therapy is safe
                cite:
                  - source: seed-000
                    section: For SINS 0-6 (Stable Lesions)
          - id: mri-urgent
            when: mescc.suspected
            recommend:
              - action: mri-whole-spine
                kind: recommended
                urgency: immediate
                text: whole-spine MRI within {mri.urgency.within}
            cite: [seed-000]

        """

    /// The files of the base ruleset.
    static var files: [String: String] { ["ruleset.yaml": manifest, "main.yaml": main] }
}
