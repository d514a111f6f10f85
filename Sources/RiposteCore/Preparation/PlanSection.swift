/// The parts of the plan the template leaves to the organisation (#20 point 3), each its own
/// text in Markdown: how to report an incident (§4.2 "Pensez à décrire les moyens de signaler
/// les incidents"), the rules of communication (chapter II notes G and H), how to return to
/// normal (§4.5), and the predetermined criteria of each severity (§4.2 "critères
/// prédéterminés"), shown beside the qualification form.
public enum PlanSection: String, CaseIterable, Sendable, Codable {
    case reporting
    case communication
    case recovery
    case criteriaLow = "criteria_low"
    case criteriaMinor = "criteria_minor"
    case criteriaMajor = "criteria_major"
    case criteriaCrisis = "criteria_crisis"

    /// The criteria of a severity.
    public static func criteria(of severity: Severity) -> PlanSection {
        switch severity {
        case .low: .criteriaLow
        case .minor: .criteriaMinor
        case .major: .criteriaMajor
        case .crisis: .criteriaCrisis
        }
    }

    public var severity: Severity? { Severity.allCases.first { Self.criteria(of: $0) == self } }

    /// A section's longest text.
    public static let maximumLength = 20_000

    /// The text as it is kept: trimmed, within the limit, no NUL; empty means not written yet.
    public static func checked(_ text: String, field: String = "text") throws(FieldError) -> String {
        try TextRule.optional(text, field: field, max: maximumLength) ?? ""
    }
}
