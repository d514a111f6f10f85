import Foundation
import RiposteCore
import SQLKit

/// What the incident page shows around the incident itself, read in one statement: the names
/// of the people it mentions (its reporter, its journal's authors, who ticked its steps), the
/// viewer's e-mail address, the parties named on it, the directory's clients and suppliers to
/// name, and the incident types to qualify with. Each list is one branch of a `UNION ALL`,
/// told apart by its first column; the lists a viewer may not see are not read at all.
package struct IncidentSurroundings: Sendable {
    package struct Party: Sendable, Equatable {
        package let id: UUID
        package let name: String
        package let relation: PartyRelation

        package init(id: UUID, name: String, relation: PartyRelation) {
            self.id = id
            self.name = name
            self.relation = relation
        }
    }

    package var names: [UUID: String] = [:]
    package var viewerEmail = ""
    package var involved: [Party] = []
    package var directory: [(id: UUID, name: String)] = []
    package var types: [String] = []
    /// The response team's members, in the order they joined (#16 point 1).
    package var members: [(id: UUID, name: String)] = []
    /// People who may own the incident or join its team: those holding a role that handles
    /// incidents, not disabled; read for those who designate them only.
    package var handlers: [(id: UUID, name: String)] = []
    /// The plan's essential activities with their RTO in seconds, and those the incident impacts.
    package var activities: [Activity] = []
    package var impacted: [Activity] = []

    package struct Activity: Sendable, Equatable {
        package let id: UUID
        package let name: String
        package let rtoSeconds: Int
    }

    package init(
        names: [UUID: String] = [:], viewerEmail: String = "", involved: [Party] = [],
        directory: [(id: UUID, name: String)] = [], types: [String] = []
    ) {
        self.names = names
        self.viewerEmail = viewerEmail
        self.involved = involved
        self.directory = directory
        self.types = types
    }

    package static func read(
        _ incident: IncidentRow, viewer: UUID, withParties: Bool, withDirectory: Bool, withHandlers: Bool = false,
        on sql: any SQLDatabase
    ) async throws -> IncidentSurroundings {
        var query: SQLQueryString = """
            SELECT 'person' AS list, id, name, NULL AS relation FROM users WHERE id = \(bind: incident.reporterId) \
            OR id = \(bind: incident.ownerId) \
            OR id IN (SELECT author_id FROM journal_entries WHERE incident_id = \(bind: incident.id)) \
            OR id IN (SELECT done_by FROM checklist_items WHERE incident_id = \(bind: incident.id)) \
            UNION ALL SELECT 'email', id, email, NULL FROM users WHERE id = \(bind: viewer) \
            UNION ALL SELECT 'type', NULL, name, NULL FROM incident_types
            """
        if withParties {
            query += """
                 UNION ALL SELECT 'involved', parties.id, parties.name, incident_parties.relation \
                FROM incident_parties JOIN parties ON parties.id = incident_parties.party_id \
                WHERE incident_parties.incident_id = \(bind: incident.id)
                """
        }
        if withParties {
            // The members' time of joining rides in the fourth column, as text that sorts.
            query += """
                 UNION ALL SELECT 'member', users.id, users.name, CAST(incident_members.added_at AS TEXT) \
                FROM incident_members JOIN users ON users.id = incident_members.user_id \
                WHERE incident_members.incident_id = \(bind: incident.id) \
                UNION ALL SELECT 'activity', id, name, CAST(rto_seconds AS TEXT) FROM essential_activities \
                WHERE retired_at IS NULL OR id IN \
                (SELECT activity_id FROM impacted_activities WHERE incident_id = \(bind: incident.id)) \
                UNION ALL SELECT 'impacted', essential_activities.id, essential_activities.name, \
                CAST(essential_activities.rto_seconds AS TEXT) FROM impacted_activities \
                JOIN essential_activities ON essential_activities.id = impacted_activities.activity_id \
                WHERE impacted_activities.incident_id = \(bind: incident.id)
                """
        }
        if withHandlers {
            let roles = PermissionMatrix.handlers.map(\.rawValue).sorted()
            query += """
                 UNION ALL SELECT 'handler', id, name, NULL FROM users WHERE disabled_at IS NULL \
                AND id IN (SELECT user_id FROM role_assignments WHERE role IN (\(binds: roles)))
                """
        }
        if withDirectory {
            query += " UNION ALL SELECT 'directory', id, name, NULL FROM parties WHERE kind IN ('client', 'supplier')"
        }
        query += " ORDER BY 1, 3"
        var found = IncidentSurroundings()
        var members: [(id: UUID, name: String, since: String)] = []
        for row in try await sql.raw(query).all() {
            let name = try row.decode(column: "name", as: String.self)
            let id = try row.decode(column: "id", as: UUID?.self)
            let list = try row.decode(column: "list", as: String.self)
            switch list {
            case "person": if let id { found.names[id] = name }
            case "email": found.viewerEmail = name.lowercased()
            case "type": found.types.append(name)
            case "involved":
                let relation = try row.decode(column: "relation", as: String?.self).flatMap(PartyRelation.init)
                if let id { found.involved.append(Party(id: id, name: name, relation: relation ?? .affected)) }
            case "directory": if let id { found.directory.append((id, name)) }
            case "member":
                if let id { members.append((id, name, try row.decode(column: "relation", as: String.self))) }
            case "handler": if let id { found.handlers.append((id, name)) }
            case "activity", "impacted":
                let rto = Int(try row.decode(column: "relation", as: String.self)) ?? 0
                guard let id else { continue }
                let activity = Activity(id: id, name: name, rtoSeconds: rto)
                if list == "activity" { found.activities.append(activity) } else { found.impacted.append(activity) }
            default: break
            }
        }
        found.members = members.sorted { ($0.since, $0.name) < ($1.since, $1.name) }.map { ($0.id, $0.name) }
        return found
    }
}
