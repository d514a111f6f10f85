import Foundation
import RiposteCore
import RiposteStorage
import SQLKit

/// Who handles an incident and what it is (#16 points 1 and 2): its facts corrected as it goes,
/// its owner, the members of its response team.
extension IncidentActions {
    /// Corrects or completes the facts (title, description, impact, resources, customers
    /// affected, team, impacted activities); one journal entry per field, before and after.
    @discardableResult
    func edit(_ reference: String, _ asked: IncidentFactsChange, expectedVersion: Int?) async throws -> UUID {
        let (roles, person) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let before = try await change.facts()
            let after = try FieldError.check { () throws(FieldError) in try asked.applied(to: before) }
            // Its owner and its response team's members handle it, whatever their role's reach.
            let isMember = try await IncidentMemberStore.isMember(
                person, of: change.incidentID, on: change.database.sql())
            let handlesIt = change.incident.ownerId == person || isMember
            let decision = try Lifecycle.edit(
                change.incident.state, from: before, to: after, roles: roles, handlesIt: handlesIt,
                exercise: asked.exercise
            ).orThrow()
            try await change.apply(decision.effects())
        }.id
    }

    /// Hands the incident to another person to handle; they are told.
    @discardableResult
    func assignOwner(_ reference: String, to userID: UUID, expectedVersion: Int?) async throws -> UUID {
        let roles = actor.roles
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let designee = try await Self.designee(userID, on: change.database.sql())
            let decision = try Lifecycle.assignOwner(
                change.incident.state, current: change.incident.ownerId, to: designee, roles: roles
            ).orThrow()
            try await change.apply(decision.effects(severity: change.incident.state.severity))
        }.id
    }

    /// Adds a person to the incident's response team, or takes them off it; a new member is told.
    @discardableResult
    func changeMembership(
        _ reference: String, of userID: UUID, added: Bool, expectedVersion: Int?
    ) async throws -> UUID {
        let (roles, author) = (actor.roles, actor.id)
        return try await change(reference, expectedVersion: expectedVersion) { change in
            let sql = try change.database.sql()
            let isMember = try await IncidentMemberStore.isMember(userID, of: change.incidentID, on: sql)
            // Someone taken off the team may have left the organisation since.
            let member =
                added || !isMember
                ? try await Self.designee(userID, on: sql)
                : Designee(id: userID, name: try await PeopleStore.name(of: userID, on: sql) ?? "", roles: [])
            let decision = try Lifecycle.changeMembership(
                change.incident.state, member: member, added: added, isMember: isMember, roles: roles
            ).orThrow()
            if added {
                try await IncidentMemberStore.add(userID, to: change.incidentID, by: author, at: change.at, on: sql)
            } else {
                try await IncidentMemberStore.remove(userID, from: change.incidentID, on: sql)
            }
            try await change.apply(decision.effects(severity: change.incident.state.severity))
        }.id
    }

    /// The incident's response team.
    func members(_ reference: String) async throws -> [IncidentMemberStore.Member] {
        try requireHandler()
        return try await IncidentMemberStore.members(of: try await find(reference).id, on: reader.database)
    }

    /// A person who may be designated; 422 for anyone who is not (or no longer) a user.
    static func designee(_ id: UUID, on sql: any SQLDatabase) async throws -> Designee {
        guard let designee = try await PeopleStore.designee(id, on: sql) else {
            throw FieldError(field: "userId", problem: .unknown)
        }
        return designee
    }
}
