import Foundation
import RiposteCore
import SQLKit
import Vapor

/// `/notifications`: what Riposte told the person (escalations, plan activations), newest first.
struct NotificationsPageController {
    struct Page: Encodable {
        struct Item: Encodable {
            let id: UUID
            let number: String
            let subject: String
            let text: String
            let createdAt: String
            let read: Bool
        }

        let page: PageFrame
        let items: [Item]
    }

    func show(_ req: Request) async throws -> View {
        let user = try req.apiUser
        let language = req.pageLanguage
        let rows = try await req.db.sql().raw(
            """
            SELECT id, payload, role, flow, created_at, read_at FROM notifications WHERE user_id = \(bind: user.id) \
            ORDER BY created_at DESC, id DESC LIMIT 100
            """
        ).all()
        let items = try rows.map { row in
            let event = try JSONDecoder().decode(
                NotificationEvent.self, from: Data(try row.decode(column: "payload", as: String.self).utf8))
            let recipient = NotificationRecipient(
                role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .reporter,
                flow: try row.decode(column: "flow", as: Int?.self))
            return Page.Item(
                id: try row.decode(column: "id", as: UUID.self), number: event.incidentNumber,
                subject: NotificationText.subject(event, in: language),
                text: NotificationText.body(event, for: recipient, in: language),
                createdAt: req.display(try row.decode(column: "created_at", as: Date.self)),
                read: try row.decode(column: "read_at", as: Date?.self) != nil)
        }
        return try await req.view.render(
            "notifications", Page(page: try await req.frame("notifications.title"), items: items))
    }

    func markRead(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        guard let id = req.parameters.get("id", as: UUID.self) else { throw APIError.notFound("Notification") }
        let now = req.now
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw(
                """
                UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now)) \
                WHERE id = \(bind: id) AND user_id = \(bind: user.id)
                """
            ).run()
        }
        return req.redirect(to: "/notifications")
    }

    /// The person's language, kept with their account.
    func chooseLanguage(_ req: Request) async throws -> Response {
        let user = try req.apiUser
        guard let language = (try? req.content.get(String.self, at: "language")).flatMap(Language.init) else {
            throw WebError(.unprocessableEntity, messageKey: "error.invalid")
        }
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await tx.sql().raw("UPDATE users SET language = \(bind: language.rawValue) WHERE id = \(bind: user.id)")
                .run()
        }
        let back = req.headers.first(name: .referer).flatMap { URL(string: $0)?.path } ?? "/"
        return req.redirect(to: SignInController.safeNext(back))
    }
}
