import Foundation
import RiposteCore
import SQLKit

package enum FollowUpStatus: String, Codable, CaseIterable, Sendable {
    case open
    case done
}

/// A follow-up action of a review, as stored.
package struct FollowUpRecord: Codable, Sendable {
    package let id: UUID
    package let incidentId: UUID?
    package let incidentNumber: String?
    package let title: String
    package let ownerId: UUID?
    package let ownerRole: Role?
    package let dueOn: String?
    package let status: FollowUpStatus
    package let createdAt: Date
    package let doneAt: Date?

    package init(
        id: UUID, incidentId: UUID?, incidentNumber: String?, title: String, ownerId: UUID?, ownerRole: Role?,
        dueOn: String?, status: FollowUpStatus, createdAt: Date, doneAt: Date?
    ) {
        self.id = id
        self.incidentId = incidentId
        self.incidentNumber = incidentNumber
        self.title = title
        self.ownerId = ownerId
        self.ownerRole = ownerRole
        self.dueOn = dueOn
        self.status = status
        self.createdAt = createdAt
        self.doneAt = doneAt
    }
}

/// The follow-ups of reviews (§4.6): listed, added by hand or from a review's answers, done.
package enum FollowUpStore {
    package static func all(status: FollowUpStatus?, on sql: any SQLDatabase) async throws -> [FollowUpRecord] {
        var query: SQLQueryString = """
            SELECT follow_ups.id AS id, follow_ups.incident_id AS incident_id, incidents.number AS number, \
            follow_ups.title AS title, follow_ups.owner_id AS owner_id, follow_ups.owner_role AS owner_role, \
            follow_ups.due_on AS due_on, follow_ups.status AS status, follow_ups.created_at AS created_at, \
            follow_ups.done_at AS done_at FROM follow_ups LEFT JOIN incidents ON incidents.id = follow_ups.incident_id
            """
        if let status { query += " WHERE follow_ups.status = \(bind: status.rawValue)" }
        query += " ORDER BY follow_ups.status DESC, follow_ups.due_on, follow_ups.created_at"
        return try await sql.raw(query).all().map { row in
            FollowUpRecord(
                id: try row.decode(column: "id", as: UUID.self),
                incidentId: try row.decode(column: "incident_id", as: UUID?.self),
                incidentNumber: try row.decode(column: "number", as: String?.self),
                title: try row.decode(column: "title", as: String.self),
                ownerId: try row.decode(column: "owner_id", as: UUID?.self),
                ownerRole: try row.decode(column: "owner_role", as: String?.self).flatMap(Role.init),
                dueOn: try row.decode(column: "due_on", as: String?.self),
                status: FollowUpStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
                createdAt: try row.decode(column: "created_at", as: Date.self),
                doneAt: try row.decode(column: "done_at", as: Date?.self))
        }
    }

    /// The follow-ups created within `from`…`to`, but an exercise's: whether each is done, and
    /// its due day.
    package static func created(
        from: Date, to: Date, on sql: any SQLDatabase
    ) async throws -> [(done: Bool, dueOn: String?)] {
        try await sql.raw(
            """
            SELECT follow_ups.status AS status, follow_ups.due_on AS due_on FROM follow_ups \
            LEFT JOIN incidents ON incidents.id = follow_ups.incident_id \
            WHERE follow_ups.created_at >= \(bind: from) AND follow_ups.created_at <= \(bind: to) \
            AND incidents.exercise IS NULL
            """
        ).all().map {
            (
                try $0.decode(column: "status", as: String.self) == FollowUpStatus.done.rawValue,
                try $0.decode(column: "due_on", as: String?.self)
            )
        }
    }

    /// The open follow-ups with a due day that are `person`'s or one of `roles`'.
    package static func due(
        for person: UUID, roles: Set<Role>, limit: Int, on sql: any SQLDatabase
    ) async throws -> [FollowUpRecord] {
        let roleNames = roles.map(\.rawValue).sorted()
        let byRole: SQLQueryString = roleNames.isEmpty ? "" : " OR follow_ups.owner_role IN (\(binds: roleNames))"
        return try await sql.raw(
            """
            SELECT follow_ups.id AS id, follow_ups.incident_id AS incident_id, incidents.number AS number, \
            follow_ups.title AS title, follow_ups.due_on AS due_on FROM follow_ups \
            LEFT JOIN incidents ON incidents.id = follow_ups.incident_id \
            WHERE follow_ups.status = \(bind: FollowUpStatus.open.rawValue) AND follow_ups.due_on IS NOT NULL \
            AND (follow_ups.owner_id = \(bind: person)\(byRole)) ORDER BY follow_ups.due_on LIMIT \(literal: limit)
            """
        ).all().map { row in
            FollowUpRecord(
                id: try row.decode(column: "id", as: UUID.self),
                incidentId: try row.decode(column: "incident_id", as: UUID?.self),
                incidentNumber: try row.decode(column: "number", as: String?.self),
                title: try row.decode(column: "title", as: String.self), ownerId: person, ownerRole: nil,
                dueOn: try row.decode(column: "due_on", as: String?.self), status: .open, createdAt: .distantPast,
                doneAt: nil)
        }
    }

    package static func incidentExists(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM incidents WHERE id = \(bind: id)").first() != nil
    }

    package static func personExists(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM users WHERE id = \(bind: id)").first() != nil
    }

    /// A follow-up; `source` is `manual`, or `review:<question>` for one a review's answer made.
    package static func insert(
        id: UUID, incident: UUID?, title: String, owner: UUID?, ownerRole: Role?, dueOn: String?, source: String,
        at now: Date, on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO follow_ups (id, incident_id, title, owner_id, owner_role, due_on, status, source, created_at) \
            VALUES (\(bind: id), \(bind: incident), \(bind: title), \(bind: owner), \(bind: ownerRole?.rawValue), \
            \(bind: dueOn), 'open', \(bind: source), \(bind: now))
            """
        ).run()
    }

    /// Whether the incident already has the follow-up a source makes.
    package static func exists(incident: UUID, source: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw(
            "SELECT id FROM follow_ups WHERE incident_id = \(bind: incident) AND source = \(bind: source)"
        ).first() != nil
    }

    /// Whether there was such a follow-up to change.
    package static func setStatus(
        _ id: UUID, _ status: FollowUpStatus, at now: Date, on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE follow_ups SET status = \(bind: status.rawValue), \
            done_at = \(bind: status == .done ? now : nil as Date?) WHERE id = \(bind: id) RETURNING id
            """
        ).first() != nil
    }
}
