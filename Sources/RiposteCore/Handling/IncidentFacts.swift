import Foundation

/// The facts of an incident that those handling it keep true as it goes: the register's short
/// description, team in charge and "Description détaillée (impact, durée, activités impactées,
/// ressources allouées)" (§4.2). They are corrected or completed at any stage before the ticket
/// is closed; the reporter's own words stay in the journal's first entry.
public struct IncidentFacts: Sendable, Equatable {
    public var title: String
    public var description: String
    public var impact: String?
    public var resourcesAllocated: String?
    public var customersAffected: Bool
    public var team: String?
    /// The essential activities it disrupts, whose RTOs drive the escalation to the continuity
    /// manager: sorted, without repeats.
    public var impactedActivityIDs: [UUID]

    public init(
        title: String, description: String, impact: String? = nil, resourcesAllocated: String? = nil,
        customersAffected: Bool = false, team: String? = nil, impactedActivityIDs: [UUID] = []
    ) {
        self.title = title
        self.description = description
        self.impact = impact
        self.resourcesAllocated = resourcesAllocated
        self.customersAffected = customersAffected
        self.team = team
        self.impactedActivityIDs = Self.normalised(impactedActivityIDs)
    }

    /// The fields, as the API and the journal name them.
    public enum Field: String, CaseIterable, Sendable {
        case title, description, impact, resourcesAllocated, customersAffected, team, impactedActivityIds
    }

    /// A field's value as the journal keeps it: text as typed, `true`/`false`, ids joined by commas.
    public func text(of field: Field) -> String {
        switch field {
        case .title: title
        case .description: description
        case .impact: impact ?? ""
        case .resourcesAllocated: resourcesAllocated ?? ""
        case .customersAffected: customersAffected ? "true" : "false"
        case .team: team ?? ""
        case .impactedActivityIds: impactedActivityIDs.map(\.uuidString).joined(separator: ",")
        }
    }

    /// The fields whose values differ from `other`'s, in declared order.
    public func changes(from other: IncidentFacts) -> [Field] {
        Field.allCases.filter { text(of: $0) != other.text(of: $0) }
    }

    static func normalised(_ ids: [UUID]) -> [UUID] {
        Set(ids).sorted { $0.uuidString < $1.uuidString }
    }
}

/// What a person asks to change: each field given is set, the others are kept; an empty text
/// clears an optional field.
public struct IncidentFactsChange: Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var impact: String?
    public var resourcesAllocated: String?
    public var customersAffected: Bool?
    public var team: String?
    public var impactedActivityIDs: [UUID]?
    /// Whether it is an exercise: never a fact to correct, only to repeat (#20).
    public var exercise: Bool?

    public init(
        title: String? = nil, description: String? = nil, impact: String? = nil, resourcesAllocated: String? = nil,
        customersAffected: Bool? = nil, team: String? = nil, impactedActivityIDs: [UUID]? = nil,
        exercise: Bool? = nil
    ) {
        self.exercise = exercise
        self.title = title
        self.description = description
        self.impact = impact
        self.resourcesAllocated = resourcesAllocated
        self.customersAffected = customersAffected
        self.team = team
        self.impactedActivityIDs = impactedActivityIDs
    }

    /// The facts once this change is checked and applied to `facts`.
    public func applied(to facts: IncidentFacts) throws(FieldError) -> IncidentFacts {
        var result = facts
        if let title { result.title = try TextRule.required(title, field: "title", max: FieldLimits.title) }
        if let description {
            result.description = try TextRule.required(description, field: "description", max: FieldLimits.description)
        }
        if let impact { result.impact = try TextRule.optional(impact, field: "impact", max: FieldLimits.detail) }
        if let resourcesAllocated {
            result.resourcesAllocated = try TextRule.optional(
                resourcesAllocated, field: "resourcesAllocated", max: FieldLimits.detail)
        }
        if let customersAffected { result.customersAffected = customersAffected }
        if let team { result.team = try TextRule.optional(team, field: "team", max: FieldLimits.team) }
        if let impactedActivityIDs {
            guard impactedActivityIDs.count <= FieldLimits.impactedActivities else {
                throw FieldError(
                    field: "impactedActivityIds", problem: .tooLong, limit: FieldLimits.impactedActivities)
            }
            result.impactedActivityIDs = IncidentFacts.normalised(impactedActivityIDs)
        }
        return result
    }
}

/// A correction of the facts the core allowed: from what they were to what they become.
public struct FactsEdit: Sendable, Equatable {
    public let before: IncidentFacts
    public let after: IncidentFacts

    /// The new facts, and one journal entry per field changed, with its value before and after.
    public func effects() -> IncidentEffects {
        IncidentEffects(
            facts: after,
            journal: after.changes(from: before).map { field in
                .init(
                    .edited,
                    details: ["field": field.rawValue, "from": before.text(of: field), "to": after.text(of: field)])
            })
    }
}

extension Lifecycle {
    /// Judges a correction of the facts: by those who treat the incident (`editIncident`, the
    /// helpdesk within its reach) and by those it is handed to (`handlesIt`: its owner, the
    /// members of its response team, who hold a handling role), at any stage before the ticket
    /// is closed; a change that changes nothing is refused, so the journal never records one.
    public static func edit(
        _ incident: IncidentState, from before: IncidentFacts, to after: IncidentFacts, roles: Set<Role>,
        handlesIt: Bool = false, exercise: Bool? = nil
    ) -> Result<FactsEdit, LifecycleError> {
        let handler = handlesIt && !roles.isDisjoint(with: PermissionMatrix.handlers)
        guard handler || PermissionMatrix.allows(roles, .editIncident, severity: incident.severity) else {
            return .failure(.forbidden(.editIncident))
        }
        // A drill turned real would carry practice into the figures; a real incident turned
        // drill would leave them: file the other one instead.
        if let exercise, exercise != (incident.exercise != nil) { return .failure(.exerciseIsFixed) }
        if let finished = finishedForHandling(incident) { return .failure(finished) }
        guard !after.changes(from: before).isEmpty else { return .failure(.unchanged) }
        return .success(FactsEdit(before: before, after: after))
    }

    /// Whether the facts form is offered: the same judgement as `edit`, for a change that changes
    /// something. `handlesIt`: the reader owns the incident or is on its response team.
    public static func mayEditFacts(_ incident: IncidentState, roles: Set<Role>, handlesIt: Bool = false) -> Bool {
        let facts = IncidentFacts(title: "-", description: "-")
        var corrected = facts
        corrected.title = "+"
        return (try? edit(incident, from: facts, to: corrected, roles: roles, handlesIt: handlesIt).get()) != nil
    }

    /// A closed, reviewed or rejected incident is no longer handled: its facts, owner and team
    /// are what the review and the register keep.
    static func finishedForHandling(_ incident: IncidentState) -> LifecycleError? {
        switch incident.status {
        case .closed, .reviewed, .rejected: .incidentFinished(incident.status)
        default: nil
        }
    }
}
