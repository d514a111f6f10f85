import Foundation
import RiposteCore
import SQLKit
import Vapor

/// `/api/v1/notifications` (the caller's own) and `/api/v1/webhooks` (admin).
struct NotificationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", ":notificationId", "read", use: markRead)
        routes.get("webhooks", use: webhooks)
        routes.post("webhooks", use: createWebhook)
        routes.delete("webhooks", ":webhookId", use: deleteWebhook)
    }

    /// The caller's notifications, newest first; `unread=true` keeps the unread ones.
    func list(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        try req.refuseUnknownQueryParameters(["limit", "unread"])
        let limit = try req.pageLimit()
        let unreadOnly = try req.booleanQuery("unread") ?? false
        var query: SQLQueryString = """
            SELECT notifications.id AS id, notifications.event AS event, notifications.incident_id AS incident_id, \
            notifications.payload AS payload, notifications.role AS role, notifications.flow AS flow, \
            notifications.created_at AS created_at, notifications.read_at AS read_at
            FROM notifications WHERE notifications.user_id = \(bind: user.id)
            """
        if unreadOnly { query += " AND notifications.read_at IS NULL" }
        query += " ORDER BY notifications.created_at DESC, notifications.id DESC LIMIT \(literal: limit)"
        let sql = try req.sql
        let language = req.language
        let items = try await sql.raw(query).all().map { row in
            let event = try JSONDecoder().decode(
                NotificationEvent.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            let role = Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reporter
            let flow = try row.decode(column: "flow", as: Int?.self)
            return NotificationDTO(
                id: try row.decode(column: "id", as: UUID.self), event: event.kind,
                incidentId: try row.decode(column: "incident_id", as: UUID?.self), incidentNumber: event.incidentNumber,
                subject: NotificationText.subject(event, in: language),
                text: NotificationText.body(event, for: NotificationRecipient(role: role, flow: flow), in: language),
                role: role, flow: flow, createdAt: try row.decode(column: "created_at", as: Date.self),
                readAt: try row.decode(column: "read_at", as: Date?.self))
        }
        let unread =
            try await sql.raw(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: user.id) AND read_at IS NULL"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        return try Response.json(NotificationPageDTO(items: items, unreadCount: unread))
    }

    /// Marks one of the caller's notifications read; someone else's is not found.
    func markRead(_ req: Request) async throws -> HTTPStatus {
        let user = try req.apiUser
        guard let id = req.parameters.get("notificationId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("Notification")
        }
        let now = req.now
        let found = try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw(
                """
                UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) \
                WHERE id = \(bind: id) AND user_id = \(bind: user.id) RETURNING id
                """
            ).first() != nil
        }
        guard found else { throw APIError.notFound("Notification") }
        return .noContent
    }

    func webhooks(_ req: Request) async throws -> Response {
        try SettingsAPIController.requireSettingsRight(try req.apiUser)
        let rows = try await req.sql.raw("SELECT id, url, format, events, created_at FROM webhooks ORDER BY created_at")
            .all()
        return try Response.json(WebhookPageDTO(items: try rows.map(Self.dto)))
    }

    func createWebhook(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        try SettingsAPIController.requireSettingsRight(user)
        let body = try req.decodeBody(NewWebhookBody.self)
        let url = try FieldError.check { () throws(FieldError) in try WebhookURLRule.check(body.url) }
        guard !body.events.isEmpty else { throw APIError(FieldError(field: "events", problem: .required)) }
        let events = NotificationEventKind.allCases.filter(body.events.contains)
        let id = UUID()
        let now = req.now
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw(
                """
                INSERT INTO webhooks (id, url, format, events, created_by, created_at) VALUES (\(bind: id), \
                \(bind: url), \(bind: body.format.rawValue), \(bind: events.map(\.rawValue).joined(separator: ",")), \
                \(bind: user.id), \(bind: now))
                """
            ).run()
        }
        let dto = WebhookDTO(
            id: id, url: WebhookURLRule.redacted(url), format: body.format, events: events,
            createdAt: JournalClock.truncate(now))
        let response = try Response.json(dto, status: .created)
        response.headers.replaceOrAdd(name: "Location", value: "/api/v1/webhooks/\(id.uuidString.lowercased())")
        return response
    }

    /// Removes a webhook; deliveries already made stay, with their history.
    func deleteWebhook(_ req: Request) async throws -> HTTPStatus {
        try SettingsAPIController.requireSettingsRight(try req.apiUser)
        guard let id = req.parameters.get("webhookId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("Webhook")
        }
        let found = try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw("DELETE FROM webhooks WHERE id = \(bind: id) RETURNING id").first() != nil
        }
        guard found else { throw APIError.notFound("Webhook") }
        return .noContent
    }

    static func dto(_ row: any SQLRow) throws -> WebhookDTO {
        WebhookDTO(
            id: try row.decode(column: "id", as: UUID.self),
            url: WebhookURLRule.redacted(try row.decode(column: "url", as: String.self)),
            format: try row.decode(column: "format", as: WebhookFormat.self),
            events: try row.decode(column: "events", as: String.self).split(separator: ",")
                .compactMap { NotificationEventKind(rawValue: String($0)) },
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }
}
