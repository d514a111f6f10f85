import Foundation
import RiposteCore
import SQLKit

/// The alerts that wait for an answer (#15 point 7): written by the fan-out with their first
/// notifications, moved on by `advance` (one instance wins each move), answered by a holder.
package enum AlertStore {
    /// An alert whose stage has run out.
    package struct Due: Sendable {
        package let id: UUID
        package let incidentID: UUID?
        package let role: Role
        package let severity: Severity
        package let payload: String
        package let stage: Acknowledgement.Stage
    }

    /// An alert as the incident page shows it.
    package struct Row: Sendable {
        package let id: UUID
        package let event: NotificationEventKind
        package let payload: String
        package let role: Role
        package let severity: Severity?
        package let stage: Acknowledgement.Stage
        package let stageAt: Date
        package let createdAt: Date
        package let acknowledgedAt: Date?
        package let acknowledgedBy: UUID?
        package let acknowledgedByName: String?
        /// Whether the person reading was told of it (and so may acknowledge it).
        package let toldToReader: Bool
    }

    package static let columns = [
        "id", "incident_id", "event", "role", "severity", "payload", "stage", "stage_at", "due_at", "created_at",
    ]

    package static func insert(_ rows: [[any CellValue]], on sql: any SQLDatabase) async throws {
        try await BulkInsert.run("alerts", columns, rows, on: sql)
    }

    /// Unanswered alerts whose stage ran out at `now`, oldest first; a finished incident's alerts
    /// go no further (there is nothing left to decide).
    package static func due(at now: Date, limit: Int, on sql: any SQLDatabase) async throws -> [Due] {
        try await sql.raw(
            """
            SELECT alerts.id AS id, alerts.incident_id AS incident_id, alerts.role AS role, \
            alerts.severity AS severity, alerts.payload AS payload, alerts.stage AS stage FROM alerts \
            LEFT JOIN incidents ON incidents.id = alerts.incident_id \
            WHERE alerts.due_at <= \(bind: now) AND alerts.acknowledged_at IS NULL \
            AND (incidents.status IS NULL OR incidents.status NOT IN ('closed', 'reviewed', 'rejected')) \
            ORDER BY alerts.due_at, alerts.id LIMIT \(literal: limit)
            """
        ).all().compactMap { row in
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)),
                let severity = Severity(rawValue: try row.decode(column: "severity", as: String.self)),
                let stage = Acknowledgement.Stage(rawValue: try row.decode(column: "stage", as: Int.self))
            else { return nil }
            return Due(
                id: try row.decode(column: "id", as: UUID.self),
                incidentID: try row.decode(column: "incident_id", as: UUID?.self), role: role, severity: severity,
                payload: try row.decode(column: "payload", as: String.self), stage: stage)
        }
    }

    /// Moves an unanswered alert from `stage` to the next, due again at `dueAt`; false when
    /// another instance moved it first or someone answered meanwhile, so each move is made once.
    package static func advance(
        _ id: UUID, from stage: Acknowledgement.Stage, to next: Acknowledgement.Stage, dueAt: Date?, at now: Date,
        on sql: any SQLDatabase
    ) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE alerts SET stage = \(bind: next.rawValue), stage_at = \(bind: now), due_at = \(bind: dueAt) \
            WHERE id = \(bind: id) AND stage = \(bind: stage.rawValue) AND acknowledged_at IS NULL RETURNING id
            """
        ).first() != nil
    }

    package enum Answer: Sendable, Equatable {
        /// The person has no such notification.
        case notFound
        /// The notification is no alert: there is nothing to acknowledge.
        case notAnAlert
        /// Answered now, or already by someone else of the role.
        case acknowledged
    }

    /// A holder answers through one of their notifications: the alert stops moving on, and the
    /// notification is read.
    package static func acknowledge(
        notification id: UUID, by user: UUID, at now: Date, on sql: any SQLDatabase
    ) async throws -> Answer {
        guard
            let row = try await sql.raw(
                "SELECT alert_id FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: user)"
            ).first()
        else { return .notFound }
        guard let alert = try row.decode(column: "alert_id", as: UUID?.self) else { return .notAnAlert }
        try await sql.raw(
            """
            UPDATE alerts SET acknowledged_at = \(bind: now), acknowledged_by = \(bind: user), due_at = NULL \
            WHERE id = \(bind: alert) AND acknowledged_at IS NULL
            """
        ).run()
        _ = try await NotificationStore.markRead(id, of: user, at: now, on: sql)
        return .acknowledged
    }

    /// The person's notification of an alert, if they were told of it (as a holder of its role,
    /// or as an administrator once it reached them).
    package static func notification(of alert: UUID, for user: UUID, on sql: any SQLDatabase) async throws -> UUID? {
        try await sql.raw(
            "SELECT id FROM notifications WHERE alert_id = \(bind: alert) AND user_id = \(bind: user) LIMIT 1"
        ).first()?.decode(column: "id", as: UUID.self)
    }

    /// The incident's alerts, oldest first, with whether `reader` was told of each.
    package static func of(incident id: UUID, reader: UUID? = nil, on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw(
            """
            SELECT alerts.id AS id, alerts.event AS event, alerts.payload AS payload, alerts.role AS role, \
            alerts.severity AS severity, \
            alerts.stage AS stage, alerts.stage_at AS stage_at, alerts.created_at AS created_at, \
            alerts.acknowledged_at AS acknowledged_at, alerts.acknowledged_by AS acknowledged_by, users.name AS name, \
            (SELECT COUNT(*) FROM notifications WHERE notifications.alert_id = alerts.id \
            AND notifications.user_id = \(bind: reader ?? UUID())) AS told \
            FROM alerts LEFT JOIN users ON users.id = alerts.acknowledged_by \
            WHERE alerts.incident_id = \(bind: id) ORDER BY alerts.created_at, alerts.id
            """
        ).all().compactMap { row in
            guard let event = NotificationEventKind(rawValue: try row.decode(column: "event", as: String.self)),
                let role = Role(rawValue: try row.decode(column: "role", as: String.self)),
                let stage = Acknowledgement.Stage(rawValue: try row.decode(column: "stage", as: Int.self))
            else { return nil }
            return Row(
                id: try row.decode(column: "id", as: UUID.self), event: event,
                payload: try row.decode(column: "payload", as: String.self), role: role,
                severity: try row.decode(column: "severity", as: String?.self).flatMap(Severity.init(rawValue:)),
                stage: stage,
                stageAt: try row.decode(column: "stage_at", as: Date.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self),
                acknowledgedBy: try row.decode(column: "acknowledged_by", as: UUID?.self),
                acknowledgedByName: try row.decode(column: "name", as: String?.self),
                toldToReader: try row.decode(column: "told", as: Int.self) > 0)
        }
    }

    /// The backup contacts of annex 1 for these roles: the role's party (named by its code)
    /// and its contacts ranked backup that have an address.
    package static func backups(of roles: Set<Role>, on sql: any SQLDatabase) async throws -> [Role: [String]] {
        guard !roles.isEmpty else { return [:] }
        var result: [Role: [String]] = [:]
        for row in try await sql.raw(
            """
            SELECT parties.name AS role, contacts.email AS email FROM parties \
            JOIN contacts ON contacts.party_id = parties.id \
            WHERE parties.kind = 'role' AND contacts.rank = 'backup' AND contacts.email IS NOT NULL \
            AND parties.name IN (\(binds: roles.map(\.rawValue).sorted())) ORDER BY contacts.position
            """
        ).all() {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            let email = try row.decode(column: "email", as: String.self)
            if !email.isEmpty { result[role, default: []].append(email) }
        }
        return result
    }
}
