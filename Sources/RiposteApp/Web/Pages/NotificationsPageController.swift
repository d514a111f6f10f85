import Foundation
import RiposteCore
import RiposteStorage
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
        let items = try await req.inbox(of: try req.actingPerson).items(
            limit: 100, unreadOnly: false, in: req.pageLanguage)
        return try await req.view.render(
            "notifications",
            Page(
                page: try await req.frame("notifications.title"),
                items: items.map {
                    Page.Item(
                        id: $0.id, number: $0.incidentNumber, subject: $0.subject, text: $0.text,
                        createdAt: req.display($0.createdAt), read: $0.readAt != nil)
                }))
    }

    func markRead(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self),
            try await req.inbox(of: try req.actingPerson).markRead(id, at: req.now)
        else { throw Refusal.notFound(.notification) }
        return req.redirect(to: .notifications)
    }

    /// The person's language, kept with their account.
    func chooseLanguage(_ req: Request) async throws -> Response {
        let user = try req.actingPerson
        guard let language = (try? req.content.get(String.self, at: "language")).flatMap(Language.init) else {
            throw WebError(.unprocessableEntity, messageKey: "error.invalid")
        }
        try await req.application.writeGate.transaction(on: req.db) { tx in
            try await PeopleStore.setLanguage(language, of: user.id, on: tx.sql())
        }
        let back = req.headers.first(name: .referer).flatMap { URL(string: $0)?.path } ?? "/"
        return req.redirect(to: SignInController.safeNext(back))
    }
}
