import Foundation
import RiposteCore
import SQLKit

/// The chat webhooks plan events are sent to: where, in which format, for which events.
package enum WebhookStore {
    package struct Webhook: Sendable {
        package let id: UUID
        package let url: String
        package let format: WebhookFormat
        package let events: [NotificationEventKind]
        package let createdAt: Date

        package init(id: UUID, url: String, format: WebhookFormat, events: [NotificationEventKind], createdAt: Date) {
            self.id = id
            self.url = url
            self.format = format
            self.events = events
            self.createdAt = createdAt
        }
    }

    package static func all(on sql: any SQLDatabase) async throws -> [Webhook] {
        try await sql.raw("SELECT id, url, format, events, created_at FROM webhooks ORDER BY created_at").all().map {
            row in
            Webhook(
                id: try row.decode(column: "id", as: UUID.self), url: try row.decode(column: "url", as: String.self),
                format: try row.decode(column: "format", as: WebhookFormat.self),
                events: try row.decode(column: "events", as: String.self).split(separator: ",")
                    .compactMap { NotificationEventKind(rawValue: String($0)) },
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    package static func create(_ webhook: Webhook, by author: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO webhooks (id, url, format, events, created_by, created_at) VALUES (\(bind: webhook.id), \
            \(bind: webhook.url), \(bind: webhook.format.rawValue), \
            \(bind: webhook.events.map(\.rawValue).joined(separator: ",")), \(bind: author), \(bind: webhook.createdAt))
            """
        ).run()
    }

    /// Whether there was such a webhook to delete.
    package static func delete(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("DELETE FROM webhooks WHERE id = \(bind: id) RETURNING id").first() != nil
    }
}
