import Foundation

/// What the person who reported from outside sees of their incident on its follow-up page:
/// where it stands in words they understand, never the handlers' statuses, journal or names.
public enum PublicStage: String, CaseIterable, Sendable {
    case received
    case inProgress = "in_progress"
    case resolved
    case closed
    case notRetained = "not_retained"

    public init(_ status: IncidentStatus) {
        switch status {
        case .reported: self = .received
        case .qualified, .inTreatment, .eradication: self = .inProgress
        case .resolved: self = .resolved
        case .closed, .reviewed: self = .closed
        case .rejected: self = .notRetained
        }
    }

    /// Whether the reporter may still add what they learn.
    public var acceptsInformation: Bool { self == .received || self == .inProgress || self == .resolved }
}

/// What handlers publish for the reporter, and what the reporter adds.
public enum PublicFollowUp {
    public static let textLimit = 5_000

    /// An update a handler publishes on the follow-up page: journalled with its words.
    public static func update(_ raw: String) throws(FieldError) -> IncidentEffects {
        let text = try TextRule.required(raw, field: "text", max: textLimit)
        return .entry(.publicUpdate, text: text)
    }

    /// What the reporter adds through their follow-up link, in the journal as their words.
    public static func information(
        _ raw: String, from name: String, stage: PublicStage
    ) throws(FieldError) -> IncidentEffects {
        guard stage.acceptsInformation else { throw FieldError(field: "text", problem: .invalid) }
        let text = try TextRule.required(raw, field: "text", max: textLimit)
        return .entry(.reporterInformation, text: text, details: ["name": name])
    }
}
