import Foundation
import RiposteCore
import SQLKit

/// The members of each incident's response team (§4.2.3 step 4 "Constituer l'équipe
/// d'intervention"), in `incident_members`.
package enum IncidentMemberStore {
    /// A member as the incident page and the API show them.
    package struct Member: Sendable, Equatable {
        package let userId: UUID
        package let name: String
        package let addedAt: Date

        package init(userId: UUID, name: String, addedAt: Date) {
            self.userId = userId
            self.name = name
            self.addedAt = addedAt
        }
    }

    package static func isMember(_ user: UUID, of incident: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            "SELECT user_id FROM incident_members WHERE incident_id = \(bind: incident) AND user_id = \(bind: user)"
        ).first() != nil
    }

    package static func add(
        _ user: UUID, to incident: UUID, by author: UUID, at: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO incident_members (incident_id, user_id, added_at, added_by) \
            VALUES (\(bind: incident), \(bind: user), \(bind: at), \(bind: author))
            """
        ).run()
    }

    package static func remove(_ user: UUID, from incident: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            "DELETE FROM incident_members WHERE incident_id = \(bind: incident) AND user_id = \(bind: user)"
        ).run()
    }

    /// The team, in the order they joined.
    package static func members(of incident: UUID, on sql: any SQLDatabase) async throws -> [Member] {
        try await sql.raw(
            """
            SELECT incident_members.user_id AS user_id, users.name AS name, incident_members.added_at AS added_at \
            FROM incident_members JOIN users ON users.id = incident_members.user_id \
            WHERE incident_members.incident_id = \(bind: incident) ORDER BY incident_members.added_at, users.name
            """
        ).all().map { row in
            Member(
                userId: try row.decode(column: "user_id", as: UUID.self),
                name: try row.decode(column: "name", as: String.self),
                addedAt: try row.decode(column: "added_at", as: Date.self))
        }
    }
}
