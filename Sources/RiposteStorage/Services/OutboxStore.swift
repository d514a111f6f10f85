import Foundation
import RiposteCore
import SQLKit

/// The outbox: events written in the transaction of the change that made them, waiting to be
/// fanned out into each person's notifications and each channel's deliveries.
package enum OutboxStore {
    package struct WaitingEvent: Sendable {
        package let id: UUID
        package let incidentID: UUID?
        package let event: NotificationEvent
        /// The event as stored, written again into each notification as it is.
        package let payload: String
        package let recipients: [NotificationRecipient]
        package let author: UUID?
        package let createdAt: Date

        package init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            incidentID = try row.decode(column: "incident_id", as: UUID?.self)
            payload = try row.decode(column: "payload", as: String.self)
            event = try JSONDecoder().decode(NotificationEvent.self, from: Data(payload.utf8))
            recipients = RecipientList.decode(try row.decode(column: "recipients", as: String.self))
            author = try row.decode(column: "author_id", as: UUID?.self)
            createdAt = try row.decode(column: "created_at", as: Date.self)
        }
    }

    /// Who holds the roles an event names, and the webhooks: read once for many events.
    package struct Directory: Sendable {
        package struct Person: Sendable {
            package let id: UUID
            package let email: String
            package let language: Language?
            /// Declared away until then (#15 point 7): their role's alerts go to the backup.
            package let awayUntil: Date?
            /// The kinds of event they receive in-app only.
            package let emailOff: Set<NotificationEventKind>

            package init(
                id: UUID, email: String, language: Language?, awayUntil: Date? = nil,
                emailOff: Set<NotificationEventKind> = []
            ) {
                self.id = id
                self.email = email
                self.language = language
                self.awayUntil = awayUntil
                self.emailOff = emailOff
            }
        }

        package var holders: [Role: [Person]] = [:]
        package var webhooks: [WebhookRow] = []
        /// Annex 1's backup contacts of each role, with an address (`AlertStore.backups`).
        package var backups: [Role: [String]] = [:]

        package init(holders: [Role: [Person]] = [:], webhooks: [WebhookRow] = [], backups: [Role: [String]] = [:]) {
            self.holders = holders
            self.webhooks = webhooks
            self.backups = backups
        }

        package static func load(roles: Set<Role>, on database: any SQLDatabase) async throws -> Directory {
            var directory = Directory()
            if !roles.isEmpty {
                let rows = try await database.raw(
                    """
                    SELECT users.id AS id, users.email AS email, users.language AS language, users.away_until AS away_until,
                    users.email_off AS email_off, role_assignments.role AS role
                    FROM role_assignments JOIN users ON users.id = role_assignments.user_id
                    WHERE role_assignments.role IN (\(binds: roles.map(\.rawValue).sorted())) AND users.disabled_at IS NULL
                    ORDER BY users.email
                    """
                ).all()
                for row in rows {
                    guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
                    directory.holders[role, default: []].append(
                        Person(
                            id: try row.decode(column: "id", as: UUID.self),
                            email: try row.decode(column: "email", as: String.self),
                            language: try row.decode(column: "language", as: String?.self).flatMap(Language.init),
                            awayUntil: try row.decode(column: "away_until", as: Date?.self),
                            emailOff: Set(
                                (try row.decode(column: "email_off", as: String?.self) ?? "").split(separator: ",")
                                    .compactMap { NotificationEventKind(rawValue: String($0)) })))
                }
            }
            directory.webhooks = try await database.raw(
                "SELECT id, url, format, events FROM webhooks ORDER BY created_at"
            ).all().map { try $0.decode(model: WebhookRow.self) }
            directory.backups = try await AlertStore.backups(of: roles, on: database)
            return directory
        }
    }

    /// The common case, nothing waiting, costs one indexed probe.
    package static func hasWaiting(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT id FROM outbox_events LIMIT 1").first() != nil
    }

    /// The oldest waiting events, locked (skipping those another instance holds).
    package static func take(limit: Int, on sql: any SQLDatabase) async throws -> [WaitingEvent] {
        return try await sql.raw(
            """
            SELECT id, incident_id, payload, recipients, author_id, created_at FROM outbox_events \
            ORDER BY created_at, id LIMIT \(literal: limit)\(sql.engine.skipLocked)
            """
        ).all().map(WaitingEvent.init)
    }

    package static func remove(_ ids: [UUID], on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM outbox_events WHERE id IN (\(binds: ids))").run()
    }

    /// The notifications and deliveries of a batch, with multi-row inserts.
    package static func insert(
        notifications: [[any CellValue]], deliveries: [[any CellValue]], on sql: any SQLDatabase
    ) async throws {
        try await BulkInsert.run(
            "notifications",
            ["id", "user_id", "incident_id", "event", "payload", "role", "flow", "created_at", "alert_id"],
            notifications, on: sql)
        try await BulkInsert.run(
            "deliveries",
            [
                "id", "incident_id", "event", "channel", "target", "webhook_id", "subject", "payload", "state",
                "attempts", "next_attempt_at", "created_at",
            ], deliveries, on: sql)
    }
}
