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
            /// An alert still waiting for an answer from the reader's role (#15 point 7).
            let acknowledge: Bool
            /// When it was answered, by whom, if it was.
            let acknowledged: String
        }

        let page: PageFrame
        let items: [Item]
    }

    func show(_ req: Request) async throws -> View {
        let items = try await req.inbox(of: try req.actingPerson).items(
            limit: 100, unreadOnly: false, in: req.pageLanguage)
        let answerers = Set(items.compactMap(\.acknowledgedBy))
        var names: [UUID: String] = [:]
        for id in answerers { names[id] = try await PeopleStore.name(of: id, on: req.db.sql()) }
        return try await req.view.render(
            "notifications",
            Page(
                page: try await req.frame("notifications.title"),
                items: items.map { item in
                    Page.Item(
                        id: item.id, number: item.incidentNumber, subject: item.subject, text: item.text,
                        createdAt: req.display(item.createdAt), read: item.readAt != nil,
                        acknowledge: item.needsAcknowledgement && item.acknowledgedAt == nil,
                        acknowledged: item.acknowledgedAt.map { at in
                            let who = item.acknowledgedBy.flatMap { names[$0] } ?? ""
                            return req.t("notifications.acknowledgedBy", req.display(at), who)
                        } ?? "")
                }))
    }

    func markRead(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self),
            try await req.inbox(of: try req.actingPerson).markRead(id, at: req.now)
        else { throw Refusal.notFound(.notification) }
        return req.redirect(to: .notifications)
    }

    /// Acknowledges the alert for the reader's role: it goes no further.
    func acknowledge(_ req: Request) async throws -> Response {
        guard let id = req.parameter(.id, as: UUID.self) else { throw Refusal.notFound(.notification) }
        try await req.inbox(of: try req.actingPerson).acknowledge(id, at: req.now)
        req.leaveNotice("notifications.acknowledged")
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
