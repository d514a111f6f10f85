import Foundation
import RiposteCore
import SQLKit

/// The notifications each person received: the event as it happened, why they got it, and
/// whether they read it. The words are written at reading time, in the reader's language.
package enum NotificationStore {
    package struct Stored: Sendable {
        package let id: UUID
        package let incidentID: UUID?
        package let event: NotificationEvent
        package let recipient: NotificationRecipient
        package let createdAt: Date
        package let readAt: Date?
        /// The alert it belongs to, when it must be answered (#15 point 7), and its answer.
        package let alertID: UUID?
        package let acknowledgedAt: Date?
        package let acknowledgedBy: UUID?

        package init(
            id: UUID, incidentID: UUID?, event: NotificationEvent, recipient: NotificationRecipient, createdAt: Date,
            readAt: Date?, alertID: UUID? = nil, acknowledgedAt: Date? = nil, acknowledgedBy: UUID? = nil
        ) {
            self.id = id
            self.incidentID = incidentID
            self.event = event
            self.recipient = recipient
            self.createdAt = createdAt
            self.readAt = readAt
            self.alertID = alertID
            self.acknowledgedAt = acknowledgedAt
            self.acknowledgedBy = acknowledgedBy
        }
    }

    package static func latest(
        of user: UUID, limit: Int, unreadOnly: Bool, on sql: any SQLDatabase
    ) async throws -> [Stored] {
        var query: SQLQueryString = """
            SELECT n.id AS id, n.incident_id AS incident_id, n.payload AS payload, n.role AS role, n.flow AS flow, \
            n.created_at AS created_at, n.read_at AS read_at, n.alert_id AS alert_id, \
            a.acknowledged_at AS acknowledged_at, a.acknowledged_by AS acknowledged_by \
            FROM notifications n LEFT JOIN alerts a ON a.id = n.alert_id WHERE n.user_id = \(bind: user)
            """
        if unreadOnly { query += " AND n.read_at IS NULL" }
        query += " ORDER BY n.created_at DESC, n.id DESC LIMIT \(literal: limit)"
        return try await sql.raw(query).all().map { row in
            Stored(
                id: try row.decode(column: "id", as: UUID.self),
                incidentID: try row.decode(column: "incident_id", as: UUID?.self),
                event: try JSONDecoder().decode(
                    NotificationEvent.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)),
                recipient: NotificationRecipient(
                    role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reporter,
                    flow: try row.decode(column: "flow", as: Int?.self)),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                readAt: try row.decode(column: "read_at", as: Date?.self),
                alertID: try row.decode(column: "alert_id", as: UUID?.self),
                acknowledgedAt: try row.decode(column: "acknowledged_at", as: Date?.self),
                acknowledgedBy: try row.decode(column: "acknowledged_by", as: UUID?.self))
        }
    }

    package static func unreadCount(of user: UUID, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: user) AND read_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks one of the person's notifications read; false when they have none with this id.
    package static func markRead(_ id: UUID, of user: UUID, at now: Date, on sql: any SQLDatabase) async throws -> Bool
    {
        try await sql.raw(
            """
            UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) \
            WHERE id = \(bind: id) AND user_id = \(bind: user) RETURNING id
            """
        ).first() != nil
    }
}
