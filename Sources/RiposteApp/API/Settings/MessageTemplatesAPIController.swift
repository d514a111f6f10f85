import Foundation
import RiposteCore
import Vapor

/// `/api/v1/settings/message-templates`: the wording of the messages sent from incidents, per
/// kind and language (#16 point 4). Reading and writing them is the administrator's.
struct MessageTemplatesAPIController: RouteCollection {
    struct TemplatesDTO: Content {
        let templates: [AdminActions.MessageTemplateEntry]
    }

    struct TemplatesBody: Content {
        struct Item: Content {
            let kind: MessageKind
            let language: Language
            /// Both absent: back to the catalogue's wording.
            let subject: String?
            let body: String?
        }
        let templates: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "message-templates", use: show)
        routes.put("settings", "message-templates", use: update)
    }

    func show(_ req: Request) async throws -> Response {
        try Response.json(
            TemplatesDTO(templates: try await req.admin.messageTemplates(wording: req.application.catalogue)))
    }

    func update(_ req: Request) async throws -> Response {
        let admin = try req.admin
        let body = try req.decodeBody(TemplatesBody.self)
        guard body.templates.count <= MessageKind.allCases.count * Language.allCases.count else {
            throw FieldError(
                field: "templates", problem: .tooLong, limit: MessageKind.allCases.count * Language.allCases.count)
        }
        for (index, item) in body.templates.enumerated() where (item.subject == nil) != (item.body == nil) {
            throw FieldError(
                field: "templates[\(index)].\(item.subject == nil ? "subject" : "body")", problem: .required)
        }
        try await admin.saveMessageTemplates(body.templates.map { ($0.kind, $0.language, $0.subject, $0.body) })
        return try Response.json(
            TemplatesDTO(templates: try await admin.messageTemplates(wording: req.application.catalogue)))
    }
}
