import Fluent
import Foundation
import RiposteCore
import SQLKit
import Vapor

/// One person's notifications, as the API and the pages both show them: written in the
/// reader's language at reading time, from the event stored with each.
struct Inbox: Sendable {
    let database: any Database
    let gate: WriteGate
    let user: UUID
    let wording: Catalogue
    /// Fans out waiting events first (once per request, see `Request.settleOutbox`).
    let settle: @Sendable () async throws -> Void

    func items(limit: Int, unreadOnly: Bool, in language: Language) async throws -> [NotificationDTO] {
        try await settle()
        var query: SQLQueryString = """
            SELECT id, incident_id, payload, role, flow, created_at, read_at FROM notifications \
            WHERE user_id = \(bind: user)
            """
        if unreadOnly { query += " AND read_at IS NULL" }
        query += " ORDER BY created_at DESC, id DESC LIMIT \(literal: limit)"
        return try await database.sql().raw(query).all().map { row in
            let event = try JSONDecoder().decode(
                NotificationEvent.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            let recipient = NotificationRecipient(
                role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reporter,
                flow: try row.decode(column: "flow", as: Int?.self))
            return NotificationDTO(
                id: try row.decode(column: "id", as: UUID.self), event: event.kind,
                incidentId: try row.decode(column: "incident_id", as: UUID?.self), incidentNumber: event.incidentNumber,
                subject: NotificationText.subject(event, in: language, wording: wording),
                text: NotificationText.body(event, for: recipient, in: language, wording: wording),
                role: recipient.role,
                flow: recipient.flow, createdAt: try row.decode(column: "created_at", as: Date.self),
                readAt: try row.decode(column: "read_at", as: Date?.self))
        }
    }

    func unreadCount() async throws -> Int {
        try await settle()
        return try await database.sql().raw(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: user) AND read_at IS NULL"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Marks one of the person's notifications read; false when they have none with this id.
    func markRead(_ id: UUID, at now: Date) async throws -> Bool {
        let user = self.user
        return try await gate.transaction(on: database) { tx in
            try await tx.sql().raw(
                """
                UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) \
                WHERE id = \(bind: id) AND user_id = \(bind: user) RETURNING id
                """
            ).first() != nil
        }
    }
}

extension Request {
    func inbox(of user: ActingPerson) -> Inbox {
        Inbox(
            database: db, gate: application.writeGate, user: user.id, wording: application.catalogue,
            settle: settleOutbox)
    }
}
