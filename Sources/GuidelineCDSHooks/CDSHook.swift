/// The CDS Hooks hooks a ruleset is served on.
package enum CDSHook: String, Sendable, CaseIterable {
    /// The user opens a patient's record.
    case patientView = "patient-view"
    /// The user selects one or more orders (the draft orders are in the context).
    case orderSelect = "order-select"

    /// The version of the hook's definition (`cds-hooks/docs:docs/hooks/*.md`).
    package var hookVersion: String { "1.0" }

    /// The context fields the hook requires, besides `userId` and `patientId`.
    var requiredContext: [String] {
        switch self {
        case .patientView: []
        case .orderSelect: ["selections", "draftOrders"]
        }
    }
}
