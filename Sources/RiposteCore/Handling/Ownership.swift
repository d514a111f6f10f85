import Foundation

/// Someone who may be designated on an incident: a person of the organisation and the roles
/// they hold.
public struct Designee: Sendable, Equatable {
    public let id: UUID
    /// Their name as it was when designated: the journal keeps it.
    public let name: String
    public let roles: Set<Role>

    public init(id: UUID, name: String = "", roles: Set<Role>) {
        self.id = id
        self.name = name
        self.roles = roles
    }

    /// Whether they handle incidents at all: the owner and the members of an incident must.
    public var handlesIncidents: Bool { !roles.isDisjoint(with: PermissionMatrix.handlers) }

    /// The role they are told as: their first that handles incidents, in the plan's order.
    public var handlingRole: Role? {
        Role.allCases.first { roles.contains($0) && PermissionMatrix.handlers.contains($0) }
    }

    /// This person, told as `handlingRole`, and only them (not the role's other holders).
    public var recipient: NotificationRecipient? { handlingRole.map { NotificationRecipient(role: $0, person: id) } }
}

/// The employee designated to handle an incident (§4.2.1–§4.2.3 "l'employé désigné"): by
/// default whoever qualifies it; the helpdesk manager and the incident manager hand it to
/// another (`assignOwner`). The new owner is told.
public struct OwnerChange: Sendable, Equatable {
    public let from: UUID?
    public let to: Designee

    /// The owner, the journal's entry and the new owner's notice.
    public func effects(severity: Severity?) -> IncidentEffects {
        var details = ["to": to.id.uuidString, "name": to.name]
        if let from { details["from"] = from.uuidString }
        return IncidentEffects(
            owner: to.id, journal: [.init(.ownerAssigned, details: details)],
            events: to.recipient.map { [.init(.assigned, severity: severity, to: [$0])] } ?? [])
    }
}

/// A person added to an incident's response team (§4.2.3 step 4), or taken off it.
public struct MembershipChange: Sendable, Equatable {
    public let member: Designee
    public let added: Bool

    /// The journal's entry, and the new member's notice.
    public func effects(severity: Severity?) -> IncidentEffects {
        IncidentEffects(
            journal: [
                .init(
                    added ? .memberAdded : .memberRemoved, details: ["user": member.id.uuidString, "name": member.name])
            ],
            events: added ? member.recipient.map { [.init(.memberAdded, severity: severity, to: [$0])] } ?? [] : [])
    }
}

extension IncidentEffects {
    /// A qualification's effects that also designate `owner`: the owner is recorded on the
    /// qualification's own journal entry, one act, one entry.
    public func designating(_ owner: OwnerChange?) -> IncidentEffects {
        guard let owner, let first = journal.first else { return self }
        var effects = self
        var details = first.details
        details["owner"] = owner.to.id.uuidString
        details["ownerName"] = owner.to.name
        effects.owner = owner.to.id
        effects.journal[0] = Entry(first.kind, text: first.text, details: details, times: first.times)
        return effects
    }
}

extension Lifecycle {
    /// Judges designating `owner` on an incident whose owner is `current`.
    public static func assignOwner(
        _ incident: IncidentState, current: UUID?, to owner: Designee, roles: Set<Role>
    ) -> Result<OwnerChange, LifecycleError> {
        guard PermissionMatrix.allows(roles, .assignOwner, severity: incident.severity) else {
            return .failure(.forbidden(.assignOwner))
        }
        if let finished = finishedForHandling(incident) { return .failure(finished) }
        guard owner.handlesIncidents else { return .failure(.notAHandler) }
        guard owner.id != current else { return .failure(.unchanged) }
        return .success(OwnerChange(from: current, to: owner))
    }

    /// The owner a qualification designates: whoever qualifies an incident that has none.
    public static func defaultOwner(_ current: UUID?, qualifiedBy person: Designee) -> OwnerChange? {
        guard current == nil, person.handlesIncidents else { return nil }
        return OwnerChange(from: nil, to: person)
    }

    /// Judges adding `member` to the response team, or taking them off it (`added` false),
    /// given whether they are on it now.
    public static func changeMembership(
        _ incident: IncidentState, member: Designee, added: Bool, isMember: Bool, roles: Set<Role>
    ) -> Result<MembershipChange, LifecycleError> {
        guard PermissionMatrix.allows(roles, .manageMembers, severity: incident.severity) else {
            return .failure(.forbidden(.manageMembers))
        }
        if let finished = finishedForHandling(incident) { return .failure(finished) }
        if added, !member.handlesIncidents { return .failure(.notAHandler) }
        guard added != isMember else { return .failure(.unchanged) }
        return .success(MembershipChange(member: member, added: added))
    }
}
