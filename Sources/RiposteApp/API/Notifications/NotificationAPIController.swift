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
        let inbox = req.inbox(of: try req.actingPerson)
        let query = req.queryParameters
        try query.refuseUnknown(["limit", "unread"])
        let items = try await inbox.items(
            limit: try query.pageLimit(), unreadOnly: try query.boolean("unread") ?? false, in: req.language)
        return try Response.json(NotificationPageDTO(items: items, unreadCount: try await inbox.unreadCount()))
    }

    /// Marks one of the caller's notifications read; someone else's is not found.
    func markRead(_ req: Request) async throws -> HTTPStatus {
        let inbox = req.inbox(of: try req.actingPerson)
        guard let id = req.parameters.get("notificationId").flatMap(UUID.init(uuidString:)),
            try await inbox.markRead(id, at: req.now)
        else { throw APIError.notFound("Notification") }
        return .noContent
    }

    func webhooks(_ req: Request) async throws -> Response {
        try SettingsAPIController.requireSettingsRight(try req.actingPerson)
        let rows = try await req.sql.raw("SELECT id, url, format, events, created_at FROM webhooks ORDER BY created_at")
            .all()
        return try Response.json(WebhookPageDTO(items: try rows.map(Self.dto)))
    }

    func createWebhook(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        try SettingsAPIController.requireSettingsRight(user)
        let body = try req.decodeBody(NewWebhookBody.self)
        let url = try FieldError.check { () throws(FieldError) in try WebhookURLRule.check(body.url) }
        // A host that does not resolve now is judged again at each delivery.
        if case .refused = try await req.application.webhookTargets.judge(
            url, on: req.application.threadPool, eventLoop: req.eventLoop)
        {
            throw APIError(FieldError(field: "url", problem: .invalid))
        }
        guard !body.events.isEmpty else { throw APIError(FieldError(field: "events", problem: .required)) }
        let events = NotificationEventKind.allCases.filter(body.events.contains)
        let id = UUID.random()
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
        try SettingsAPIController.requireSettingsRight(try req.actingPerson)
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
