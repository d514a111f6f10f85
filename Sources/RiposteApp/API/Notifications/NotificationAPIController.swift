import Foundation
import RiposteCore
import RiposteStorage
import SQLKit
import Vapor

/// `/api/v1/notifications` (the caller's own) and `/api/v1/webhooks` (admin).
struct NotificationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", ":notificationId", "read", use: markRead)
        routes.post("notifications", ":notificationId", "acknowledge", use: acknowledge)
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
        else { throw Refusal.notFound(.notification) }
        return .noContent
    }

    /// Acknowledges an alert for the caller's role: it stops going to the backup and the
    /// administrators. Someone else's notification is not found.
    func acknowledge(_ req: Request) async throws -> HTTPStatus {
        let inbox = req.inbox(of: try req.actingPerson)
        guard let id = req.parameters.get("notificationId").flatMap(UUID.init(uuidString:)) else {
            throw Refusal.notFound(.notification)
        }
        try await inbox.acknowledge(id, at: req.now)
        return .noContent
    }

    func webhooks(_ req: Request) async throws -> Response {
        try SettingsAPIController.requireSettingsRight(try req.actingPerson)
        return try Response.json(WebhookPageDTO(items: try await WebhookStore.all(on: req.sql).map(Self.dto)))
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
            throw FieldError(field: "url", problem: .invalid)
        }
        guard !body.events.isEmpty else { throw FieldError(field: "events", problem: .required) }
        let events = NotificationEventKind.allCases.filter(body.events.contains)
        let id = UUID.random()
        let now = req.now
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await WebhookStore.create(
                .init(id: id, url: url, format: body.format, events: events, createdAt: now), by: user.id,
                on: tx.sql())
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
            throw Refusal.notFound(.webhook)
        }
        let found = try await req.application.writeGate.transaction(on: req.db) { tx in
            try await WebhookStore.delete(id, on: tx.sql())
        }
        guard found else { throw Refusal.notFound(.webhook) }
        return .noContent
    }

    static func dto(_ webhook: WebhookStore.Webhook) -> WebhookDTO {
        WebhookDTO(
            id: webhook.id, url: WebhookURLRule.redacted(webhook.url), format: webhook.format, events: webhook.events,
            createdAt: webhook.createdAt)
    }
}
