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
        _ incident: IncidentRow, viewer: UUID, withParties: Bool, withDirectory: Bool, on sql: any SQLDatabase
    ) async throws -> IncidentSurroundings {
        var query: SQLQueryString = """
            SELECT 'person' AS list, id, name, NULL AS relation FROM users WHERE id = \(bind: incident.reporterId) \
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
        if withDirectory {
            query += " UNION ALL SELECT 'directory', id, name, NULL FROM parties WHERE kind IN ('client', 'supplier')"
        }
        query += " ORDER BY 1, 3"
        var found = IncidentSurroundings()
        for row in try await sql.raw(query).all() {
            let name = try row.decode(column: "name", as: String.self)
            let id = try row.decode(column: "id", as: UUID?.self)
            switch try row.decode(column: "list", as: String.self) {
            case "person": if let id { found.names[id] = name }
            case "email": found.viewerEmail = name.lowercased()
            case "type": found.types.append(name)
            case "involved":
                let relation = try row.decode(column: "relation", as: String?.self).flatMap(PartyRelation.init)
                if let id { found.involved.append(Party(id: id, name: name, relation: relation ?? .affected)) }
            case "directory": if let id { found.directory.append((id, name)) }
            default: break
            }
        }
        return found
    }
}
