import Foundation

/// The scaffolding around a fixture: a valid manifest and a valid rule file, each of which compiles cleanly
/// with the other (see `scaffoldingIsClean`), so that errors come from the fixture.
enum RuleScaffold {
    static let manifestHeader = """
        ruleset:
          id: demo
          title: Demo
          version: 1.0.0
        files:

        """

    static let manifestTail = """
        actions:
          physical-therapy:
            title: Physical therapy
        sources:
          fisher-2010:
            title: A novel classification system
            authors: [Fisher CG]
            year: 2010

        """

    static func manifest(listing files: [String]) -> String {
        manifestHeader + files.map { "  - \($0)\n" }.joined() + manifestTail
    }

    /// Facts the rule-file fixtures read (each added unless the fixture declares it itself).
    static let facts: [(name: String, text: String)] = [
        ("spine.pain", "    type: enum\n    values: [mechanical, occasional, none]\n    description: pain character\n"),
        ("spine.stabilized", "    type: boolean\n    description: surgical stabilisation has been done\n"),
        ("neuro.cord_compression", "    type: boolean\n    description: MRI shows epidural spinal cord compression\n"),
    ]

    /// A rule file declaring the facts that `fixture` (its text) does not declare.
    static func supportFile(for fixture: String) -> String {
        let missing = facts.filter { !fixture.contains("\n  \($0.name):") }
        guard !missing.isEmpty else { return "{}\n" }
        return "facts:\n" + missing.map { "  \($0.name):\n\($0.text)" }.joined()
    }

    /// The valid rule file the manifest fixtures list as `facts.yaml`.
    static let ruleFile = """
        facts:
          spine.pain:
            type: enum
            values: [mechanical, occasional, none]
            description: pain character
        rules:
          - id: pt-stable
            when: spine.pain == none
            recommend:
              - action: physical-therapy
                kind: recommended
                text: physical therapy is safe
            cite: [fisher-2010]

        """

    /// The files of a ruleset around `fixture` (a path in the corpus) and the file the fixture became.
    static func files(around fixture: String, text: String) -> (files: [String: String], fixtureFile: String) {
        if fixture.hasSuffix("/ruleset.yaml") {
            return (["ruleset.yaml": text, "facts.yaml": ruleFile], "ruleset.yaml")
        }
        let name = (fixture as NSString).lastPathComponent
        return (
            [
                "ruleset.yaml": manifest(listing: ["support.yaml", name]), "support.yaml": supportFile(for: text),
                name: text,
            ], name
        )
    }
}
